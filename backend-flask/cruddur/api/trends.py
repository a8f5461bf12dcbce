from flask import request

from ..pagination import parse_limit
from ..services import discovery
from . import api
from .authentication import auth_optional
from .extensions import current_db


@api.get("/trends")
@auth_optional
def trends():
    rows = discovery.trends(current_db(), parse_limit(request.args.get("limit")))
    return {"items": [{"tag": row["tag"], "count": row["count"]} for row in rows]}
