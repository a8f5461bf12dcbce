"""The process's OpenTelemetry tracer provider and its exporter, with no web framework: the API (tracing.py)
and the stream process share it."""

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

EXPORTERS = ("otlp", "console", "none")
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


def exporting_provider(exporter_name, service_name):
    """The provider with `exporter_name`'s exporter attached once per process; None for "none"."""
    if exporter_name == "none":
        return None
    provider = tracer_provider(service_name)
    if exporter_name not in _attached_exporters:
        provider.add_span_processor(BatchSpanProcessor(_exporter(exporter_name)))
        _attached_exporters.add(exporter_name)
    return provider
