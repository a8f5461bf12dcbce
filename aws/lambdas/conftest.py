"""The Lambdas' tests run on the same embedded PostgreSQL and schema as the API's."""
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "backend-flask"))

from cruddur.migrations import migrate  # noqa: E402
from devstack import postgres  # noqa: E402


@pytest.fixture(scope="session")
def database_url():
    name = os.environ.get("TEST_DATABASE_NAME", "cruddur_test") + "_lambdas"
    url = postgres.ensure_database(postgres.server(REPO / ".data" / "postgres"), name, recreate=True)
    migrate(url)
    return url
