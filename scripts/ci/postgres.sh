#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a free loopback port, as the postgres user (it refuses
# to run as root), in a temporary data directory. Source it: it exports TEST_DATABASE_URL and
# defines stop_postgres.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; return 1; }
pg_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_dir=$(mktemp -d /tmp/registry-pg.XXXXXX)
chown postgres:postgres "$pg_dir"
chmod 700 "$pg_dir"
run_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run_as_postgres "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >'$pg_dir/initdb.log' 2>&1"
run_as_postgres "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -t 60 -o \"-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200\" start >/dev/null"
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
echo "[ci] PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

stop_postgres() {
  run_as_postgres "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop >/dev/null 2>&1" || true
  rm -rf "$pg_dir"
}
