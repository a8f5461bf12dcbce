"""Seeds the dataset of seed.sql into a migrated, empty database and analyzes it."""

import hashlib
import uuid
from pathlib import Path

import psycopg

from cruddur.db.loader import to_psycopg

SEED_SQL = Path(__file__).with_name("seed.sql")


def user_uuid(n):
    """The uuid seed.sql gives person n (handle user<n>)."""
    return str(uuid.UUID(hashlib.md5(f"seed-user-{n}".encode(), usedforsecurity=False).hexdigest()))


def crud_uuid(n):
    """The uuid seed.sql gives crud n."""
    return str(uuid.UUID(hashlib.md5(f"seed-crud-{n}".encode(), usedforsecurity=False).hexdigest()))


def top_level_author(n, users):
    """The number of the person seed.sql makes the author of top-level crud n."""
    return 1 + (n % users) * 7919 % users


def seed(database_url, users, cruds, follows_min, follows_max):
    params = {"users": users, "cruds": cruds, "follows_min": follows_min, "follows_max": follows_max}
    # One transaction; the client-side cursor binds the parameters into every statement of the file.
    with psycopg.connect(database_url) as conn:
        psycopg.ClientCursor(conn).execute(to_psycopg(SEED_SQL.read_text()), params)
    with psycopg.connect(database_url, autocommit=True) as conn:
        # As autovacuum leaves a settled database: statistics, and a visibility map for index-only scans.
        conn.execute("VACUUM ANALYZE")
