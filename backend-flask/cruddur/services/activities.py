"""Cruds: posting, replying, deleting and reading them. Expired cruds are filtered in SQL everywhere."""
from ..errors import ApiError
from ..pagination import NEWEST, OLDEST, page
from . import users

MESSAGE_MAX = 280
TTL_SECONDS = {
    "30-days": 30 * 86400,
    "7-days": 7 * 86400,
    "3-days": 3 * 86400,
    "1-day": 86400,
    "12-hours": 12 * 3600,
    "3-hours": 3 * 3600,
    "1-hour": 3600,
}


def _checked_message(message):
    message = message.strip()
    if not message:
        raise ApiError.bad_request("message_blank", "Write something first", "message")
    if len(message) > MESSAGE_MAX:
        raise ApiError.bad_request("message_too_long", f"A crud is at most {MESSAGE_MAX} characters", "message")
    return message


def _not_found(uuid):
    return ApiError.not_found("activity_not_found", f"Crud {uuid} does not exist or has expired")


def with_viewer_state(db, rows, viewer_uuid):
    """Adds liked/reposted for a signed-in viewer; anonymous views carry neither."""
    if viewer_uuid is None or not rows:
        return rows
    state = {r["uuid"]: r for r in db.all("activities/viewer_state", viewer_uuid=viewer_uuid,
                                          activity_uuids=[row["uuid"] for row in rows])}
    return [{**row, "liked": state[row["uuid"]]["liked"], "reposted": state[row["uuid"]]["reposted"]}
            for row in rows]


def _newest_first(db, query, viewer_uuid, limit, cursor, **params):
    before = cursor or NEWEST
    rows = db.all(query, before_created_at=before[0], before_uuid=before[1], limit=limit + 1, **params)
    items, next_cursor = page(rows, limit)
    return with_viewer_state(db, items, viewer_uuid), next_cursor


def explore(db, viewer_uuid, limit, cursor=None):
    return _newest_first(db, "activities/explore", viewer_uuid, limit, cursor)


def home(db, viewer_uuid, limit, cursor=None):
    # Everyone's cruds until following (a later feature) gives people a feed of their own.
    return explore(db, viewer_uuid, limit, cursor)


def by_handle(db, handle, viewer_uuid, limit, cursor=None):
    profile = users.profile(db, handle, viewer_uuid)
    items, next_cursor = _newest_first(db, "activities/by_user", viewer_uuid, limit, cursor,
                                       user_uuid=profile["uuid"])
    return profile, items, next_cursor


def show(db, uuid, viewer_uuid=None):
    row = db.one("activities/show", uuid=uuid)
    if row is None:
        raise _not_found(uuid)
    return with_viewer_state(db, [row], viewer_uuid)[0]


def status(db, handle, uuid, viewer_uuid, limit, cursor=None):
    """A crud on its author's status page, with its replies oldest first."""
    activity = show(db, uuid, viewer_uuid)
    if activity["handle"].lower() != handle.lower():
        raise _not_found(uuid)
    after = cursor or OLDEST
    rows = db.all("activities/replies", activity_uuid=uuid, after_created_at=after[0], after_uuid=after[1],
                  limit=limit + 1)
    replies, next_cursor = page(rows, limit)
    return activity, with_viewer_state(db, replies, viewer_uuid), next_cursor


def create(db, user_uuid, message, ttl):
    message = _checked_message(message)
    if ttl not in TTL_SECONDS:
        raise ApiError.bad_request("invalid_ttl", f"ttl must be one of {', '.join(TTL_SECONDS)}", "ttl")
    created = db.one("activities/create", user_uuid=user_uuid, message=message, ttl_seconds=TTL_SECONDS[ttl])
    return show(db, created["uuid"], user_uuid)


def reply(db, user_uuid, parent_uuid, message):
    message = _checked_message(message)
    created = db.one("activities/create_reply", user_uuid=user_uuid, parent_uuid=parent_uuid, message=message)
    if created is None:
        raise _not_found(parent_uuid)
    return show(db, created["uuid"], user_uuid)


def delete(db, user_uuid, uuid):
    with db.transaction() as tx:
        author = tx.one("activities/author", uuid=uuid)
        if author is None:
            raise _not_found(uuid)
        if author["user_uuid"] != user_uuid:
            raise ApiError(403, "not_author", "Only the author can delete a crud")
        tx.run("activities/delete", uuid=uuid, user_uuid=user_uuid)
