from flask import g, request

from ..ddb.messages import conversations_position, messages_position
from ..pagination import parse_limit
from ..services import messages
from . import api, presenters
from .authentication import auth_required
from .extensions import current_db, current_store
from .parsing import cursor_position, next_cursor, uuid_param
from .request_bodies import request_body


def _page_args(check):
    # Positions are DynamoDB sort keys, so the store checks their shape rather than the SQL pagination.
    return parse_limit(request.args.get("limit")), cursor_position(check)


@api.get("/message_groups")
@auth_required
def message_groups():
    items, next_position = messages.conversations(
        current_store(), current_db(), g.viewer["uuid"], *_page_args(conversations_position)
    )
    return {"items": [presenters.message_group(row) for row in items], "next_cursor": next_cursor(next_position)}


@api.get("/message_groups/@<handle>")
@auth_required
def message_group_with(handle):
    return presenters.message_group(messages.conversation_with(current_store(), current_db(), g.viewer["uuid"], handle))


@api.get("/message_groups/<message_group_uuid>")
@auth_required
def message_group(message_group_uuid):
    group_uuid = uuid_param(message_group_uuid, "message_group_uuid")
    return presenters.message_group(messages.conversation(current_store(), current_db(), g.viewer["uuid"], group_uuid))


@api.post("/message_groups/<message_group_uuid>/read")
@auth_required
def mark_message_group_read(message_group_uuid):
    group_uuid = uuid_param(message_group_uuid, "message_group_uuid")
    request_body()  # {} like notifications/read; anything that is not a JSON object is refused
    messages.mark_read(current_store(), current_db(), g.viewer["uuid"], group_uuid)
    return "", 204


@api.get("/messages/<message_group_uuid>")
@auth_required
def message_list(message_group_uuid):
    group_uuid = uuid_param(message_group_uuid, "message_group_uuid")
    items, next_position = messages.messages(
        current_store(), current_db(), g.viewer["uuid"], group_uuid, *_page_args(messages_position)
    )
    return {"items": [presenters.message(row) for row in items], "next_cursor": next_cursor(next_position)}


@api.post("/messages")
@auth_required
def send():
    body = request_body()
    group_uuid = body.get("message_group_uuid")
    row = messages.send(
        current_store(),
        current_db(),
        g.viewer,
        body["message"],
        handle=body.get("handle"),
        message_group_uuid=None if group_uuid is None else uuid_param(group_uuid, "message_group_uuid"),
    )
    return presenters.message(row), 201
