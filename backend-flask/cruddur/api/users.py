from flask import g, request

from ..pagination import parse_limit
from ..services import discovery, users
from . import api, presenters, rate_limits
from .authentication import account_required, auth_optional, auth_required, viewer_uuid
from .extensions import current_cognito, current_db, current_timelines
from .request_bodies import request_body


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
    followed = users.follow(current_db(), g.viewer["uuid"], handle, on=True, timelines=current_timelines())
    return presenters.profile(followed, g.viewer["uuid"])


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


@api.get("/handles/<handle>")
def handle_availability(handle):
    # Counted with failed sign-ins: a list of who is here should cost as much to guess as a password.
    rate_limits.count_guess()
    wanted, available = users.handle_available(current_db(), handle)
    return {"handle": wanted, "available": available}


@api.put("/users/me/handle")
@account_required
def claim_handle():
    handle = request_body()["handle"]
    row = users.claim_handle(current_db(), current_cognito(), g.cognito_user_id, g.access_token, handle)
    profile = users.profile(current_db(), row["handle"], row["uuid"])
    return presenters.profile(profile, row["uuid"])
