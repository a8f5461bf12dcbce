from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from cruddur.db.migrate import MIGRATIONS_DIR, migrate
from devstack import postgres


def test_migrations_are_numbered_and_each_applied_once(database_url):
    names = sorted(path.stem for path in MIGRATIONS_DIR.glob("*.sql"))
    assert [name[:4] for name in names] == [f"{n:04d}" for n in range(1, len(names) + 1)]
    assert migrate(database_url) == []
    with psycopg.connect(database_url) as conn:
        recorded = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert recorded == names


def test_migrate_applies_new_files_in_order(database_url, tmp_path):
    (tmp_path / "0002_second.sql").write_text("INSERT INTO migration_probe VALUES (2);")
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE migration_probe (n int);")
    try:
        assert migrate(database_url, tmp_path) == ["0001_first", "0002_second"]
        assert migrate(database_url, tmp_path) == []
    finally:
        with psycopg.connect(database_url) as conn:
            conn.execute("DROP TABLE IF EXISTS migration_probe")
            conn.execute("DELETE FROM schema_migrations WHERE version IN ('0001_first', '0002_second')")


@pytest.mark.slow
def test_databases_migrated_at_once_on_a_new_server_all_succeed(tmp_path):
    # Roles belong to the whole server: the test suite's processes each migrate a database of their own on one
    # server, so two of them may make the API's role at the same moment.
    server = postgres.server(str(tmp_path / "postgres"), cleanup_mode="stop")
    try:
        urls = [postgres.ensure_database(server, f"at_once_{n}") for n in range(4)]
        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            applied = list(pool.map(migrate, urls))
    finally:
        server.cleanup()
    assert all(names == applied[0] and names for names in applied)
