import psycopg
import pytest
from psycopg import sql

from cruddur.db.migrate import latest_version, migrate


def test_health_check(client):
    response = client.get("/api/health-check")
    assert response.status_code == 200
    assert response.json["success"] is True
    assert response.json["schema_version"] == latest_version()


@pytest.fixture
def empty_database_url(database_url):
    """A database no migration has touched, beside the test one (as RDS is before the first deploy)."""
    name = psycopg.conninfo.conninfo_to_dict(database_url)["dbname"] + "_unmigrated"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield psycopg.conninfo.make_conninfo(database_url, dbname=name)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(drop)


def test_not_ready_until_the_newest_migration_is_applied(make_app, empty_database_url):
    """The first deploy's tasks must fail the load balancer's check until the migration task has run."""
    client = make_app(database_url=empty_database_url).test_client()
    before = client.get("/api/health-check")
    assert before.status_code == 503 and before.json["errors"][0]["code"] == "schema_not_migrated"
    assert client.get("/api/health/live").status_code == 200
    applied = migrate(empty_database_url)
    # One migration short of this build (as when an older build ran the migrations).
    with psycopg.connect(empty_database_url) as conn:
        conn.execute("DELETE FROM schema_migrations WHERE version = %s", (applied[-1],))
    behind = client.get("/api/health-check")
    assert behind.status_code == 503 and behind.json["errors"][0]["code"] == "schema_not_migrated"
    with psycopg.connect(empty_database_url) as conn:
        conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (applied[-1],))
    ready = client.get("/api/health-check")
    assert ready.status_code == 200 and ready.json["schema_version"] == applied[-1] == latest_version()


def test_liveness_answers_while_postgres_is_unreachable(make_app, tmp_path):
    """The container's check: a database failover must not have ECS replace every task."""
    client = make_app(
        database_url=f"postgresql://postgres@/cruddur?host={tmp_path}", db_timeout_seconds=1
    ).test_client()
    assert client.get("/api/health-check").status_code == 503
    live = client.get("/api/health/live")
    assert live.status_code == 200 and live.json == {"success": True}


@pytest.mark.slow  # waits out the database connect timeout
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
