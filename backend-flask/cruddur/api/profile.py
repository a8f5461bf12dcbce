from flask import g

from ..services import profiles
from . import api, presenters
from .authentication import auth_required
from .extensions import current_db
from .parsing import json_body, optional_string


@api.post("/profile/update")
@auth_required
def update_profile():
    body = json_body()
    row = profiles.update(
        current_db(),
        g.viewer["uuid"],
        display_name=optional_string(body, "display_name"),
        bio=optional_string(body, "bio"),
    )
    return presenters.profile(row, g.viewer["uuid"])
