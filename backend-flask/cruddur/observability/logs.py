"""One JSON line per log record on stdout (what CloudWatch Logs ingests from the awslogs driver), one
line per request, and the X-Request-Id header; optionally also straight to a CloudWatch log group."""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import g, request

from .trace_ids import current_trace_id

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
request_log = logging.getLogger("cruddur.request")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time, so a replaced stdout (tests, reloaders) still gets lines."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value):
        pass


def configure_process_logging(config):
    """Once per process: JSON on stdout, and CloudWatch Logs when a log group is configured."""
    root = logging.getLogger()
    if any(isinstance(h, StdoutHandler) for h in root.handlers):
        return
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stdout = StdoutHandler()
    stdout.setFormatter(JsonFormatter())
    root.addHandler(stdout)
    root.setLevel(logging.INFO)
    if config.cloudwatch_log_group:
        root.addHandler(cloudwatch_handler(config))


def cloudwatch_handler(config):
    import boto3
    import watchtower

    logs = boto3.client("logs", region_name=config.aws_region, endpoint_url=config.aws_endpoint_url)
    handler = watchtower.CloudWatchLogHandler(
        log_group_name=config.cloudwatch_log_group, boto3_client=logs, create_log_group=False
    )
    handler.setFormatter(JsonFormatter())
    return handler


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
