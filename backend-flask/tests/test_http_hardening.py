"""Security headers on every API response, CORS only for configured origins, strict JSON."""

import pytest

from cruddur.api.http_hardening import SECURITY_HEADERS


@pytest.mark.parametrize("path", ["/api/activities/home", "/api/nope", "/api/users/me", "/api/openapi.yaml"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    for header, value in SECURITY_HEADERS.items():
        assert response.headers[header] == value
    assert response.headers["Cache-Control"] in ("no-store", "no-cache")  # the document may be revalidated


def test_cors_only_for_configured_origins(make_app):
    client = make_app(cors_allowed_origins=("https://app.cruddur.example",)).test_client()
    allowed = client.get("/api/activities/home", headers={"Origin": "https://app.cruddur.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.cruddur.example"
    assert "X-RateLimit-Remaining" in allowed.headers["Access-Control-Expose-Headers"]
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/api/activities/home", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers

    preflight = client.options(
        "/api/activities",
        headers={
            "Origin": "https://app.cruddur.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_cors_allows_every_method_the_api_has(make_app):
    # A method the API routes but CORS leaves out fails in the browser only, and only across origins.
    app = make_app(cors_allowed_origins=("https://app.cruddur.example",))
    routed = {method for rule in app.url_map.iter_rules() for method in rule.methods} - {"HEAD", "OPTIONS"}
    preflight = app.test_client().options(
        "/api/users/me/handle",
        headers={"Origin": "https://app.cruddur.example", "Access-Control-Request-Method": "PUT"},
    )
    allowed = {method.strip() for method in preflight.headers["Access-Control-Allow-Methods"].split(",")}
    assert routed <= allowed


def test_no_cors_by_default(client):
    response = client.get("/api/activities/home", headers={"Origin": "http://127.0.0.1:3000"})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("body", ['{"message": NaN, "ttl": "1-day"}', '{"message": "x", "ttl": Infinity}'])
def test_json_constants_that_are_not_json_are_refused(client, auth, body):
    response = client.post("/api/activities", data=body, content_type="application/json", headers=auth.headers("ann"))
    assert response.status_code == 400 and response.json["errors"][0]["code"] == "invalid_json"
