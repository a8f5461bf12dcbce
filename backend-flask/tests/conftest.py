"""Fixtures in flaskr's style: `app`, `client`, `auth` — on a real PostgreSQL and moto as the local AWS."""

import os
import secrets
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import boto3
import psycopg
import pytest
from receivers import HttpCollector, wait_until

from cruddur import create_app
from cruddur.config import Config
from cruddur.db.migrate import migrate
from cruddur.fanout.process import FanOut
from cruddur.timelines.store import Timelines
from devstack import aws, postgres
from devstack.local_aws import LocalAwsServer

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("data")
REGION = "us-east-1"
PASSWORD = "test-password-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def database_url():
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        name = os.environ.get("TEST_DATABASE_NAME", "cruddur_test")
        # pytest-xdist's workers (gw0, gw1, ...) each get a database of their own.
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        if worker:
            name = f"{name}_{worker}"
        url = postgres.ensure_database(postgres.server(REPO / ".data" / "postgres"), name, recreate=True)
    migrate(url)
    return url


@pytest.fixture(scope="session")
def local_aws():
    """The local AWS (moto, with presigned URLs that expire) on a loopback port of its own, with the pool,
    client, table and buckets bin/dev makes."""
    # The API signs its DynamoDB calls; moto accepts any credentials (bin/dev exports the same).
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    port = free_port()
    server = LocalAwsServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    settings = aws.bootstrap(endpoint, REGION)
    yield {
        "endpoint": endpoint,
        "pool_id": settings["COGNITO_USER_POOL_ID"],
        "client_id": settings["COGNITO_USER_POOL_CLIENT_ID"],
    }
    server.stop()


def settings_for_tests(database_url, local_aws):
    return Config(
        environment="test",
        database_url=database_url,
        aws_region=REGION,
        aws_endpoint_url=local_aws["endpoint"],
        cognito_user_pool_id=local_aws["pool_id"],
        cognito_user_pool_client_id=local_aws["client_id"],
        assets_base_url="http://assets.test",
        purge_interval_seconds=0,
        # Every test signs in from 127.0.0.1; test_rate_limits sets tight limits of its own.
        rate_limit_writes_per_user="100000/minute",
        rate_limit_writes_per_ip="100000/minute",
        rate_limit_sign_in_per_ip="100000/minute",
        # Tests read their own writes at once; test_public_pages turns the cache on.
        public_page_cache_ms=0,
    )


@pytest.fixture
def config(database_url, local_aws):
    """The test settings; whatever a test wrote (in process or through a served API) is gone after it."""
    yield settings_for_tests(database_url, local_aws)
    empty_tables(database_url)


def empty_tables(database_url):
    with psycopg.connect(database_url) as conn:
        conn.execute("TRUNCATE users, activities CASCADE")


@pytest.fixture(scope="session")
def otlp_collector():
    """An OTLP/HTTP collector on loopback. The process exports to the first one it is pointed at, so
    every traced test points at this one."""
    collector = HttpCollector()
    yield collector
    collector.close()


@pytest.fixture
def otlp_env(otlp_collector, monkeypatch):
    """The standard variables the OTLP exporter reads when tracing starts in create_app."""
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", otlp_collector.url)
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "100")
    return otlp_collector


@pytest.fixture
def make_app(config):
    """Builds apps with settings overridden and closes them after the test (`config` empties the tables)."""
    apps = []

    def make(**overrides):
        apps.append(create_app(config.with_overrides(**overrides)))
        return apps[-1]

    yield make
    for made in apps:
        made.extensions["db"].close()


@pytest.fixture(scope="session")
def default_app(database_url, local_aws):
    """One app with the test settings for every test that needs no others: building one costs ~60 ms (boto3
    clients, route compilation), which was a third of the quick loop."""
    made = create_app(settings_for_tests(database_url, local_aws))
    yield made
    made.extensions["db"].close()


@pytest.fixture
def app(config, default_app):
    """The app with the test settings; `config` empties the tables first. Tests that need other settings, or
    an app of their own, use make_app."""
    return default_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sql(database_url):
    """Runs SQL (or a file under tests/data) straight on the test database; answers the rows, if any."""

    def run(statement, params=None):
        if statement.endswith(".sql"):
            statement = (DATA / statement).read_text()
        with psycopg.connect(database_url, autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    return run


class AuthActions:
    """Signs people up and in through the local Cognito; tokens are the real thing moto issues."""

    def __init__(self, endpoint, pool_id, client_id):
        self.cognito = boto3.client(
            "cognito-idp",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        self.pool_id = pool_id
        self.client_id = client_id

    def sign_up(self, handle, name=None, email=None):
        """A confirmed Cognito account; answers its email."""
        email = email or f"{handle}-{secrets.token_hex(4)}@example.com"
        self.cognito.sign_up(
            ClientId=self.client_id,
            Username=email,
            Password=PASSWORD,
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "name", "Value": name or handle.title()},
                {"Name": "preferred_username", "Value": handle},
            ],
        )
        self.cognito.admin_confirm_sign_up(UserPoolId=self.pool_id, Username=email)
        return email

    def tokens(self, email):
        result = self.cognito.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
        )
        return result["AuthenticationResult"]

    def headers(self, handle, name=None):
        """Authorization headers for a new person with this handle."""
        token = self.tokens(self.sign_up(handle, name))["AccessToken"]
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def auth(local_aws):
    return AuthActions(local_aws["endpoint"], local_aws["pool_id"], local_aws["client_id"])


@pytest.fixture
def person(client, auth):
    """Makes people: authorization headers of a new person whose users row exists (so others can find them)."""

    def make(handle, name=None):
        headers = auth.headers(handle, name)
        assert client.get("/api/users/me", headers=headers).status_code == 200
        return headers

    return make


@pytest.fixture
def people(client, auth):
    """ann, bob, cat and dan, signed up and signed in once (so each has a users row): their request headers."""
    headers = {handle: auth.headers(handle) for handle in ("ann", "bob", "cat", "dan")}
    for h in headers.values():
        client.get("/api/users/me", headers=h)
    return headers


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own (tests/servers.py)."""
    from servers import RedisServer  # servers imports this module

    server = RedisServer(tmp_path)
    yield server
    server.stop()


@contextmanager
def running_fan_out(database_url, timelines_url):
    """The fan-out process's loop (cruddur/fanout) in a thread, on the timelines at timelines_url, from when it
    listens (nothing written after is missed) until the block ends."""
    running = FanOut(database_url, Timelines.from_url(timelines_url), check_seconds=0.2)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        assert wait_until(lambda: running.listening), "the fan-out did not start listening"
        yield running
    finally:
        running.stop()
        thread.join(5)
