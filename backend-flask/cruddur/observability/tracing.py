"""OpenTelemetry: a span for each request with child spans for SQL (psycopg), AWS calls (botocore),
outgoing HTTP (requests: the JWKS) and each service call (spans.py). Exported by OTLP over HTTP, configured with the
standard OTEL_* variables, or printed with OTEL_TRACES_EXPORTER=console. Off when unconfigured.

It runs in create_app, so under gunicorn (no preload) every worker sets it up after the fork."""

from opentelemetry.instrumentation.botocore import BotocoreInstrumentor
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
from opentelemetry.instrumentation.requests import RequestsInstrumentor

# The provider is shared with the stream process, which has no Flask.
from .providers import EXPORTERS, exporting_provider, tracer_provider

# Load balancer probes would drown the traces that matter.
UNTRACED_URLS = "api/health-check"
__all__ = ["EXPORTERS", "init_tracing", "tracer_provider"]


def init_tracing(app, config):
    """Before the database pool opens, so its connections are traced."""
    provider = exporting_provider(config.otel_traces_exporter, config.otel_service_name)
    if provider is None:
        return
    for instrumentor in (PsycopgInstrumentor(), BotocoreInstrumentor(), RequestsInstrumentor()):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider)
    FlaskInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls=UNTRACED_URLS)
