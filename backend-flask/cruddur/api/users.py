from flask import g, request

from ..auth import auth_optional, auth_required, viewer_uuid
from ..db import current_db
from ..pagination import parse_limit
from ..services import discovery, users
from . import api, presenters


@api.get("/users/me")
@auth_required
def me():
    row = users.profile(current_db(), g.viewer["handle"], g.viewer["uuid"])
    return presenters.profile(row, g.viewer["uuid"])


@api.get("/users/@<handle>/short")
def user_short(handle):
    return presenters.user_short(users.short(current_db(), handle))


@api.post("/users/@<handle>/follow")
@auth_required
def follow(handle):
    return presenters.profile(users.follow(current_db(), g.viewer["uuid"], handle, on=True), g.viewer["uuid"])


@api.delete("/users/@<handle>/follow")
@auth_required
def unfollow(handle):
    return presenters.profile(users.follow(current_db(), g.viewer["uuid"], handle, on=False), g.viewer["uuid"])


@api.get("/users/search")
@auth_optional
def search_people():
    rows = discovery.search_people(current_db(), request.args.get("term"), parse_limit(request.args.get("limit")))
    return presenters.user_list(rows)


@api.get("/users/suggested")
@auth_optional
def suggested_people():
    rows = discovery.suggested_people(current_db(), viewer_uuid(), parse_limit(request.args.get("limit")))
    return presenters.user_list(rows)
