# shellcheck shell=bash
# The `deploy` suite of bin/test, and bin/cfn/lint: checks every file that builds and ships Cruddur
# (Dockerfiles, docker-compose.yml, CloudFormation, GitHub workflows, the deploy scripts, the Lambda
# packages) as far as a machine without a Docker engine or an AWS account can, and starts the production
# entrypoints natively. Sourced after common.sh.

TOOLS_VENV="$DATA/tools-venv"
TOOLS="$TOOLS_VENV/bin"

# The linters live in a venv of their own (pinned in deploy-tools.txt), so the app's venv stays lean.
ensure_tools_venv() {
  [ -x "$TOOLS/python" ] || python3 -m venv "$TOOLS_VENV" || die "could not make $TOOLS_VENV"
  [ -x "$TOOLS/cfn-lint" ] || rm -f "$DATA/stamps/deploy-tools"
  if changed_since_last deploy-tools "$REPO/bin/lib/deploy-tools.txt"; then
    say "installing the deploy linters into $TOOLS_VENV"
    "$TOOLS/python" -m pip install -q --disable-pip-version-check -r "$REPO/bin/lib/deploy-tools.txt" || return 1
    mark_done deploy-tools
  fi
}

deploy_lint() { "$TOOLS/python" "$REPO/bin/lib/deploy_lint.py" "$@"; }

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

check_cloudformation() {
  say "cfn-lint: aws/cfn/*/template.yaml"
  "$TOOLS/cfn-lint" "$REPO"/aws/cfn/*/template.yaml || return 1
  say "stacks: parameters files, cross-stack imports, Lambda runtimes, capacity tiers"
  deploy_lint stacks || return 1
  say "the capacity model and the lint's check of it, on edited copies of aws/cfn (bin/lib/tests)"
  "$TOOLS/python" -m unittest discover --quiet -s "$REPO/bin/lib/tests"
}

check_checkov() {
  say "checkov: aws/"
  # --skip-download: no calls to checkov's vendor; findings are only skipped inline, each with a reason.
  "$TOOLS/checkov" --directory "$REPO/aws" --quiet --compact --skip-download
}

check_dockerfiles() {
  local dockerfiles
  mapfile -t dockerfiles < <(cd "$REPO" && git ls-files --cached --others --exclude-standard -- '*Dockerfile')
  say "hadolint: ${dockerfiles[*]}"
  (cd "$REPO" && "$TOOLS/hadolint" "${dockerfiles[@]}") || return 1
  (cd "$REPO" && deploy_lint images "${dockerfiles[@]}")
}

check_workflows() {
  say "actionlint and zizmor: .github/workflows"
  # actionlint runs shellcheck (from the tools venv) on every run: step.
  (cd "$REPO" && PATH="$TOOLS:$PATH" "$TOOLS/actionlint") || return 1
  "$TOOLS/zizmor" --offline --quiet "$REPO/.github/workflows"
}

check_compose() {
  say "docker-compose.yml against the compose specification"
  # The docker CLI here has no compose plugin (and there is no engine), so the schema check stands in
  # for `docker compose config`; deploy_lint adds what a schema cannot see.
  "$TOOLS/check-jsonschema" --builtin-schema vendor.compose-spec "$REPO/docker-compose.yml" || return 1
  deploy_lint compose
}

check_lambda_packages() {
  say "Lambda packages (bin/lambda/package)"
  local zip zips
  mapfile -t zips < <("$REPO/bin/lambda/package") || return 1
  for zip in "${zips[@]}"; do deploy_lint lambda-zip "$zip" || return 1; done
}

# The API image's runtime stage, natively: only the files it COPYs, production settings, the one-off
# migration command, gunicorn with gunicorn.conf.py as the API's least-privileged login, the image's
# HEALTHCHECK command, and the stream process (the stream service runs the same image).
check_api_entrypoint() (
  set -e
  trap 'stop_started; rm -rf "$app"' EXIT
  app="$(mktemp -d)"
  local port path
  port="$(free_port)"
  while read -r path; do cp -r "$BACKEND/$path" "$app/"; done < <(deploy_lint copied "$BACKEND/Dockerfile" runtime)
  # A new database each run, so the migrations are applied from the first one.
  DATABASE_URL="$(cd "$BACKEND" && "$PY" -c '
import sys
from devstack import postgres
print(postgres.ensure_database(postgres.server(sys.argv[1]), sys.argv[2], recreate=True))' \
    "$DATA/postgres" "${TEST_DATABASE_NAME}_deploy")"
  unset AWS_ENDPOINT_URL COGNITO_JWKS_URL
  # Production counts rate limits in Redis (ElastiCache on AWS), never per process.
  start_redis "$(free_port)"
  # Production refuses local endpoints; a pool that does not exist is fine, tokens are verified lazily.
  # Production refuses the public development cursor key; the services stack makes a real one.
  CURSOR_SIGNING_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')"
  export DATABASE_URL CURSOR_SIGNING_KEY CRUDDUR_ENV=production AWS_REGION=us-east-1 \
    COGNITO_USER_POOL_ID=us-east-1_DeployCheck COGNITO_USER_POOL_CLIENT_ID=deploycheckclient \
    GUNICORN_BIND="127.0.0.1:$port" PURGE_INTERVAL_SECONDS=0
  say "migrations as the one-off task runs them, as the schema's owner, making the API's login"
  (cd "$app" && API_DATABASE_USER=cruddur_api_deploy_check API_DATABASE_PASSWORD=unused-locally \
    "$PY" -m cruddur.cli migrate)
  # The API connects as that login (a member of cruddur_api, no DDL), as on AWS.
  DATABASE_URL="$("$PY" -c 'import sys; from psycopg.conninfo import make_conninfo
print(make_conninfo(sys.argv[1], user="cruddur_api_deploy_check"))' "$DATABASE_URL")"
  say "gunicorn with the production settings on 127.0.0.1:$port"
  # A home nothing can write, even root, as on the task's read-only root filesystem: gunicorn must not
  # try to make anything there (its control socket would go to $HOME/.gunicorn).
  (cd "$app" && unset XDG_RUNTIME_DIR && HOME=/dev/null run_in_background "deploy-api-$port" "$VENV/bin/gunicorn" -c gunicorn.conf.py)
  wait_for_http "http://127.0.0.1:$port/api/health-check" "the production API"
  (cd "$app" && "$PY" healthcheck.py)
  if grep -i "warning\|error" "$DATA/logs/deploy-api-$port.log"; then
    say "gunicorn logged the warnings or errors above on a read-only home"
    return 1
  fi
  say "the API answers its health check (and the image's HEALTHCHECK passes), gunicorn logs no warning"
  # The stream service's container: the same image and settings, its own command.
  local stream_port
  stream_port="$(free_port)"
  say "the stream process with the production settings on 127.0.0.1:$stream_port"
  (cd "$app" && STREAM_HOST=127.0.0.1 STREAM_PORT="$stream_port" run_in_background "deploy-stream-$stream_port" \
    "$PY" -m cruddur.stream)
  wait_for_http "http://127.0.0.1:$stream_port/api/stream/health-check" "the production stream"
  # Up is not ready: 200 only once its LISTEN connection is open; home events come through Redis.
  "$PY" - "http://127.0.0.1:$stream_port/api/stream/health-check" <<'PYEOF'
import json, sys, time, urllib.request
for _ in range(50):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
            health = json.load(response)
            if health.get("listening") is True and health.get("home_events") is True:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit("the stream never listened to PostgreSQL and subscribed to home events on Redis")
PYEOF
  say "the stream listens to PostgreSQL as the API's login (its target group's check passes) and hears home events on Redis"
)

# The web image's runtime stage, natively: the nginx template rendered as the image's entrypoint does,
# `nginx -t`, then serving a fresh production build and checking what it answers: the SPA host's
# behaviour, which the web stack's CloudFront reproduces (deploy_lint stacks compares the two).
check_web_entrypoint() (
  set -e
  trap 'stop_started; rm -rf "$run"' EXIT
  run="$(mktemp -d)"
  # nginx's workers run as an unprivileged user when started as root: they must be able to read the build.
  chmod 755 "$run"
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
  local nginx port
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  port="$(free_port)"
  export COGNITO_ORIGIN=https://cognito-idp.us-east-1.amazonaws.com \
    UPLOADS_ORIGIN=https://uploads.example.test ASSETS_ORIGIN=https://assets.example.test \
    ERROR_REPORTING_ORIGIN=https://api.rollbar.com
  say "building the web app"
  (cd "$FRONTEND" && npx vite build --outDir "$run/dist" --emptyOutDir --logLevel error)
  mkdir -p "$run/conf.d"
  # Only the image's variables are substituted, as its entrypoint's NGINX_ENVSUBST_FILTER does.
  # shellcheck disable=SC2016
  envsubst '${COGNITO_ORIGIN} ${UPLOADS_ORIGIN} ${ASSETS_ORIGIN} ${ERROR_REPORTING_ORIGIN}' < "$FRONTEND/nginx/cruddur.conf.template" \
    | sed -e "s|listen 8080;|listen 127.0.0.1:$port;|" -e "s|root /usr/share/nginx/html;|root $run/dist;|" \
          -e "s|/etc/nginx/snippets/security-headers.conf|$FRONTEND/nginx/security-headers.conf|" \
    > "$run/conf.d/default.conf"
  # Stands in for the image's nginx.conf: conf.d is included inside http {}.
  cat > "$run/nginx.conf" <<NGINX
worker_processes 1;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $run/access.log;
    client_body_temp_path $run/client_body;
    proxy_temp_path $run/proxy;
    fastcgi_temp_path $run/fastcgi;
    uwsgi_temp_path $run/uwsgi;
    scgi_temp_path $run/scgi;
    include $run/conf.d/*.conf;
}
NGINX
  say "nginx -t"
  "$nginx" -t -q -p "$run" -c "$run/nginx.conf"
  run_in_background "deploy-web-$port" "$nginx" -p "$run" -c "$run/nginx.conf" -g "daemon off;"
  wait_for_http "http://127.0.0.1:$port/health-check" "nginx"
  deploy_lint web "http://127.0.0.1:$port" "$COGNITO_ORIGIN" "$UPLOADS_ORIGIN" "$ASSETS_ORIGIN" "$ERROR_REPORTING_ORIGIN"
)

# `bin/cfn/deploy all` end to end, offline, twice: into an empty account, then again over it. The AWS CLI
# is bin/lib/recording_aws.py (it records the calls and answers as such an account would); docker and npm
# are stand-ins that only say what they were asked; the rest (the Lambda packages, openssl, jq, the order
# file) is real. The environment is "rehearsal" (its params files hold example values).
check_deploy_all() (
  set -e
  trap 'rm -rf "$work" "$DATA/secrets/media-signing-rehearsal.pem"' EXIT
  work="$(mktemp -d)"
  mkdir "$work/bin"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$TOOLS/python" "$REPO/bin/lib/recording_aws.py" > "$work/bin/aws"
  printf '#!/bin/sh\necho "docker $*" >> "%s"\ncat > /dev/null\n' "$work/tools.log" > "$work/bin/docker"
  printf '#!/bin/sh\necho "npm $*" >> "%s"\n' "$work/tools.log" > "$work/bin/npm"
  # `npx vite build --outDir DIR ...`: a build with one hashed file.
  # shellcheck disable=SC2016
  printf '#!/bin/sh\necho "npx $*" >> "%s"\nwhile [ "$1" != --outDir ]; do shift; done\nmkdir -p "$2/assets" && touch "$2/index.html" "$2/assets/index-0.js"\n' \
    "$work/tools.log" > "$work/bin/npx"
  chmod +x "$work/bin/"*
  local commit
  commit="$(git -C "$REPO" rev-parse HEAD)"
  export PATH="$work/bin:$PATH" RECORDING_AWS_STATE="$work/state" IMAGE_TAG="$commit"
  rm -f "$DATA/secrets/media-signing-rehearsal.pem"
  say "bin/cfn/deploy all into an empty (recorded) account"
  AWS_REGION=eu-west-1 "$REPO/bin/cfn/deploy" all rehearsal > "$work/first.log" 2>&1 \
    || { cat "$work/first.log"; return 1; }
  deploy_lint deploy-all "$work/state/calls.jsonl" first "$commit"
  mv "$work/state/calls.jsonl" "$work/first-calls.jsonl"
  say "bin/cfn/deploy all again over it"
  AWS_REGION=eu-west-1 "$REPO/bin/cfn/deploy" all rehearsal > "$work/again.log" 2>&1 \
    || { cat "$work/again.log"; return 1; }
  deploy_lint deploy-all "$work/state/calls.jsonl" again "$commit"
)

deploy_checks() {
  ensure_tools_venv || return 1
  local failed=() check
  for check in check_cloudformation check_checkov check_dockerfiles check_workflows \
               check_compose check_lambda_packages check_deploy_all check_api_entrypoint check_web_entrypoint; do
    "$check" || failed+=("$check")
  done
  [ ${#failed[@]} -eq 0 ] || { say "deploy checks failing: ${failed[*]}"; return 1; }
}
