"""A span around each service call, named for it (services.users.follow is "users.follow"), with the user's
uuid and the result count — never tokens or message text. Only OpenTelemetry's API: no web framework, so the
services can use it; init_tracing (tracing.py) decides where spans go."""

import functools
import inspect

from opentelemetry import trace

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
