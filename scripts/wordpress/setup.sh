#!/usr/bin/env bash
# Installs, configures, starts and seeds a real WordPress on 127.0.0.1 for Masthead's tests.
# Idempotent: a second run skips what is done, restarts nothing that runs, and reseeds the content.
#
#   scripts/wordpress/setup.sh            # install + start + seed; writes scripts/wordpress/.env.wordpress
#   scripts/wordpress/setup.sh --archive 3000   # …and 3,000 generated older posts (issue 15's archive)
#   scripts/wordpress/stop.sh             # stop it (by PID)
#
# Optional environment: MASTHEAD_WP_PORT (8088), MASTHEAD_WP_STATE (/var/lib/masthead-wordpress),
# MASTHEAD_WP_CONFIG_NAME (masthead; set it, with the two above, to run a second rig side by side),
# MASTHEAD_WP_ENV_FILE (where the credentials are written),
# MASTHEAD_SITE_URL / MASTHEAD_PREVIEW_SECRET / MASTHEAD_REVALIDATE_SECRET (the Masthead site the
# mu-plugin points WordPress's preview link and publish webhook at; both off when unset).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ARCHIVE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) ARCHIVE=${2:?--archive needs a number of posts}; shift 2 ;;
    *) die "unknown argument $1 (known: --archive N)" ;;
  esac
done
[[ "$ARCHIVE" =~ ^[0-9]+$ ]] || die "--archive needs a number of posts, got $ARCHIVE"

[ "$(id -u)" = 0 ] || die "run as root (it installs Debian packages and starts services)"

# 1. Packages. nginx and php8.2-fpm are listed before wordpress so apt does not pick Apache to satisfy
#    wordpress's web server dependency.
PACKAGES=(nginx php8.2-fpm php8.2-cli php8.2-mysql php8.2-gd php8.2-curl php8.2-xml php8.2-mbstring mariadb-server wordpress)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

# 2. State folder, secrets generated once and kept.
mkdir -p "$WP_STATE" "$WP_RUN" "$WP_LOGS" "$WP_STATE/nginx" "$WP_STATE/wp-content/uploads" "$WP_STATE/wp-content/mu-plugins" "$WP_STATE/wp-content/plugins" "$WP_STATE/wp-content/themes"
mkdir -p "$WP_MYSQL_RUN" && chown mysql:mysql "$WP_MYSQL_RUN"
[ -f "$WP_STATE/db-password" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$WP_STATE/db-password")
[ -f "$WP_STATE/admin-password" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$WP_STATE/admin-password")
DB_PASSWORD=$(cat "$WP_STATE/db-password")
if [ ! -f "$WP_STATE/salts.php" ]; then
  (umask 077; {
    echo '<?php'
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      printf "define('%s', '%s');\n" "$k" "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    done
  } > "$WP_STATE/salts.php")
fi

# 3. Configuration files (rewritten every run so a changed port or secret takes effect).
php_string() { printf "'%s'" "$(printf '%s' "$1" | sed "s/[\\\\']/\\\\&/g")"; }
mkdir -p /etc/wordpress
cat > "$WP_CONFIG_FILE" <<PHP
<?php
// Written by Masthead's scripts/wordpress/setup.sh — a throwaway WordPress for tests, on 127.0.0.1 only.
define('DB_NAME', '$WP_DB_NAME');
define('DB_USER', '$WP_DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$WP_SOCKET');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '$WP_URL');
define('WP_SITEURL', '$WP_URL');
define('WP_CONTENT_DIR', '$WP_STATE/wp-content');
define('WP_CONTENT_URL', '$WP_URL/wp-content');
// Application passwords need HTTPS unless the environment type is "local".
define('WP_ENVIRONMENT_TYPE', 'local');
// No internet here: never phone home for updates, and run cron only when asked.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', false);
define('MASTHEAD_SITE_URL', $(php_string "${MASTHEAD_SITE_URL:-}"));
define('MASTHEAD_PREVIEW_SECRET', $(php_string "${MASTHEAD_PREVIEW_SECRET:-}"));
define('MASTHEAD_REVALIDATE_SECRET', $(php_string "${MASTHEAD_REVALIDATE_SECRET:-}"));
require __DIR__ . '/$WP_CONFIG_NAME-salts.php';
PHP
install -m 0640 -g www-data "$WP_STATE/salts.php" "/etc/wordpress/$WP_CONFIG_NAME-salts.php"
chgrp www-data "$WP_CONFIG_FILE" && chmod 0640 "$WP_CONFIG_FILE"

cat > "$WP_STATE/php-fpm.conf" <<CONF
[global]
pid = $WP_RUN/php-fpm.pid
error_log = $WP_LOGS/php-fpm.log
daemonize = yes

[masthead]
user = www-data
group = www-data
listen = $WP_RUN/php-fpm.sock
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
pm = dynamic
pm.max_children = 6
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
php_admin_value[memory_limit] = 256M
php_admin_value[upload_max_filesize] = 16M
php_admin_value[post_max_size] = 16M
CONF

cat > "$WP_STATE/nginx.conf" <<CONF
user www-data;
worker_processes 1;
pid $WP_RUN/nginx.pid;
error_log $WP_LOGS/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $WP_LOGS/nginx-access.log;
  client_body_temp_path $WP_STATE/nginx/body;
  fastcgi_temp_path $WP_STATE/nginx/fastcgi;
  proxy_temp_path $WP_STATE/nginx/proxy;
  uwsgi_temp_path $WP_STATE/nginx/uwsgi;
  scgi_temp_path $WP_STATE/nginx/scgi;
  client_max_body_size 16m;
  server {
    listen $WP_HOST:$WP_PORT;
    server_name _;
    root /usr/share/wordpress;
    index index.php;
    location /wp-content/ {
      alias $WP_STATE/wp-content/;
      location ~ \.php\$ { deny all; }
    }
    # Pretty permalinks: /wp-json/… and every other path fall through to index.php.
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ \.php\$ {
      try_files \$uri =404;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_param WORDPRESS_CONFIG $WP_CONFIG_NAME;
      # Basic auth (application passwords) must reach PHP.
      fastcgi_param HTTP_AUTHORIZATION \$http_authorization;
      fastcgi_pass unix:$WP_RUN/php-fpm.sock;
      fastcgi_read_timeout 60s;
    }
  }
}
CONF

# 4. Database folder (own datadir and socket; no TCP port at all).
if [ ! -d "$WP_STATE/mysql/mysql" ]; then
  log "Initialising MariaDB in $WP_STATE/mysql"
  mkdir -p "$WP_STATE/mysql" && chown mysql:mysql "$WP_STATE/mysql"
  mariadb-install-db --user=mysql --datadir="$WP_STATE/mysql" --auth-root-authentication-method=socket --skip-test-db >"$WP_LOGS/mariadb-install.log" 2>&1 \
    || { cat "$WP_LOGS/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
fi

# 5. Start the three services.
"$WP_SCRIPTS/start.sh"

# 6. Database and user (idempotent).
mariadb --socket="$WP_SOCKET" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS $WP_DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS '$WP_DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$WP_DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON $WP_DB_NAME.* TO '$WP_DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL

# 7. WordPress itself, Masthead's mu-plugin, the sample newsroom, an application password.
cp "$WP_SCRIPTS/mu-plugins/"*.php "$WP_STATE/wp-content/mu-plugins/"
log "Installing WordPress"
MASTHEAD_WP_ADMIN_PASSWORD=$(cat "$WP_STATE/admin-password") wp_php "$WP_SCRIPTS/php/install.php"
log "Seeding the sample newsroom"
ENV_TMP=$(mktemp)
wp_php "$WP_SCRIPTS/php/seed.php" "$WP_SCRIPTS/../../tests/fixtures/conformance/newsroom.json" > "$ENV_TMP"
if [ "$ARCHIVE" -gt 0 ]; then
  log "Adding an archive of $ARCHIVE generated posts"
  wp_php "$WP_SCRIPTS/php/archive.php" "$ARCHIVE"
fi
chown -R www-data:www-data "$WP_STATE/wp-content/uploads"
(umask 077; { echo "# Written by scripts/wordpress/setup.sh — the local test WordPress (git-ignored)."; echo "WORDPRESS_URL=$WP_URL"; cat "$ENV_TMP"; } > "$WP_ENV_FILE")
rm -f "$ENV_TMP"

# 8. Check what the site will rely on: the REST API with pretty permalinks, and the credentials.
set -a; source "$WP_ENV_FILE"; set +a
curl -fsS "$WP_URL/wp-json/wp/v2/posts?per_page=1" -o /dev/null || die "the REST API does not answer at $WP_URL/wp-json/wp/v2/posts"
curl -fsS -u "$WORDPRESS_USER:$WORDPRESS_APP_PASSWORD" "$WP_URL/wp-json/wp/v2/users/me" -o /dev/null || die "the application password was rejected by $WP_URL/wp-json/wp/v2/users/me"
log "WordPress is up at $WP_URL (REST: $WP_URL/wp-json/wp/v2); credentials in $WP_ENV_FILE"
