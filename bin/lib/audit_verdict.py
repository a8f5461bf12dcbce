"""Reads pip-audit's or npm audit's JSON on stdin and decides: exit 1 on a finding that counts (any known
vulnerability for pip-audit, which reports no severities; high or critical for npm), exit 0 otherwise. When
the vulnerability service could not be reached, nothing was audited: it says so, loudly, and exits 0, since
that is a fact about this machine's network, not about Cruddur."""
import json
import sys


def pip_audit(report):
    dependencies = report.get("dependencies", [])
    vulnerable = [f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
                  for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    return vulnerable, bool(audited) or not dependencies


def npm_audit(report):
    if "error" in report:
        return [], False
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    serious = [f"{name}: {entry['severity']}" for name, entry in report.get("vulnerabilities", {}).items()
               if entry.get("severity") in ("high", "critical")]
    return serious, "high" in counts


def main(kind):
    raw = sys.stdin.read()
    try:
        report = json.loads(raw)
    except ValueError:
        print(f"{kind}: no report came back:\n{raw[-2000:]}")
        return 1
    findings, reached = {"pip-audit": pip_audit, "npm-audit": npm_audit}[kind](report)
    if findings:
        print(f"{kind}: {len(findings)} finding(s):\n  " + "\n  ".join(findings))
        return 1
    if not reached:
        print(f"{kind}: NOT AUDITED — the vulnerability service cannot be reached from this machine")
        return 0
    print(f"{kind}: no findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
