"""Avatars: the presigned POST (its policy, its checks, auth, S3's credentials failing) and the local path
an upload takes: the browser's POST to the uploads bucket, its event through the queue and the worker to the
avatar handler, and the new avatar_url."""

import base64
import io
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import boto3
import pytest
import requests
from PIL import Image
from receivers import LoopbackHttpServer

from devstack import aws, worker

PRESIGN = "/api/avatars/presign"
FIVE_MB = 5 * 1024 * 1024


def presign(client, headers, content_type="image/png", size=1234):
    return client.post(PRESIGN, json={"content_type": content_type, "size": size}, headers=headers)


def policy_of(post):
    return json.loads(base64.b64decode(post["fields"]["policy"]))


def error_of(response):
    [error] = response.json["errors"]
    return response.status_code, error["code"], error["field"]


@pytest.fixture
def me(client, auth):
    """Headers of a signed-in person whose row exists, and their uuid."""
    headers = auth.headers("ana")
    return headers, client.get("/api/users/me", headers=headers).json["uuid"]


@pytest.mark.parametrize("content_type", ["image/jpeg", "image/png", "image/webp"])
def test_the_policy_holds_the_type_the_ceiling_and_a_key_of_the_apis_choosing(client, me, config, content_type):
    headers, user_uuid = me
    response = presign(client, headers, content_type, size=FIVE_MB)

    assert response.status_code == 200
    post = response.json
    assert set(post) == {"url", "fields", "key", "upload_id", "expires_in"}
    assert post["url"] == f"{config.aws_endpoint_url}/{config.uploads_bucket}"
    assert post["key"] == f"uploads/{user_uuid}/{post['upload_id']}" and post["fields"]["key"] == post["key"]
    assert post["fields"]["Content-Type"] == content_type
    assert post["expires_in"] == 300
    conditions = policy_of(post)["conditions"]
    assert {"Content-Type": content_type} in conditions
    assert ["content-length-range", 1, FIVE_MB] in conditions
    assert {"key": post["key"]} in conditions and {"bucket": config.uploads_bucket} in conditions
    expiration = datetime.fromisoformat(policy_of(post)["expiration"].replace("Z", "+00:00"))
    assert timedelta(minutes=4) < expiration - datetime.now(UTC) <= timedelta(minutes=5)


def test_every_upload_gets_a_key_of_its_own(client, me):
    headers, _ = me
    assert presign(client, headers).json["key"] != presign(client, headers).json["key"]


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"size": 10}, ("missing_field", "content_type")),
        ({"content_type": "image/gif", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "text/html", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "IMAGE/PNG", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": 7, "size": 10}, ("invalid_type", "content_type")),
        ({"content_type": "image/png"}, ("missing_field", "size")),
        ({"content_type": "image/png", "size": "10"}, ("invalid_type", "size")),
        ({"content_type": "image/png", "size": 10.5}, ("invalid_type", "size")),
        ({"content_type": "image/png", "size": True}, ("invalid_type", "size")),
        ({"content_type": "image/png", "size": 0}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": -1}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": FIVE_MB + 1}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": 10**30}, ("invalid_size", "size")),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, me, body, expected):
    headers, _ = me
    assert error_of(client.post(PRESIGN, json=body, headers=headers)) == (400, *expected)


def test_a_body_that_is_not_json_is_refused(client, me):
    headers, _ = me
    response = client.post(PRESIGN, data="content_type=image/png", headers=headers)
    assert error_of(response) == (415, "unsupported_media_type", None)


def test_presigning_needs_a_signed_in_person(client):
    assert error_of(presign(client, {})) == (401, "missing_token", None)


class ContainerCredentialsEndpoint(LoopbackHttpServer):
    """ECS's container credentials endpoint on loopback: credentials that expire in five minutes (so boto
    refreshes them before every signature) until `fail()`, then 500s."""

    def __init__(self):
        self.failing = threading.Event()
        failing = self.failing

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if failing.is_set():
                    self.send_response(500)
                    self.end_headers()
                    return
                expiration = datetime.now(UTC) + timedelta(minutes=5)
                body = json.dumps(
                    {
                        "AccessKeyId": "local",
                        "SecretAccessKey": "local",
                        "Token": "local",
                        "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(Handler)
        self.url += "/credentials"

    def fail(self):
        self.failing.set()


@pytest.fixture
def container_credentials(monkeypatch, tmp_path):
    """The API's AWS credentials from a container credentials endpoint only, as on ECS."""
    endpoint = ContainerCredentialsEndpoint()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url)
    # boto3's default session keeps the credentials it found; this test's must not outlive it.
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    yield endpoint
    endpoint.close()


@pytest.mark.slow  # a container credentials endpoint that times out
def test_credentials_that_cannot_be_refreshed_are_a_503(make_app, auth, container_credentials):
    client = make_app().test_client()
    headers = auth.headers("ana")
    assert client.get("/api/users/me", headers=headers).status_code == 200
    assert presign(client, headers).status_code == 200

    container_credentials.fail()
    response = presign(client, headers)

    assert error_of(response) == (503, "uploads_unavailable", None)
    assert response.headers["Retry-After"] == "5"


def test_the_web_app_may_post_to_the_uploads_bucket(config):
    preflight = requests.options(
        f"{config.aws_endpoint_url}/{config.uploads_bucket}",
        timeout=5,
        headers={"Origin": "http://127.0.0.1:3000", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:3000"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


@pytest.fixture
def running_worker(config, monkeypatch):
    """bin/worker's loop in a thread, with the environment bin/dev gives it (and the avatar handler reads)."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", config.aws_endpoint_url)
    monkeypatch.setenv("ASSETS_BUCKET", aws.ASSETS_BUCKET)
    monkeypatch.setenv("MEDIA_BUCKET", config.media_bucket)
    monkeypatch.setenv("DATABASE_URL", config.database_url)
    stopped = threading.Event()
    thread = threading.Thread(target=worker.Worker(worker.pollers(config)).run, args=(stopped,), daemon=True)
    thread.start()
    yield
    stopped.set()
    thread.join(timeout=5)


def processed(client, headers, upload_id):
    """The upload's state once the worker is done with it (GET /api/avatars/{upload_id}, as the SPA polls)."""
    deadline = time.monotonic() + 15
    while (state := client.get(f"/api/avatars/{upload_id}", headers=headers).json)["status"] == "processing":
        assert time.monotonic() < deadline, "the worker did not process the upload in time"
        time.sleep(0.2)
    return state


def test_an_upload_becomes_the_avatar_through_the_queue_and_the_worker(make_app, auth, config, running_worker):
    assets_base_url = f"{config.aws_endpoint_url}/{aws.ASSETS_BUCKET}"
    client = make_app(assets_base_url=assets_base_url).test_client()
    headers = auth.headers("ana")
    assert client.get("/api/users/me", headers=headers).json["avatar_url"] is None
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 40, 200)).save(picture, "JPEG")

    post = presign(client, headers, "image/jpeg", picture.tell()).json
    sent = requests.post(
        post["url"], data=post["fields"], timeout=5, files={"file": ("me.jpg", picture.getvalue(), "image/jpeg")}
    )
    assert sent.status_code == 204

    state = processed(client, headers, post["upload_id"])
    assert state["status"] == "ready" and state["reason"] is None
    avatar_url = client.get("/api/users/me", headers=headers).json["avatar_url"]
    assert state["avatar_url"] == avatar_url == f"{assets_base_url}/avatars/{post['key'].split('/', 1)[1]}-512.webp"
    served = requests.get(avatar_url, timeout=5)
    assert served.headers["Content-Type"] == "image/webp"
    assert Image.open(io.BytesIO(served.content)).size == (512, 512)
    assert requests.get(avatar_url.replace("-512.webp", "-128.webp"), timeout=5).status_code == 200


def test_an_upload_that_is_no_picture_fails_with_the_reason(client, auth, running_worker):
    headers = auth.headers("ana")
    client.get("/api/users/me", headers=headers)
    post = presign(client, headers, "image/png", 20).json
    sent = requests.post(
        post["url"], data=post["fields"], timeout=5, files={"file": ("me.png", b"not a picture at all", "image/png")}
    )
    assert sent.status_code == 204
    assert processed(client, headers, post["upload_id"]) == {
        "status": "failed",
        "avatar_url": None,
        "reason": "it is not a JPEG, PNG or WebP picture",
    }
    assert client.get("/api/users/me", headers=headers).json["avatar_url"] is None


def test_an_uploads_state_is_its_uploaders_alone(client, auth):
    ana, ben = auth.headers("ana"), auth.headers("ben")
    for headers in (ana, ben):
        client.get("/api/users/me", headers=headers)
    upload_id = presign(client, ana).json["upload_id"]
    assert client.get(f"/api/avatars/{upload_id}", headers=ana).json == {
        "status": "processing",
        "avatar_url": None,
        "reason": None,
    }
    for other, expected in ((ben, (404, "avatar_not_found", None)), ({}, (401, "missing_token", None))):
        assert error_of(client.get(f"/api/avatars/{upload_id}", headers=other)) == expected
    for unknown in ("0" * 32, upload_id.upper(), "x" * 32, "..", "%00"):
        assert error_of(client.get(f"/api/avatars/{unknown}", headers=ana)) == (404, "avatar_not_found", None)
