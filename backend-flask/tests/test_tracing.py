"""OpenTelemetry: a request's span tree in memory, and the same spans at a loopback OTLP/HTTP collector."""

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from receivers import wait_until

from cruddur.observability.tracing import tracer_provider


@pytest.fixture
def spans(otlp_env):
    memory = InMemorySpanExporter()
    processor = SimpleSpanProcessor(memory)
    tracer_provider("cruddur-api").add_span_processor(processor)
    yield memory
    processor.shutdown()


@pytest.fixture
def traced_client(make_app, spans):
    return make_app(otel_traces_exporter="otlp").test_client()


def trace_of(spans, root):
    return [s for s in spans.get_finished_spans() if s.context.trace_id == root.context.trace_id]


def ancestors(span, by_id):
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        yield span


def test_request_span_tree_has_sql_aws_http_and_service_children(traced_client, auth, spans):
    token_header = auth.headers("tina")
    message = "a secret plan for the weekend"
    response = traced_client.post("/api/activities", json={"message": message, "ttl": "1-hour"}, headers=token_header)
    assert response.status_code == 201

    root = next(s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER)
    assert root.parent is None and root.attributes["http.route"] == "/api/activities"
    tree = trace_of(spans, root)
    by_id = {s.context.span_id: s for s in tree}
    assert all(root in ancestors(s, by_id) for s in tree if s is not root)

    sql = [s for s in tree if s.attributes.get("db.system") == "postgresql"]
    aws = [s for s in tree if s.attributes.get("rpc.system") == "aws-api"]
    http = [s for s in tree if s.kind == SpanKind.CLIENT and s.instrumentation_scope.name.endswith("requests")]
    services = {s.name: s for s in tree if s.instrumentation_scope.name == "cruddur.services"}
    assert len(sql) >= 3
    assert [s.attributes["rpc.method"] for s in aws] == ["GetUser"]
    assert http, "the JWKS fetch is a child span"
    assert {"users.resolve_viewer", "users.provision", "activities.create"} <= set(services)
    author = traced_client.get("/api/users/@tina/short").json
    assert services["activities.create"].attributes["cruddur.user_uuid"] == author["uuid"]

    token = token_header["Authorization"].split()[1]
    for span in tree:
        text = repr(dict(span.attributes)) + span.name
        assert token not in text and message not in text


def test_service_spans_count_results(traced_client, auth, spans):
    traced_client.post("/api/activities", json={"message": "one", "ttl": "1-hour"}, headers=auth.headers("tina"))
    spans.clear()
    traced_client.get("/api/activities/explore")
    explore = next(s for s in spans.get_finished_spans() if s.name == "activities.explore")
    assert explore.attributes["cruddur.result_count"] == 1
    assert "cruddur.user_uuid" not in explore.attributes


def test_spans_reach_the_otlp_collector(traced_client, otlp_collector, spans):
    traced_client.get("/api/activities/home")
    root = next(s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER)
    wanted = root.context.trace_id.to_bytes(16, "big")

    def exported_trace_ids():
        ids = set()
        for path, _, body in otlp_collector.requests:
            if path == "/v1/traces":
                request = ExportTraceServiceRequest.FromString(body)
                ids |= {span.trace_id for r in request.resource_spans for s in r.scope_spans for span in s.spans}
        return ids

    assert wait_until(lambda: wanted in exported_trace_ids())


def test_a_sent_message_is_published_to_the_streams_in_a_span(traced_client, auth, spans):
    alice, bob = auth.headers("alice"), auth.headers("bob")
    for headers in (alice, bob):
        assert traced_client.get("/api/users/me", headers=headers).status_code == 200
    spans.clear()
    sent = traced_client.post("/api/messages", json={"message": "Hello", "handle": "bob"}, headers=alice)
    assert sent.status_code == 201
    root = next(s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER)
    [publish] = [s for s in trace_of(spans, root) if s.name == "stream.publish"]
    assert publish.attributes["cruddur.stream.event"] == "message"
    assert publish.attributes["cruddur.stream.recipients"] == 2
    assert publish.attributes["cruddur.stream.published"] is True
    sql = [s for s in trace_of(spans, root) if s.attributes.get("db.system") == "postgresql"]
    assert any(s.parent is not None and s.parent.span_id == publish.context.span_id for s in sql)
