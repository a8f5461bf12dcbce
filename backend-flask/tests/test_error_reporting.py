"""Rollbar: nothing is sent without a token; with one, an unhandled error arrives with the person and
without credentials. The collector on loopback stands in for Rollbar's API."""

import json

import pytest
from receivers import HttpCollector, wait_until

from cruddur.api.authentication import auth_required


@pytest.fixture
def rollbar_api():
    collector = HttpCollector()
    yield collector
    collector.close()


def failing_app(make_app, **overrides):
    app = make_app(**overrides)

    @auth_required
    def explode():
        raise RuntimeError("the flux capacitor broke")

    app.add_url_rule("/api/test-only/explode", view_func=explode)
    return app


def test_without_a_token_nothing_is_sent(make_app, auth, rollbar_api):
    client = failing_app(make_app, rollbar_endpoint=f"{rollbar_api.url}/api/1/").test_client()
    response = client.get("/api/test-only/explode", headers=auth.headers("rita"))
    assert response.status_code == 500
    assert response.json["errors"][0]["code"] == "internal_error"
    assert not wait_until(lambda: rollbar_api.requests, seconds=1)


def test_unhandled_error_is_reported_with_person_and_no_credentials(make_app, auth, rollbar_api):
    app = failing_app(
        make_app,
        rollbar_access_token="server-token",
        rollbar_endpoint=f"{rollbar_api.url}/api/1/",
        rollbar_handler="blocking",
    )
    client = app.test_client()
    headers = auth.headers("rita")
    access_token = headers["Authorization"].split()[1]
    client.set_cookie("session", "cookie-secret-value")
    response = client.get("/api/test-only/explode?token=query-secret", headers=headers)
    assert response.status_code == 500

    assert wait_until(lambda: rollbar_api.requests)
    path, _, body = rollbar_api.requests[0]
    assert path == "/api/1/item/"
    item = json.loads(body)["data"]
    me = client.get("/api/users/me", headers=headers).json
    assert item["person"]["id"] == me["uuid"]
    assert item["environment"] == "test"
    assert item["body"]["trace"]["exception"]["message"] == "the flux capacitor broke"
    assert item["request"]["url"].startswith("http://localhost/api/test-only/explode")
    for secret in (access_token, "cookie-secret-value", "query-secret"):
        assert secret not in body.decode()
