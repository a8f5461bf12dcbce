# shellcheck shell=bash
# The `security` suite of bin/test: bandit on our Python, and no high or critical known vulnerabilities in
# what production installs (pip-audit on the API's and the Lambdas' pinned requirements, npm audit on the
# SPA's runtime packages). Sourced after common.sh and deploy-checks.sh (for the tools venv).

security_checks() {
  ensure_tools_venv || return 1
  local failed=0
  say "bandit: backend-flask/cruddur, backend-flask/devstack, aws/lambdas"
  "$TOOLS/bandit" --quiet --recursive --severity-level low --confidence-level low \
    --exclude '*/tests/*,*/test_*.py,*/conftest.py' \
    "$REPO/backend-flask/cruddur" "$REPO/backend-flask/devstack" "$REPO/aws/lambdas" || failed=1

  local requirements
  for requirements in "$REPO/backend-flask/requirements.txt" "$REPO"/aws/lambdas/*/requirements.txt; do
    say "pip-audit: ${requirements#"$REPO"/}"
    # It resolves the pins in a throwaway venv, so transitive packages are audited too. Its exit code mixes
    # findings with unreachable services; the verdict script reads the report and tells them apart.
    { "$TOOLS/pip-audit" --progress-spinner off --format json --requirement "$requirements" 2>/dev/null || true; } \
      | "$TOOLS/python" "$REPO/bin/lib/audit_verdict.py" pip-audit || failed=1
  done

  say "npm audit: frontend-react-js (runtime packages, high and critical)"
  { (cd "$FRONTEND" && npm audit --omit=dev --json 2>/dev/null) || true; } \
    | "$TOOLS/python" "$REPO/bin/lib/audit_verdict.py" npm-audit || failed=1
  return "$failed"
}
