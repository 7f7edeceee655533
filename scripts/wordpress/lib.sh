# Shared settings for the scripts in scripts/wordpress/ (sourced, not run).
# Everything lives in one state folder and listens on 127.0.0.1 only, so the rig never touches the
# machine's own nginx/php-fpm/mariadb services and can be thrown away with `rm -rf "$WP_STATE"`.

WP_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WP_STATE=${MASTHEAD_WP_STATE:-/var/lib/masthead-wordpress}
WP_PORT=${MASTHEAD_WP_PORT:-8088}
WP_HOST=127.0.0.1
WP_URL="http://$WP_HOST:$WP_PORT"
# Debian's /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-$WORDPRESS_CONFIG.php;
# nginx passes WORDPRESS_CONFIG, so the rig does not depend on the Host header.
# A second rig beside the first (another engineer's, another port): give it its own name too, since
# the config file lives in /etc/wordpress.
WP_CONFIG_NAME=${MASTHEAD_WP_CONFIG_NAME:-masthead}
WP_CONFIG_FILE=/etc/wordpress/config-$WP_CONFIG_NAME.php
WP_DB_NAME=masthead_wp
WP_DB_USER=masthead_wp
WP_ENV_FILE=${MASTHEAD_WP_ENV_FILE:-$WP_SCRIPTS/.env.wordpress}
WP_RUN="$WP_STATE/run"
WP_MYSQL_RUN="$WP_STATE/mysql-run"
WP_SOCKET="$WP_MYSQL_RUN/mysqld.sock"
WP_LOGS="$WP_STATE/logs"

log() { printf '> %s\n' "$*"; }
die() { printf 'wordpress: %s\n' "$*" >&2; exit 1; }

# Runs a PHP script inside WordPress (php-cli). Debian ships no wp-cli; the scripts in php/ bootstrap
# wp-load.php themselves.
wp_php() {
  WORDPRESS_CONFIG=$WP_CONFIG_NAME MASTHEAD_WP_URL=$WP_URL php8.2 -d memory_limit=256M -d display_errors=stderr "$@"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
