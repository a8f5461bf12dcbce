"""One JSON line per request on stdout, with the request id and trace id and no credentials."""

import json
import logging
import sys

import boto3

from cruddur.observability.logs import JsonFormatter, cloudwatch_handler


def request_lines(output):
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == "cruddur.request"]


def test_a_request_logs_one_json_line(client, auth, capsys):
    headers = auth.headers("lena")
    capsys.readouterr()
    response = client.post(
        "/api/activities",
        json={"message": "not for the logs", "ttl": "1-hour"},
        headers={**headers, "X-Request-Id": "req-123"},
    )
    assert response.headers["X-Request-Id"] == "req-123"
    output = capsys.readouterr().out
    [line] = request_lines(output)
    assert line["method"] == "POST" and line["path"] == "/api/activities" and line["status"] == 201
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert line["duration_ms"] >= 0 and line["request_id"] == "req-123"
    assert line["user_uuid"] == client.get("/api/users/me", headers=headers).json["uuid"]
    assert "trace_id" in line
    assert headers["Authorization"].split()[1] not in output and "not for the logs" not in output


def test_request_id_is_generated_when_missing_or_unsafe(client, capsys):
    generated = client.get("/api/activities/home").headers["X-Request-Id"]
    assert len(generated) == 32
    for unsafe in ("has spaces in it", "x" * 129, '{"json": 1}'):
        replaced = client.get("/api/activities/home", headers={"X-Request-Id": unsafe})
        assert replaced.headers["X-Request-Id"] not in (unsafe, generated)
    assert [line["user_uuid"] for line in request_lines(capsys.readouterr().out)] == [None] * 4


def test_a_traced_request_logs_its_trace_id(make_app, capsys, otlp_env):
    client = make_app(otel_traces_exporter="otlp").test_client()
    capsys.readouterr()
    client.get("/api/activities/home")
    [line] = request_lines(capsys.readouterr().out)
    assert len(line["trace_id"]) == 32 and int(line["trace_id"], 16)


def test_cloudwatch_handler_ships_json_lines(config):
    logs = boto3.client(
        "logs",
        endpoint_url=config.aws_endpoint_url,
        region_name=config.aws_region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    logs.create_log_group(logGroupName="/cruddur/test")
    handler = cloudwatch_handler(config.with_overrides(cloudwatch_log_group="/cruddur/test"))
    record = logging.LogRecord("cruddur.request", logging.INFO, __file__, 1, "GET /api/x 200", None, None)
    record.fields = {"status": 200}
    handler.emit(record)
    handler.flush()
    [stream] = logs.describe_log_streams(logGroupName="/cruddur/test")["logStreams"]
    [event] = logs.get_log_events(logGroupName="/cruddur/test", logStreamName=stream["logStreamName"])["events"]
    assert json.loads(event["message"])["status"] == 200
    handler.close()


def test_formatter_includes_exceptions():
    try:
        raise ValueError("nope")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    assert "ValueError: nope" in json.loads(JsonFormatter().format(record))["exception"]
