from flask import g

from ..services import notifications
from . import api, presenters
from .authentication import auth_required
from .extensions import current_db
from .parsing import next_cursor, page_args
from .request_bodies import request_body


@api.get("/activities/notifications")
@auth_required
def list_notifications():
    limit, position = page_args()
    items, next_position, unread = notifications.for_user(current_db(), g.viewer["uuid"], limit, position)
    return {
        "items": [presenters.notification(row) for row in items],
        "next_cursor": next_cursor(next_position),
        "unread_count": unread["unread_count"],
        "unread_messages_count": unread["unread_messages_count"],
    }


@api.post("/activities/notifications/read")
@auth_required
def mark_notifications_read():
    request_body()  # the contract's body is {}; anything that is not a JSON object is refused
    notifications.mark_all_read(current_db(), g.viewer["uuid"])
    return "", 204
