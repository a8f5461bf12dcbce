"""One JSON line per log record on stdout (what CloudWatch Logs ingests from the awslogs driver), one
line per request, and the X-Request-Id header; optionally also straight to a CloudWatch log group."""

import logging
import re
import time
import uuid

from flask import g, request

# The process-wide parts live where the stream process can use them too.
from .json_logs import JsonFormatter, StdoutHandler, cloudwatch_handler, configure_process_logging
from .trace_ids import current_trace_id

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
request_log = logging.getLogger("cruddur.request")
__all__ = ["JsonFormatter", "StdoutHandler", "cloudwatch_handler", "configure_process_logging", "init_logging"]


def _start_request():
    g.request_started = time.perf_counter()
    offered = request.headers.get("X-Request-Id", "")
    g.request_id = offered if REQUEST_ID.match(offered) else uuid.uuid4().hex


def _log_request(response):
    response.headers["X-Request-Id"] = g.request_id
    viewer = g.get("viewer")
    request_log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "fields": {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 2),
                "user_uuid": str(viewer["uuid"]) if viewer else None,
                "trace_id": current_trace_id(),
                "request_id": g.request_id,
            }
        },
    )
    return response


def init_logging(app, config):
    configure_process_logging(config)
    app.before_request(_start_request)
    app.after_request(_log_request)
