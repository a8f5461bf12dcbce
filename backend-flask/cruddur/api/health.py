from ..errors import Unavailable
from . import api
from .extensions import current_db


@api.get("/health-check")
def health_check():
    try:
        current_db().one("maintenance/ping")
    except Exception as exc:  # any failure to reach Postgres means unhealthy, never a 500
        raise Unavailable("database_unavailable", "The database is unreachable") from exc
    return {"success": True, "database": "ok"}
