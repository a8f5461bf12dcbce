"""The Postgres pools, and sessions that run the SQL files (loader.py) by name ("activities/home")."""

from contextlib import contextmanager, nullcontext

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from .loader import load_queries


def _configure_connection(conn):
    # ISO timestamps in the API carry +00:00.
    conn.execute("SET TIME ZONE 'UTC'")


class Database:
    """Created unbound; `init_app` makes the pool and opens it."""

    def __init__(self):
        self.pool = None
        self.queries = load_queries()
        # Wraps each statement by name (X-Ray swaps in its subsegments).
        self.around_statement = lambda name: nullcontext()

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
            # The pool retries a lost connection with a doubling delay (1, 2, 4, 8 s...), so after a long outage
            # a process would answer 503 for as long again. Giving up early lets the next request connect afresh,
            # so the API answers within seconds of the database being back.
            reconnect_timeout=2 * config.db_timeout_seconds,
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
        # Through a cursor, which OpenTelemetry's psycopg instrumentation traces.
        with self.db.around_statement(name):
            cursor = self.conn.cursor()
            cursor.execute(self.db.sql(name), params)
            return cursor

    def one(self, name, **params):
        return self._execute(name, params).fetchone()

    def all(self, name, **params):
        return self._execute(name, params).fetchall()

    def run(self, name, **params):
        """Runs a statement for its effect; answers the number of rows it touched."""
        return self._execute(name, params).rowcount
