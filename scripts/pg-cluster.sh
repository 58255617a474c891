#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: its own data folder, a unix socket in that
# folder and a loopback port, a UTF-8 locale (pg_trgm makes no trigrams from Chinese under C), trust
# authentication for local connections only.
#
#   scripts/pg-cluster.sh start DIR [PORT]   initdb (if needed) and start; prints the connection URL
#   scripts/pg-cluster.sh stop DIR           stop and remove DIR
#
# Runs the server as the `postgres` system user when started as root (PostgreSQL refuses root).
set -euo pipefail
command=${1:?start|stop}
dir=${2:?data directory}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
start)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
    cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 512MB
fsync = on
synchronous_commit = on
CONF
  fi
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w start >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  if [ -f "$dir/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
