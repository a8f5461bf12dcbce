"""Exits 0 when the API in this container answers its health check, else 1.

The image's HEALTHCHECK, the compose file and the ECS task definition all run `python healthcheck.py`, so
the check needs nothing the slim image lacks (no curl).
"""

import os
import sys
import urllib.request

PORT = os.environ.get("GUNICORN_BIND", "127.0.0.1:4567").rsplit(":", 1)[1]

try:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/health-check", timeout=3) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # refused, timed out or 503: all mean unhealthy
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
