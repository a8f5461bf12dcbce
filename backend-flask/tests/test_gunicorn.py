"""The production server as it runs in the container: gunicorn with gunicorn.conf.py, tracing set up in each
worker after the fork, JSON request lines on stdout carrying the trace id, spans at the OTLP collector."""

import json

import pytest
import requests
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from receivers import wait_until
from servers import Gunicorn, environment

# Not in `bin/test quick`: gunicorn workers started as in production.
pytestmark = pytest.mark.slow


@pytest.fixture
def served(config, otlp_collector):
    server = Gunicorn(
        environment(
            config,
            OTEL_EXPORTER_OTLP_ENDPOINT=otlp_collector.url,
            OTEL_BSP_SCHEDULE_DELAY="100",
            OTEL_SERVICE_NAME="cruddur-api-under-gunicorn",
        )
    )
    yield server
    if server.process.poll() is None:
        server.stop()


def test_gunicorn_workers_trace_and_log_each_request(served, otlp_collector):
    response = requests.get(f"{served.url}/api/activities/home", headers={"X-Request-Id": "gunicorn-1"}, timeout=5)
    assert response.status_code == 200 and response.headers["X-Request-Id"] == "gunicorn-1"
    output = served.stop()

    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    [logged] = [line for line in lines if line.get("request_id") == "gunicorn-1"]
    assert logged["path"] == "/api/activities/home" and logged["status"] == 200
    trace_id = bytes.fromhex(logged["trace_id"])

    def services_with_spans_of_the_trace():
        # The test process may export a span of the same trace too: once another test has instrumented
        # `requests` here, the request above carried its trace context to the worker.
        services = set()
        for _, _, body in otlp_collector.requests:
            for resource_spans in ExportTraceServiceRequest.FromString(body).resource_spans:
                service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}["service.name"]
                for scope in resource_spans.scope_spans:
                    if any(span.trace_id == trace_id for span in scope.spans):
                        services.add(service)
        return services

    assert wait_until(lambda: "cruddur-api-under-gunicorn" in services_with_spans_of_the_trace())
