"""Applies the numbered SQL files in db/migrations in order, each once, recorded in schema_migrations."""

from pathlib import Path

import psycopg
from psycopg import sql

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)
"""
# Two processes migrating at once wait for each other instead of racing.
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('cruddur.migrations'))"


def latest_version(directory=MIGRATIONS_DIR):
    """The newest migration this build ships: the schema version it needs."""
    return max(path.stem for path in directory.glob("*.sql"))


def pending_files(applied, directory=MIGRATIONS_DIR):
    return [path for path in sorted(directory.glob("*.sql")) if path.stem not in applied]


def migrate(database_url, directory=MIGRATIONS_DIR):
    """Answers the versions it applied."""
    applied_now = []
    with psycopg.connect(database_url) as conn, conn.transaction():
        conn.execute(_LOCK)
        conn.execute(_CREATE_LEDGER)
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for path in pending_files(applied, directory):
            conn.execute(path.read_text())
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (path.stem,))
            applied_now.append(path.stem)
    return applied_now


def ensure_api_login(database_url, user, password):
    """Makes USER a login of the cruddur_api role (0016) with PASSWORD, unless it exists: once made, its
    password is the rotation's to change. Run by the migration task, which owns the schema. Answers
    whether it made the login."""
    with psycopg.connect(database_url) as conn, conn.transaction():
        conn.execute(_LOCK)
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone():
            return False
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE cruddur_api").format(
                sql.Identifier(user), sql.Literal(password)
            )
        )
        return True
