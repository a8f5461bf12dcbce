"""The Lambdas' tests run on the same embedded PostgreSQL and schema as the API's."""

import os
from pathlib import Path

import psycopg
import pytest

from cruddur.db.migrate import migrate
from devstack import postgres
from lambda_common.database import database_url as lambda_database_url

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def database_url():
    name = os.environ.get("TEST_DATABASE_NAME", "cruddur_test") + "_lambdas"
    # pytest-xdist's workers (gw0, gw1) each get a database of their own.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        name += "_" + os.environ["PYTEST_XDIST_WORKER"]
    url = postgres.ensure_database(postgres.server(REPO / ".data" / "postgres"), name, recreate=True)
    migrate(url)
    return url


@pytest.fixture
def database(database_url, monkeypatch):
    """The database as the Lambdas find it (DATABASE_URL), read anew as by a new container; emptied after."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)
    lambda_database_url.cache_clear()
    yield database_url
    lambda_database_url.cache_clear()
    with psycopg.connect(database_url) as conn:
        conn.execute("TRUNCATE users CASCADE")
