"""The production server as it runs in the container: gunicorn with gunicorn.conf.py, tracing set up in each
worker after the fork, JSON request lines on stdout carrying the trace id, spans at the OTLP collector."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from conftest import free_port
from receivers import wait_until

BACKEND = Path(__file__).resolve().parents[1]


@pytest.fixture
def served(config, otlp_collector):
    port = free_port()
    env = {
        **os.environ,
        "CRUDDUR_ENV": "test",
        "DATABASE_URL": config.database_url,
        "AWS_ENDPOINT_URL": config.aws_endpoint_url,
        "COGNITO_USER_POOL_ID": config.cognito_user_pool_id,
        "COGNITO_USER_POOL_CLIENT_ID": config.cognito_user_pool_client_id,
        "PURGE_INTERVAL_SECONDS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_collector.url,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OTEL_SERVICE_NAME": "cruddur-api-under-gunicorn",
    }
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=BACKEND, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    yield f"http://127.0.0.1:{port}", server
    server.terminate()
    server.wait(10)


def test_gunicorn_workers_trace_and_log_each_request(served, otlp_collector):
    url, server = served
    assert wait_until(lambda: _answers(url), seconds=20)
    response = requests.get(f"{url}/api/activities/home", headers={"X-Request-Id": "gunicorn-1"}, timeout=5)
    assert response.status_code == 200 and response.headers["X-Request-Id"] == "gunicorn-1"
    server.terminate()
    output, _ = server.communicate(timeout=20)

    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    [logged] = [line for line in lines if line.get("request_id") == "gunicorn-1"]
    assert logged["path"] == "/api/activities/home" and logged["status"] == 200
    trace_id = bytes.fromhex(logged["trace_id"])

    def exported():
        for path, _, body in otlp_collector.requests:
            for resource_spans in ExportTraceServiceRequest.FromString(body).resource_spans:
                service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}["service.name"]
                for scope in resource_spans.scope_spans:
                    if any(span.trace_id == trace_id for span in scope.spans):
                        return service
    assert wait_until(lambda: exported() == "cruddur-api-under-gunicorn")


def _answers(url):
    try:
        return requests.get(f"{url}/api/health-check", timeout=2).status_code == 200
    except requests.RequestException:  # not up yet
        return False
