"""JSON log lines on stdout (and optionally CloudWatch Logs) for any process of ours, with no web framework:
the API (logs.py adds its request lines) and the stream process share it."""

import json
import logging
import sys
from datetime import UTC, datetime


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
