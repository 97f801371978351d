#!/usr/bin/env bash
# Start and stop the services the test suite needs. Sourced by test.sh.
# - PostgreSQL 15: a private throw-away cluster on 127.0.0.1:$BO_PG_PORT (never the system one).
#   PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' user.
# - pcscd with the vsmartcard-vpcd driver and two virtual readers (installer/pcsc/).

BO_PG_PORT="${BO_PG_PORT:-54329}"
BO_PG_BIN="${BO_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
BO_RUN_DIR="${BO_RUN_DIR:-$(mktemp -d /tmp/backoffice-test.XXXXXX)}"
chmod 755 "$BO_RUN_DIR"

_bo_as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

bo_start_postgres() {
  local data="$BO_RUN_DIR/pgdata"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  echo "==> starting PostgreSQL ($BO_PG_BIN) on 127.0.0.1:$BO_PG_PORT"
  _bo_as_pg_owner "'$BO_PG_BIN/initdb' -D '$data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$data.initdb.log" 2>&1 \
    || { cat "$data.initdb.log" >&2; return 1; }
  _bo_as_pg_owner "'$BO_PG_BIN/pg_ctl' -D '$data' -l '$data/server.log' -w -t 60 \
      -o \"-p $BO_PG_PORT -k '$data' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null \
    || { cat "$data/server.log" >&2; return 1; }
  BO_PG_STARTED="$data"
  export BACKOFFICE_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$BO_PG_PORT/postgres"
}

bo_start_pcscd() {
  if pgrep -x pcscd >/dev/null; then
    echo "==> stopping the running pcscd (the tests need their own reader configuration)"
    pkill -x pcscd || true
    sleep 1
  fi
  echo "==> starting pcscd with the vpcd virtual readers"
  local conf="$BO_RUN_DIR/reader.conf.d"
  mkdir -p "$conf"
  cp "$BO_ROOT/installer/pcsc/vpcd-readers.conf" "$conf/vpcd"
  pcscd --foreground -c "$conf" >"$BO_RUN_DIR/pcscd.log" 2>&1 &
  BO_PCSCD_PID=$!
  export BACKOFFICE_TEST_VPCD_PORTS="35963,35964"
  for _ in $(seq 1 50); do
    [ -S /run/pcscd/pcscd.comm ] && return 0
    sleep 0.1
  done
  echo "pcscd did not start:" >&2
  cat "$BO_RUN_DIR/pcscd.log" >&2
  return 1
}

bo_stop_services() {
  if [ -n "${BO_PCSCD_PID:-}" ]; then
    kill "$BO_PCSCD_PID" 2>/dev/null || true
  fi
  if [ -n "${BO_PG_STARTED:-}" ]; then
    _bo_as_pg_owner "'$BO_PG_BIN/pg_ctl' -D '$BO_PG_STARTED' -m immediate stop >/dev/null 2>&1" || true
  fi
  rm -rf "$BO_RUN_DIR" 2>/dev/null || true
}
