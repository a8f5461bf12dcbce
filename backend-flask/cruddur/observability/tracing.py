"""OpenTelemetry: a span for each request with child spans for SQL (psycopg), AWS calls (botocore),
outgoing HTTP (requests: the JWKS) and each service call. Exported by OTLP over HTTP, configured with the
standard OTEL_* variables, or printed with OTEL_TRACES_EXPORTER=console. Off when unconfigured.

It runs in create_app, so under gunicorn (no preload) every worker sets it up after the fork."""
import functools
import inspect

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


_USER_ARGUMENTS = ("user_uuid", "viewer_uuid")


def _result_count(result):
    items = next((part for part in result if isinstance(part, list)), None) if isinstance(result, tuple) else result
    return len(items) if isinstance(items, list) else None


def service_span(function):
    """A span around a service call, named for it, with the user's uuid and the result count —
    never tokens or message text."""
    name = f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"
    signature = inspect.signature(function)
    tracer = trace.get_tracer("cruddur.services")

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with tracer.start_as_current_span(name) as span:
            if span.is_recording():
                arguments = signature.bind_partial(*args, **kwargs).arguments
                user = next((arguments[a] for a in _USER_ARGUMENTS if arguments.get(a) is not None), None)
                if user is not None:
                    span.set_attribute("cruddur.user_uuid", str(user))
            result = function(*args, **kwargs)
            count = _result_count(result)
            if count is not None and span.is_recording():
                span.set_attribute("cruddur.result_count", count)
            return result
    return wrapper
