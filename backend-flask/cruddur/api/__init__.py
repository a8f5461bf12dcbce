"""The one API blueprint; each module beside this one holds the routes of one resource."""
from flask import Blueprint

api = Blueprint("api", __name__, url_prefix="/api")

from . import activities, client_config, health, openapi, profile, users  # noqa: E402,F401  (they add routes)
