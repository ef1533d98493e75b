#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server:
#   scripts/with-postgres.sh .venv/bin/pytest tests/store -q
# Installs Debian's postgresql when initdb/pg_ctl are missing, creates a cluster in a
# temporary folder, starts it on 127.0.0.1 on a free port (as the postgres user when run
# as root: PostgreSQL refuses to run as root), exports
#   LEGATION_TEST_PG_URL=postgresql+psycopg://legation@127.0.0.1:PORT/postgres
# runs "$@", and stops and deletes the cluster on exit, whatever happens.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

find_pg_bin() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! PG_BIN="$(find_pg_bin)"; then
    echo "with-postgres: installing postgresql (Debian package)" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq postgresql >/dev/null
    PG_BIN="$(find_pg_bin)" || { echo "with-postgres: no initdb after install" >&2; exit 1; }
fi

# As root, the server runs as an unprivileged user (postgres if present, else nobody).
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    PG_USER=postgres
    id "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
    if command -v runuser >/dev/null 2>&1; then
        RUN_AS=(runuser -u "$PG_USER" --)
    else
        RUN_AS=(su "$PG_USER" -s /bin/sh -c)
    fi
fi

as_pg() {
    if [ "${#RUN_AS[@]}" -eq 0 ]; then
        "$@"
    elif [ "${RUN_AS[0]}" = su ]; then
        "${RUN_AS[@]}" "$(printf '%q ' "$@")"
    else
        "${RUN_AS[@]}" "$@"
    fi
}

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/legation-pg.XXXXXX")"
chmod 755 "$PG_DIR"
DATA="$PG_DIR/data"
SOCKETS="$PG_DIR/sockets"
mkdir -p "$DATA" "$SOCKETS"
if [ "${#RUN_AS[@]}" -gt 0 ]; then chown -R "$PG_USER" "$PG_DIR"; fi

cleanup() {
    local status=$?
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    exit "$status"
}
trap cleanup EXIT INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

as_pg "$PG_BIN/initdb" -D "$DATA" -U legation --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k $SOCKETS -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }

# The "postgres" database initdb creates; tests create (and drop) their own beside it.
export LEGATION_TEST_PG_URL="postgresql+psycopg://legation@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PORT ($LEGATION_TEST_PG_URL)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
