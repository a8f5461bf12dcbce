"""A real PostgreSQL from the pgserver package, for when DATABASE_URL is not set.

`python -m devstack.postgres start DATA_DIR DBNAME` starts it if needed (it outlives this process, so a
second run is instant), makes the database if missing, and prints its URL (a Unix socket, no TCP port).
`python -m devstack.postgres stop DATA_DIR` stops it.
"""

import logging
import sys
from pathlib import Path

import pgserver
import psycopg
from psycopg import sql

# Its INFO lines narrate process handles; only problems are worth showing.
logging.getLogger("pgserver").setLevel(logging.WARNING)


def server(data_dir, cleanup_mode=None):
    data_dir = Path(data_dir).resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    return pgserver.get_server(data_dir, cleanup_mode=cleanup_mode)


def ensure_database(pg, dbname, recreate=False):
    """The URL of database `dbname` on the server `pg`, made (or made anew) first."""
    with psycopg.connect(pg.get_uri(), autocommit=True) as conn:
        if recreate:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    return pg.get_uri(dbname)


def main(argv):
    command, data_dir = argv[0], argv[1]
    if command == "start":
        print(ensure_database(server(data_dir), argv[2]))
    elif command == "stop":
        server(data_dir, cleanup_mode="stop").cleanup()
    else:
        raise SystemExit(f"unknown command {command!r}: use start or stop")


if __name__ == "__main__":
    main(sys.argv[1:])
