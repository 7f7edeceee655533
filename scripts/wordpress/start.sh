#!/usr/bin/env bash
# Starts the test WordPress (MariaDB, php-fpm, nginx) in the background, each with a PID file, and
# waits until it answers. Does nothing for a service that already runs. setup.sh must have run once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ -f "$WP_STATE/nginx.conf" ] || die "not set up yet: run scripts/wordpress/setup.sh"
mkdir -p "$WP_RUN" "$WP_LOGS" "$WP_MYSQL_RUN" && chown mysql:mysql "$WP_MYSQL_RUN"

if ! pid_alive "$WP_MYSQL_RUN/mysqld.pid"; then
  log "Starting MariaDB"
  # Small buffers: the machine has 2 cores and other work to do; the sample data is tiny.
  setsid /usr/sbin/mariadbd --user=mysql --datadir="$WP_STATE/mysql" --socket="$WP_SOCKET" \
    --pid-file="$WP_MYSQL_RUN/mysqld.pid" --skip-networking --log-error="$WP_LOGS/mariadb.log" \
    --innodb-buffer-pool-size=32M --performance-schema=OFF --skip-name-resolve </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 60); do
    mariadb --socket="$WP_SOCKET" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb --socket="$WP_SOCKET" -uroot -e 'SELECT 1' >/dev/null 2>&1 || { tail -20 "$WP_LOGS/mariadb.log" >&2; die "MariaDB did not start"; }
fi

if ! pid_alive "$WP_RUN/php-fpm.pid"; then
  log "Starting php-fpm"
  /usr/sbin/php-fpm8.2 --fpm-config "$WP_STATE/php-fpm.conf" || die "php-fpm did not start (see $WP_LOGS/php-fpm.log)"
fi

if ! pid_alive "$WP_RUN/nginx.pid"; then
  log "Starting nginx on $WP_HOST:$WP_PORT"
  /usr/sbin/nginx -c "$WP_STATE/nginx.conf" -p "$WP_STATE/nginx" -e "$WP_LOGS/nginx-error.log" || die "nginx did not start (see $WP_LOGS/nginx-error.log)"
fi

for _ in $(seq 1 40); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$WP_URL/wp-login.php" || true)
  [ "$code" != "000" ] && [ "$code" != "502" ] && exit 0
  sleep 0.25
done
die "WordPress does not answer at $WP_URL"
