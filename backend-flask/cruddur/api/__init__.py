"""The one API blueprint; each module beside this one holds the routes of one resource."""

from flask import Blueprint

api = Blueprint("api", __name__, url_prefix="/api")

# Each module adds its routes to the blueprint when imported.
from . import (  # noqa: E402,F401
    activities,
    avatars,
    client_config,
    health,
    media,
    messages,
    notifications,
    openapi,
    profile,
    trends,
    users,
)
