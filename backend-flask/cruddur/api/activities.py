from flask import g, request

from ..services import activities, discovery
from . import api, presenters
from .authentication import auth_optional, auth_required, viewer_uuid
from .extensions import current_db, current_media_files, current_public_pages, current_timelines
from .parsing import page_args, search_args, uuid_param
from .request_bodies import request_body


def _public_first_page(limit):
    """Anonymous home and explore: everyone's newest cruds, the same page for every visitor."""
    # By path: its next cursor is bound to the list it came from.
    return current_public_pages().get(
        (request.path, limit), lambda: presenters.crud_page(*activities.explore(current_db(), None, limit))
    )


@api.get("/activities/home")
@auth_optional
def home():
    limit, position = page_args()
    if g.viewer is None and position is None:
        return _public_first_page(limit)
    following_count = g.viewer["following_count"] if g.viewer else 0
    return presenters.crud_page(
        *activities.home(current_db(), viewer_uuid(), following_count, limit, position, current_timelines())
    )


@api.get("/activities/explore")
@auth_optional
def explore():
    limit, position = page_args()
    if g.viewer is None and position is None:
        return _public_first_page(limit)
    return presenters.crud_page(*activities.explore(current_db(), viewer_uuid(), limit, position))


@api.post("/activities")
@auth_required
def create():
    body = request_body()
    row = activities.create(
        current_db(), current_media_files(), g.viewer["uuid"], body["message"], body["ttl"], body.get("media")
    )
    return presenters.crud(row), 201


@api.delete("/activities/<activity_uuid>")
@auth_required
def delete(activity_uuid):
    activities.delete(current_db(), current_media_files(), g.viewer["uuid"], uuid_param(activity_uuid))
    return "", 204


@api.post("/activities/<activity_uuid>/reply")
@auth_required
def reply(activity_uuid):
    parent_uuid = uuid_param(activity_uuid)
    body = request_body()
    row = activities.reply(
        current_db(), current_media_files(), g.viewer["uuid"], parent_uuid, body["message"], body.get("media")
    )
    return presenters.crud(row), 201


@api.get("/activities/@<handle>")
@auth_optional
def by_handle(handle):
    limit, position = page_args()
    profile, items, next_position = activities.by_handle(current_db(), handle, viewer_uuid(), limit, position)
    return {"profile": presenters.profile(profile, viewer_uuid()), **presenters.crud_page(items, next_position)}


@api.get("/activities/@<handle>/status/<activity_uuid>")
@auth_optional
def status(handle, activity_uuid):
    uuid = uuid_param(activity_uuid)
    limit, position = page_args()
    activity, replies, next_position = activities.status(current_db(), handle, uuid, viewer_uuid(), limit, position)
    return {"activity": presenters.crud(activity), **presenters.crud_page(replies, next_position)}


def _react(activity_uuid, reaction, on):
    return presenters.crud(activities.react(current_db(), g.viewer["uuid"], uuid_param(activity_uuid), reaction, on))


@api.post("/activities/<activity_uuid>/like")
@auth_required
def like(activity_uuid):
    return _react(activity_uuid, "like", on=True)


@api.delete("/activities/<activity_uuid>/like")
@auth_required
def unlike(activity_uuid):
    return _react(activity_uuid, "like", on=False)


@api.post("/activities/<activity_uuid>/repost")
@auth_required
def repost(activity_uuid):
    return _react(activity_uuid, "repost", on=True)


@api.delete("/activities/<activity_uuid>/repost")
@auth_required
def unrepost(activity_uuid):
    return _react(activity_uuid, "repost", on=False)


@api.get("/activities/search")
@auth_optional
def search():
    term, limit, position = search_args()
    return presenters.crud_page(*discovery.search_cruds(current_db(), term, viewer_uuid(), limit, position))
