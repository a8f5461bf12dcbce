"""Liveness and readiness, kept apart (issue 19).

/api/health/live says the process answers: the container's health check, which must not fail while the
database is away (a failover or the maintenance window would have ECS replace every task at once).
/api/health-check is readiness, the load balancer's check: the database answers and holds the schema this
build needs, so a first deploy's tasks take no traffic before the migration task has run."""

import psycopg
from flask import current_app

from ..db.migrate import latest_version
from ..errors import Unavailable
from . import api
from .extensions import current_db

SCHEMA_VERSION = latest_version()


@api.get("/health/live")
def liveness():
    return {"success": True}


@api.get("/health-check")
def health_check():
    db = current_db()
    # A schema is never rolled back under a running build, so once seen current only reachability is asked.
    schema_known_current = current_app.extensions.get("schema_current", False)
    try:
        if schema_known_current:
            db.one("maintenance/ping")
        else:
            schema_known_current = db.one("maintenance/schema_version_applied", version=SCHEMA_VERSION)["applied"]
    except psycopg.errors.UndefinedTable:
        schema_known_current = False  # no migration has run yet
    except Exception as exc:  # any failure to reach Postgres means unhealthy, never a 500
        raise Unavailable("database_unavailable", "The database is unreachable") from exc
    if not schema_known_current:
        raise Unavailable("schema_not_migrated", f"The database lacks migration {SCHEMA_VERSION}")
    current_app.extensions["schema_current"] = True
    return {"success": True, "database": "ok", "schema_version": SCHEMA_VERSION}
