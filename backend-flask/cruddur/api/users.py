from flask import g

from ..auth import auth_required
from ..db import current_db
from ..services import users
from . import api, presenters


@api.get("/users/me")
@auth_required
def me():
    row = users.profile(current_db(), g.viewer["handle"], g.viewer["uuid"])
    return presenters.profile(row, g.viewer["uuid"])


@api.get("/users/@<handle>/short")
def user_short(handle):
    return presenters.user_short(users.short(current_db(), handle))
