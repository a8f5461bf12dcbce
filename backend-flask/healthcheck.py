"""Exits 0 when the API process in this container answers, else 1: liveness, never the database.

The image's HEALTHCHECK, the compose file and the ECS task definition all run `python healthcheck.py`, so
the check needs nothing the slim image lacks (no curl). A database failover or maintenance window must not
mark every task unhealthy at once and have ECS replace them all; readiness (the database and the schema
version) is the load balancer's check.
"""

import os
import sys
import urllib.request

PORT = os.environ.get("GUNICORN_BIND", "127.0.0.1:4567").rsplit(":", 1)[1]

try:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/health/live", timeout=3) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # refused, timed out or an error status: all mean the process is not answering
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
