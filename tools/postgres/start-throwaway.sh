#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's package, 15 or newer) on a loopback port with its data in a temporary
# folder, for tests and CI. Needs root: the server runs as the postgres user.
# Prints the server's URL on stdout; on stderr, PGSTOP=<script> that stops it and deletes its folder.
# Usage: tools/postgres/start-throwaway.sh [port]   (default: a port picked from this shell's pid)
set -euo pipefail
port="${1:-$((50000 + $$ % 10000))}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="$(mktemp -d /tmp/cadence-pg.XXXXXX)"
chown postgres "$dir"
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres "$bin/initdb" -D "$dir/data" -U cadence --auth=trust >"$dir/initdb.log"
# fsync off: a throwaway server, where surviving a power cut does not matter and speed does.
as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" -l "$dir/pg.log" start -w >/dev/null
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U cadence cadence
cat >"$dir/stop.sh" <<STOP
#!/usr/bin/env bash
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null
rm -rf "$dir"
STOP
chmod +x "$dir/stop.sh"
echo "PGSTOP=$dir/stop.sh" >&2
echo "postgresql://cadence@127.0.0.1:$port/cadence"
