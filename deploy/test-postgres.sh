#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test run, on loopback, owned by the run and gone after it:
#   deploy/test-postgres.sh start DIR   initdb in DIR, start on a free loopback port, create the database;
#                                       prints the URL to export as BATON_TEST_POSTGRES (without the
#                                       password, which is in DIR/.password)
#   deploy/test-postgres.sh stop DIR    stop it and remove DIR
# PostgreSQL refuses to run as root: as root, the cluster belongs to the "postgres" user Debian's package
# creates. Nothing listens beyond 127.0.0.1, and the password is made up for the run.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "test-postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    (umask 077 && printf "%s\n" "$password" >"$dir/.password")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/.password"
    as_owner "$bin/initdb" -D "$dir/data" -U baton --pwfile="$dir/.password" -A scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: PostgreSQL cannot be asked for any, so try a few at random (a taken one fails at once).
    started=
    for _ in 1 2 3 4 5 6 7 8; do
      port=$((20000 + RANDOM % 40000))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null; then
        started=yes
        break
      fi
    done
    [ -n "$started" ] || { cat "$dir/server.log" >&2; exit 1; }
    PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U baton baton_test
    echo "postgres://baton@127.0.0.1:$port/baton_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
