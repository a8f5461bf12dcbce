# shellcheck shell=bash
# Shared by bin/dev, bin/test and bin/db: installs what is missing and starts the local stack's parts.
# Sourced, never run. Every server binds to 127.0.0.1.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BACKEND="$REPO/backend-flask"
FRONTEND="$REPO/frontend-react-js"
DATA="$REPO/.data"
VENV="$BACKEND/.venv"
PY="$VENV/bin/python"

mkdir -p "$DATA/run" "$DATA/logs"
chmod 700 "$DATA/run"
# pgserver and gunicorn keep small runtime files here instead of warning about a missing XDG dir.
export XDG_RUNTIME_DIR="$DATA/run"

say() { printf '\033[1;35m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs only when the fingerprint of `files` changed since the last successful run of `name`.
changed_since_last() {
  local name="$1"; shift
  local stamp="$DATA/stamps/$name" now
  now="$(cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$now" ] && return 1
  echo "$now" > "$stamp.next"
  return 0
}
mark_done() { mv "$DATA/stamps/$1.next" "$DATA/stamps/$1"; }
mkdir -p "$DATA/stamps"

apt_install() {
  say "installing with apt: $*"
  command -v apt-get >/dev/null || die "apt-get is missing: install $* by hand"
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_backend_venv() {
  if [ ! -x "$PY" ]; then
    say "making the Python virtual environment ($VENV)"
    python3 -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV"; }
  fi
  if ! { [ -x "$PY" ] && "$PY" -c "import flask" 2>/dev/null; }; then rm -f "$DATA/stamps/backend-deps"; fi
  if changed_since_last backend-deps "$BACKEND/requirements.txt" "$BACKEND/requirements-dev.txt" \
      "$BACKEND/pyproject.toml" "$BACKEND/shared/pyproject.toml" "$REPO/aws/lambdas/pyproject.toml"; then
    say "installing backend dependencies"
    "$PY" -m pip install -q --disable-pip-version-check -r "$BACKEND/requirements-dev.txt"
    # Our own projects, editable: the API, the rules it shares with the Lambdas, the Lambdas.
    "$PY" -m pip install -q --disable-pip-version-check --no-deps \
      -e "$BACKEND" -e "$BACKEND/shared" -e "$REPO/aws/lambdas"
    mark_done backend-deps
  fi
}

ensure_frontend_deps() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20"
  # npm writes node_modules/.package-lock.json last: without it the install is missing or was cut short.
  [ -f "$FRONTEND/node_modules/.package-lock.json" ] || rm -f "$DATA/stamps/frontend-deps"
  if changed_since_last frontend-deps "$FRONTEND/package-lock.json"; then
    say "installing frontend dependencies"
    (cd "$FRONTEND" && npm ci --no-audit --no-fund --loglevel=error)
    mark_done frontend-deps
  fi
}

ensure_redis() {
  # The rate limits count in Redis, as on AWS (ElastiCache); bin/dev and bin/test start their own server.
  command -v redis-server >/dev/null || apt_install redis-server
}

# A redis-server on 127.0.0.1:$1 that keeps nothing on disk; the API counts its rate limits there and keeps the
# home timelines (backend-flask/cruddur/timelines).
start_redis() {
  local port="$1"
  port_free "$port" || die "port $port is taken: is another bin/dev running? Stop it first"
  say "starting Redis (rate-limit counts, home timelines) on 127.0.0.1:$port"
  run_in_background "redis-$port" redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$DATA"
  for _ in $(seq 100); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 || die "Redis did not come up on port $port"
  export RATE_LIMIT_STORAGE_URL="redis://127.0.0.1:$port/0"
  export TIMELINES_URL="redis://127.0.0.1:$port/0"
}

# The fan-out (backend-flask/cruddur/fanout): puts each crud and repost on its followers' home timelines in
# Redis as it is written. It can stop and start at any time: the timelines are rebuilt from PostgreSQL.
start_fanout() {
  local redis_port="${TIMELINES_URL##*:}"
  say "starting the fan-out to home timelines, restarted if it stops"
  (cd "$BACKEND" && run_in_background "fanout-${redis_port%%/*}" \
    "$PY" -m devstack.supervisor --name fanout -- "$PY" -m cruddur.fanout)
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# Prints the URL of database $1 on the embedded PostgreSQL (started if needed; data under .data/).
embedded_database_url() {
  (cd "$BACKEND" && "$PY" -m devstack.postgres start "$DATA/postgres" "$1")
}

embedded_postgres_running() {
  [ -f "$DATA/postgres/postmaster.pid" ] && kill -0 "$(head -1 "$DATA/postgres/postmaster.pid")" 2>/dev/null
}

stop_embedded_postgres() {
  (cd "$BACKEND" && "$PY" -m devstack.postgres stop "$DATA/postgres") || true
}

wait_for_http() {
  local url="$1" what="$2" tries="${3:-100}"
  for _ in $(seq "$tries"); do
    "$PY" - "$url" <<'PYEOF' && return 0
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass  # it answers, so it is up
except Exception:
    sys.exit(1)
PYEOF
    sleep 0.2
  done
  die "$what did not come up at $url (logs: $DATA/logs)"
}

port_free() {
  "$PY" - "$1" <<'PYEOF'
import socket, sys
with socket.socket() as s:
    sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0)
PYEOF
}

# moto in server mode (devstack/local_aws.py): the local Cognito, DynamoDB, S3 and SQS. Ids stay stable across
# restarts.
start_local_aws() {
  local port="$1"
  port_free "$port" || die "port $port is taken: is another bin/dev running? Stop it first"
  say "starting the local AWS (moto) on 127.0.0.1:$port"
  MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY=HASH MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY=HASH \
    run_in_background "moto-$port" "$PY" -m devstack.local_aws -H 127.0.0.1 -p "$port"
  wait_for_http "http://127.0.0.1:$port/moto-api/" "the local AWS"
  use_local_aws "$port"
}

# Points boto3 and the API at the local AWS on $1 and makes its Cognito pool and app client, if missing.
use_local_aws() {
  export AWS_ENDPOINT_URL="http://127.0.0.1:$1"
  # moto accepts any credentials; boto3 only needs some to sign with.
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
  export AWS_REGION="${AWS_REGION:-us-east-1}"
  local line
  while IFS= read -r line; do export "${line?}"; done < <(cd "$BACKEND" && "$PY" -m devstack.aws "$AWS_ENDPOINT_URL" "$AWS_REGION")
}

start_api() {
  local port="$1"; shift
  port_free "$port" || die "port $port is taken: is another bin/dev running? Stop it first"
  say "starting the API on 127.0.0.1:$port"
  (cd "$BACKEND" && GUNICORN_BIND="127.0.0.1:$port" run_in_background "api-$port" \
    "$VENV/bin/gunicorn" -c gunicorn.conf.py "$@")
  wait_for_http "http://127.0.0.1:$port/api/health-check" "the API"
}

# The real-time stream (backend-flask/cruddur/stream) on 127.0.0.1:$1: an asyncio process of its own, so open
# streams hold none of the API's threads. It LISTENs on PostgreSQL for events and hears the fan-out's home
# events on the timelines' Redis (TIMELINES_URL, so after start_redis); the web app's dev server proxies
# /api/stream to it (CRUDDUR_STREAM_URL), so the SPA opens it on its own origin.
start_stream() {
  local port="$1"
  port_free "$port" || die "port $port is taken: is another bin/dev running? Stop it first"
  say "starting the real-time stream on 127.0.0.1:$port"
  (cd "$BACKEND" && STREAM_HOST=127.0.0.1 STREAM_PORT="$port" run_in_background "stream-$port" \
    "$PY" -m cruddur.stream)
  wait_for_http "http://127.0.0.1:$port/api/stream/health-check" "the real-time stream"
}

# bin/worker in the background: the local AWS's event sources (the messages stream, upload events) to their
# Lambda handlers. Nothing else would notice it crash, so devstack.supervisor restarts it (after 1 s, 2 s,
# 4 s … up to 30 s) and says so in its log; stop_started stops both, being one process group.
start_worker() {
  say "starting the worker (the messages stream and avatar handlers on the local AWS), restarted if it stops"
  (cd "$BACKEND" && run_in_background "worker-${AWS_ENDPOINT_URL##*:}" \
    "$PY" -m devstack.supervisor --name worker -- "$REPO/bin/worker")
}

start_web() {
  local port="$1" api_port="$2" stream_port="${3:-4568}"
  port_free "$port" || die "port $port is taken: is another bin/dev running? Stop it first"
  say "starting the web app on 127.0.0.1:$port"
  (cd "$FRONTEND" && CRUDDUR_API_URL="http://127.0.0.1:$api_port" CRUDDUR_STREAM_URL="http://127.0.0.1:$stream_port" \
    run_in_background "web-$port" \
    npm run dev -- --host 127.0.0.1 --port "$port" --strictPort)
  wait_for_http "http://127.0.0.1:$port/" "the web app" 300
}

# Each server runs in a process group of its own, noted in .data/run, so stopping it stops its children too.
run_in_background() {
  local name="$1"; shift
  setsid "$@" >"$DATA/logs/$name.log" 2>&1 &
  echo "$!" >> "$DATA/run/started.$$"
}

stop_started() {
  local pid
  [ -f "$DATA/run/started.$$" ] || return 0
  while read -r pid; do kill -TERM -- "-$pid" 2>/dev/null || true; done < "$DATA/run/started.$$"
  for _ in $(seq 50); do
    local alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$DATA/run/started.$$"
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done < "$DATA/run/started.$$"
  rm -f "$DATA/run/started.$$"
}

migrate() {
  (cd "$BACKEND" && "$PY" -m cruddur.cli migrate)
}
