"""The Postgres pool and the SQL files under cruddur/sql, looked up by name ("activities/home")."""
import re
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

SQL_DIR = Path(__file__).parent / "sql"

# `:name` is a psql variable, so each file runs as is in psql after `\set name value`;
# `::type` casts are left alone.
_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def to_psycopg(sql_text):
    return _PARAMETER.sub(r"%(\1)s", sql_text.replace("%", "%%"))


def load_queries(root=SQL_DIR):
    return {
        path.relative_to(root).with_suffix("").as_posix(): to_psycopg(path.read_text())
        for path in sorted(root.rglob("*.sql"))
        if "migrations" not in path.parts
    }


def _configure_connection(conn):
    # ISO timestamps in the API carry +00:00.
    conn.execute("SET TIME ZONE 'UTC'")


class Database:
    """Created unbound; `init_app` makes the pool and opens it."""

    def __init__(self):
        self.pool = None
        self.queries = load_queries()

    def init_app(self, app, config):
        self.open(config)
        app.extensions["db"] = self

    def open(self, config):
        self.pool = ConnectionPool(
            config.database_url,
            min_size=config.db_pool_min_size,
            max_size=config.db_pool_max_size,
            timeout=config.db_timeout_seconds,
            kwargs={
                "autocommit": True,
                "row_factory": dict_row,
                "connect_timeout": config.db_timeout_seconds,
            },
            configure=_configure_connection,
            open=False,
            name="cruddur",
        )
        # Not waiting lets the API start (and answer 503) while the database is still down.
        self.pool.open(wait=False)
        return self

    def close(self):
        if self.pool is not None:
            self.pool.close()

    def sql(self, name):
        return self.queries[name]

    @contextmanager
    def transaction(self):
        """One connection for several statements that commit or roll back together."""
        with self.pool.connection() as conn, conn.transaction():
            yield Session(self, conn)

    @contextmanager
    def session(self):
        """One connection, each statement committed on its own."""
        with self.pool.connection() as conn:
            yield Session(self, conn)

    def one(self, name, **params):
        with self.session() as s:
            return s.one(name, **params)

    def all(self, name, **params):
        with self.session() as s:
            return s.all(name, **params)

    def run(self, name, **params):
        with self.session() as s:
            return s.run(name, **params)


class Session:
    def __init__(self, db, conn):
        self.db = db
        self.conn = conn

    def _execute(self, name, params):
        return self.conn.execute(self.db.sql(name), params)

    def one(self, name, **params):
        return self._execute(name, params).fetchone()

    def all(self, name, **params):
        return self._execute(name, params).fetchall()

    def run(self, name, **params):
        """Runs a statement for its effect; answers the number of rows it touched."""
        return self._execute(name, params).rowcount



def current_db():
    """The Database of the app handling the current request."""
    return current_app.extensions["db"]
