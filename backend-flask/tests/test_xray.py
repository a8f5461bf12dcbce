"""X-Ray: with a daemon address set, a request's segment (with SQL and AWS subsegments) arrives over UDP."""

import json
from pathlib import Path

import pytest
from receivers import UdpListener

SAMPLING_RULES = Path(__file__).resolve().parents[2] / "aws" / "xray" / "sampling-rules.json"


@pytest.fixture
def daemon():
    listener = UdpListener()
    yield listener
    listener.close()


def segments(datagrams):
    # Each datagram is a JSON header line, then the segment document.
    return [json.loads(datagram.split(b"\n", 1)[1]) for datagram in datagrams]


def walk(entity):
    for sub in entity.get("subsegments", []):
        yield sub
        yield from walk(sub)


def test_segment_with_sql_and_aws_subsegments_reaches_the_daemon(make_app, auth, daemon):
    client = make_app(xray_daemon_address=daemon.address, xray_sampling_rules=str(SAMPLING_RULES)).test_client()
    headers = auth.headers("xena")
    response = client.post("/api/activities", json={"message": "traced", "ttl": "1-hour"}, headers=headers)
    assert response.status_code == 201

    request_segments = [s for s in segments(daemon.datagrams(5)) if s.get("http", {}).get("request")]
    assert len(request_segments) == 1
    segment = request_segments[0]
    assert segment["name"] == "cruddur-api"
    assert segment["http"]["request"]["method"] == "POST"
    assert segment["http"]["response"]["status"] == 201
    subsegments = list(walk(segment))
    sql = [s for s in subsegments if "sql" in s]
    assert {s["sql"]["sanitized_query"] for s in sql} >= {"users/by_cognito_user_id", "activities/create"}
    assert any(s.get("namespace") == "aws" and s["aws"]["operation"] == "GetUser" for s in subsegments)
    assert headers["Authorization"].split()[1] not in json.dumps(segment)


def test_sampling_rules_file_is_valid():
    rules = json.loads(SAMPLING_RULES.read_text())
    assert rules["version"] == 2 and rules["default"]["rate"] <= 1
    assert all({"host", "http_method", "url_path", "fixed_target", "rate"} <= set(r) for r in rules["rules"])
