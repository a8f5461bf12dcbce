def test_health_check(client):
    response = client.get("/api/health-check")
    assert response.status_code == 200
    assert response.json["success"] is True


def test_health_check_is_503_when_postgres_is_unreachable(make_app, tmp_path):
    client = make_app(
        database_url=f"postgresql://postgres@/cruddur?host={tmp_path}", db_timeout_seconds=1
    ).test_client()
    response = client.get("/api/health-check")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.json["errors"][0]["code"] == "database_unavailable"
    feed = client.get("/api/activities/home")
    assert feed.status_code == 503 and feed.json["errors"][0]["code"] == "database_unavailable"


def test_config_names_the_local_cognito(client, config):
    assert client.get("/api/config").json == {
        "region": "us-east-1",
        "user_pool_id": config.cognito_user_pool_id,
        "user_pool_client_id": config.cognito_user_pool_client_id,
        "cognito_endpoint": config.aws_endpoint_url,
        "assets_base_url": "http://assets.test",
        "rollbar_client_token": None,
        "environment": "test",
        "stream_url": "/api/stream",
    }


def test_unknown_route_and_method_answer_the_errors_body(client):
    missing = client.get("/api/nope")
    assert missing.status_code == 404 and missing.json["errors"][0]["code"] == "route_not_found"
    wrong_method = client.put("/api/activities/home")
    assert wrong_method.status_code == 405 and wrong_method.json["errors"][0]["code"] == "method_not_allowed"
