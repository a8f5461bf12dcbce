"""Rollbar: unhandled exceptions with the request and the user's uuid as the person; headers, cookies and
tokens scrubbed. On when ROLLBAR_ACCESS_TOKEN is set."""

import rollbar
from flask import g, got_request_exception, request

# Rollbar's own list plus every header and field that can carry a credential here.
SCRUBBED = [
    *rollbar.SETTINGS["scrub_fields"],
    "authorization",
    "Authorization",
    "cookie",
    "Cookie",
    "set-cookie",
    "Set-Cookie",
    "token",
    "access_token",
    "accessToken",
    "id_token",
    "idToken",
    "refresh_token",
    "refreshToken",
    "password",
    "secret",
    "x-api-key",
    "X-Api-Key",
]


def _report(sender, exception, **_extra):
    viewer = g.get("viewer")
    payload = {"person": {"id": str(viewer["uuid"])}} if viewer else None
    rollbar.report_exc_info((type(exception), exception, exception.__traceback__), request, payload_data=payload)


def init_error_reporting(app, config):
    if not config.rollbar_access_token:
        return
    settings = {
        "environment": config.environment,
        "scrub_fields": SCRUBBED,
        "handler": config.rollbar_handler,
        "capture_ip": False,
        "allow_logging_basic_config": False,
    }
    if config.rollbar_endpoint:
        settings["endpoint"] = config.rollbar_endpoint
    rollbar.init(config.rollbar_access_token, **settings)
    got_request_exception.connect(_report, app)
