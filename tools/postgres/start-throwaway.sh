#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's package, 15 or newer) on a loopback port with its data in a temporary
# folder, and prints its URL on the last line. Needs root (it runs the server as the postgres user).
# Usage: tools/postgres/start-throwaway.sh [port]   — stop it with: pg_ctl -D <folder>/data stop (as postgres)
set -euo pipefail
port="${1:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="$(mktemp -d /tmp/cadence-pg.XXXXXX)"
chown postgres "$dir"
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres "$bin/initdb" -D "$dir/data" -U cadence --auth=trust >"$dir/initdb.log"
# fsync off: a throwaway server for tests, where durability across a power cut does not matter.
as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" -l "$dir/pg.log" start -w >/dev/null
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U cadence cadence
echo "PGDATA=$dir/data" >&2
echo "postgresql://cadence@127.0.0.1:$port/cadence"
