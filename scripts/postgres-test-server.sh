#!/usr/bin/env bash
# Starts or stops a private, throw-away PostgreSQL server for the engine's persistence tests.
#   scripts/postgres-test-server.sh start DIR PORT   # data, socket and log under DIR; listens on 127.0.0.1:PORT
#   scripts/postgres-test-server.sh stop  DIR PORT   # immediate shutdown (the data is disposable)
# Trust authentication for user "postgres" on loopback only; fsync off (test data only).
# Needs the PostgreSQL server binaries (scripts/test-prerequisites.sh installs them). As root the
# server runs as the "postgres" user via runuser, since PostgreSQL refuses to run as root.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR PORT" >&2; exit 2; }
[ $# -eq 3 ] || usage
action=$1; dir=$2; port=$3
case "$port" in ''|*[!0-9]*) echo "PORT must be a number, got '$port'" >&2; exit 2;; esac

bindir=""
if command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir=$candidate
  done
fi
[ -n "$bindir" ] || { echo "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/test-prerequisites.sh" >&2; exit 1; }

as_db_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir/data" "$dir/socket"
    if [ "$(id -u)" -eq 0 ]; then
      chown -R postgres "$dir"
      # The server user must reach DIR through its parents (e.g. a 0700 temp folder).
      chmod 755 "$dir"
    fi
    as_db_user "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_db_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_db_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
    fi
    ;;
  *) usage ;;
esac
