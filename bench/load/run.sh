#!/usr/bin/env bash
# Hearth under load: gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1 over the demo council on
# PostgreSQL, and locust headless for a fixed time (docs/performance.md, "Under load").
#
#   make bench-load                        # 50 users, 2 minutes, 5 started a second
#   USERS=20 RUN_TIME=1m bench/load/run.sh
#
# HEARTH_LOAD_DATABASE   the database, made and filled with the demo council if it is missing
#                        (`manage.py simulate`, a few minutes; kept for the next run)   hearth_load
# HEARTH_LOAD_SERVER     the PostgreSQL server, as its superuser     postgres://postgres@127.0.0.1:5432
# USERS, SPAWN_RATE, RUN_TIME, PORT                                  50, 5, 2m, 8765
# The load test writes (case note drafts, visits): never point it at a real council's database.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATABASE=${HEARTH_LOAD_DATABASE:-hearth_load}
SERVER=${HEARTH_LOAD_SERVER:-postgres://postgres@127.0.0.1:5432}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-5}
RUN_TIME=${RUN_TIME:-2m}
PORT=${PORT:-8765}
PYTHON=.venv/bin/python
LOCUST=.venv-load/bin/locust
OUT=var/load

# Locust lives in a virtual environment of its own (bench/load/requirements.txt): made here if it is
# missing, so that run.sh works alone as well as through `make bench-load`.
[ -x "$LOCUST" ] || make --no-print-directory .venv-load/.installed

# Production-like: DEBUG off, gunicorn with its production configuration, PostgreSQL with kept
# connections. Not HEARTH_PRODUCTION=1: that sends cookies only over HTTPS and asks for the second
# factor, and this runs over plain HTTP on 127.0.0.1 with the demo's sign-ins.
export DATABASE_URL="$SERVER/$DATABASE"
export HEARTH_SECRET_KEY="${HEARTH_SECRET_KEY:-$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export HEARTH_REQUIRE_SECOND_FACTOR=0 HEARTH_DB_CONN_MAX_AGE=60 HEARTH_DEBUG=0
export HEARTH_BIND="127.0.0.1:$PORT"
unset HEARTH_BEHIND_TLS_PROXY HEARTH_MIGRATION_DATABASE_URL

if ! $PYTHON - <<'PY' 2>/dev/null
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as c:
    assert c.execute("select 1 from auth_user where username = 'perf'").fetchone()
PY
then
  echo "Building the demo council in $DATABASE (a few minutes, once)..."
  createdb --maintenance-db="$SERVER/postgres" "$DATABASE" 2>/dev/null || true
  $PYTHON manage.py migrate --verbosity 0
  $PYTHON manage.py simulate
fi
$PYTHON manage.py collectstatic --noinput --verbosity 0

mkdir -p "$OUT"
.venv/bin/gunicorn --config deploy/gunicorn.conf.py --access-logfile "$OUT/access.log" >"$OUT/gunicorn.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl --silent --fail "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 1
done
curl --silent --fail "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$OUT/gunicorn.log"; exit 1; }

echo "gunicorn on 127.0.0.1:$PORT ($(nproc) cores); locust: $USERS users, $SPAWN_RATE a second, $RUN_TIME"
"$LOCUST" --locustfile bench/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --stop-timeout 30 \
  --csv "$OUT/result" --only-summary --exit-code-on-error 0 >"$OUT/locust.log" 2>&1 || { tail -30 "$OUT/locust.log"; exit 1; }
$PYTHON bench/load/summary.py "$OUT/result_stats.csv"
echo "Failures, if any: $OUT/result_failures.csv; locust's own report: $OUT/locust.log"
