"""Telling people what others did: replies, likes, reposts, follows, mentions and messages. Never one's own
actions; a notice about a crud goes when the crud expires or is deleted."""

import re

from ..observability.spans import service_span
from ..pagination import NEWEST, page
from .media import with_media
from .viewer_state import with_viewer_state

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{3,20})\b")


def mentioned_handles(message):
    return sorted({handle.lower() for handle in MENTION.findall(message)})


def notify(db, user_uuid, actor_uuid, kind, activity_uuid=None):
    """`db` is the Database or the Session of the transaction that made the change."""
    db.run("notifications/create", user_uuid=user_uuid, actor_uuid=actor_uuid, type=kind, activity_uuid=activity_uuid)


def withdraw(db, user_uuid, actor_uuid, kind, activity_uuid=None):
    db.run("notifications/withdraw", user_uuid=user_uuid, actor_uuid=actor_uuid, type=kind, activity_uuid=activity_uuid)


def notify_mentions(db, actor_uuid, activity_uuid, message, already_told=()):
    handles = mentioned_handles(message)
    if not handles:
        return
    people = [
        row["uuid"] for row in db.all("users/uuids_by_handles", handles=handles) if row["uuid"] not in already_told
    ]
    if people:
        db.run("notifications/mentions", user_uuids=people, actor_uuid=actor_uuid, activity_uuid=activity_uuid)


@service_span
def message_received(db, user_uuid, actor_uuid):
    notify(db, user_uuid, actor_uuid, "message")


@service_span
def messages_read(db, user_uuid, actor_uuid):
    """`user_uuid` read their conversation with `actor_uuid`: the notice of its new messages is read too."""
    db.run("notifications/mark_messages_read", user_uuid=user_uuid, actor_uuid=actor_uuid)


def unread_message_senders(db, user_uuid, actor_uuids):
    """Which of `actor_uuids` (at most one page of them) sent `user_uuid` messages they have not read."""
    if not actor_uuids:
        return set()
    rows = db.all("notifications/unread_message_senders", user_uuid=user_uuid, actor_uuids=sorted(set(actor_uuids)))
    return {str(row["actor_uuid"]) for row in rows}


@service_span
def for_user(db, user_uuid, limit, position=None):
    """A page of notifications with the cruds they point at, and the unread counts: `unread_count` of all,
    `unread_messages_count` of the people whose messages are not read yet."""
    before = position or NEWEST
    rows = db.all(
        "notifications/for_user",
        user_uuid=user_uuid,
        before_created_at=before[0],
        before_uuid=before[1],
        limit=limit + 1,
    )
    items, next_position = page(rows, limit)
    pointed_at = [row["activity_uuid"] for row in items if row["activity_uuid"]]
    cruds = {
        crud["uuid"]: crud
        for crud in with_media(
            db,
            with_viewer_state(db, db.all("activities/show_many", uuids=pointed_at) if pointed_at else [], user_uuid),
        )
    }
    unread = db.one("notifications/unread_count", user_uuid=user_uuid)
    return [{**row, "activity": cruds.get(row["activity_uuid"])} for row in items], next_position, unread


@service_span
def mark_all_read(db, user_uuid):
    db.run("notifications/mark_all_read", user_uuid=user_uuid)
