from flask import request

from ..auth import auth_optional
from ..db import current_db
from ..pagination import parse_limit
from ..services import discovery
from . import api


@api.get("/trends")
@auth_optional
def trends():
    rows = discovery.trends(current_db(), parse_limit(request.args.get("limit")))
    return {"items": [{"tag": row["tag"], "count": row["count"]} for row in rows]}
