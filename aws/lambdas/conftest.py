"""The Lambdas' tests run on the same embedded PostgreSQL and schema as the API's."""
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "backend-flask"))

from cruddur.migrations import migrate  # noqa: E402
from devstack import postgres  # noqa: E402


@pytest.fixture(scope="session")
def database_url():
    url = postgres.ensure_database(postgres.server(REPO / ".data" / "postgres"), "cruddur_lambdas", recreate=True)
    migrate(url)
    return url
