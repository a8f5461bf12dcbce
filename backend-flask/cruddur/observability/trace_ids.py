"""The id of the trace the current request belongs to, from OpenTelemetry or else X-Ray."""

from flask import current_app
from opentelemetry import trace


def current_trace_id():
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        return format(context.trace_id, "032x")
    recorder = current_app.extensions.get("xray_recorder")
    if recorder is None:
        return None
    return getattr(recorder.get_trace_entity(), "trace_id", None)
