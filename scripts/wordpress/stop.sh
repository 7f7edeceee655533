#!/usr/bin/env bash
# Stops the test WordPress started by start.sh/setup.sh: each service by the PID in its PID file.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

stop_pid_file() {
  local name=$1 file=$2
  if pid_alive "$file"; then
    local pid; pid=$(cat "$file")
    log "Stopping $name (PID $pid)"
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
stop_pid_file nginx "$WP_RUN/nginx.pid"
stop_pid_file php-fpm "$WP_RUN/php-fpm.pid"
stop_pid_file MariaDB "$WP_MYSQL_RUN/mysqld.pid"
