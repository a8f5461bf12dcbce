"""OpenTelemetry: a span for each request with child spans for SQL (psycopg), AWS calls (botocore),
outgoing HTTP (requests: the JWKS) and each service call (spans.py). Exported by OTLP over HTTP, configured with the
standard OTEL_* variables, or printed with OTEL_TRACES_EXPORTER=console. Off when unconfigured.

It runs in create_app, so under gunicorn (no preload) every worker sets it up after the fork."""

from opentelemetry import trace
from opentelemetry.instrumentation.botocore import BotocoreInstrumentor
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
from opentelemetry.instrumentation.requests import RequestsInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

EXPORTERS = ("otlp", "console", "none")
# Load balancer probes would drown the traces that matter.
UNTRACED_URLS = "api/health-check"
_attached_exporters = set()


def _exporter(name):
    if name == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()  # endpoint, headers and timeout come from the OTEL_* variables


def tracer_provider(service_name):
    """The process's SDK tracer provider, made the first time."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        trace.set_tracer_provider(provider)
    return provider


def init_tracing(app, config):
    """Before the database pool opens, so its connections are traced."""
    if config.otel_traces_exporter == "none":
        return
    provider = tracer_provider(config.otel_service_name)
    if config.otel_traces_exporter not in _attached_exporters:
        provider.add_span_processor(BatchSpanProcessor(_exporter(config.otel_traces_exporter)))
        _attached_exporters.add(config.otel_traces_exporter)
    for instrumentor in (PsycopgInstrumentor(), BotocoreInstrumentor(), RequestsInstrumentor()):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider)
    FlaskInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls=UNTRACED_URLS)
