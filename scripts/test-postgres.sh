#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the storage tests and prints the
# BADGED_TEST_POSTGRES_URL to use. Usage: scripts/test-postgres.sh [PORT] (default 54329).
# Needs the Debian postgresql package (the CI script installs it).
set -euo pipefail
port=${1:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
data=${BADGED_PG_DATA:-/tmp/badged-pg-$port}
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! run "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  rm -rf "$data"; mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  run "$bindir/initdb" -D "$data" -U badged --auth=trust --locale=C.UTF-8 --encoding=UTF8 >/dev/null
  run "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c max_connections=600" start >/dev/null
fi
echo "postgres://badged@127.0.0.1:$port/postgres"
