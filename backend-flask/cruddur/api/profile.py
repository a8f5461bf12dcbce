from flask import g

from ..services import profiles
from . import api, presenters
from .authentication import auth_required
from .extensions import current_db
from .request_bodies import request_body


@api.post("/profile/update")
@auth_required
def update_profile():
    body = request_body()
    row = profiles.update(current_db(), g.viewer["uuid"], display_name=body.get("display_name"), bio=body.get("bio"))
    return presenters.profile(row, g.viewer["uuid"])
