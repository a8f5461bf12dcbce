"""Cruds: posting, replying, deleting and reading them. Expired cruds are filtered in SQL everywhere."""

from opentelemetry import trace

from cruddur_shared.limits import CRUD_MAX
from cruddur_shared.text import hashtags

from ..errors import Forbidden, Invalid, NotFound
from ..observability.spans import service_span
from ..pagination import NEWEST, OLDEST, page
from . import home_timeline, notifications, users
from . import media as photos
from .text import checked, checked_message
from .viewer_state import with_viewer_state

# The signed-in home reads each followed person's newest cruds: a few index reads per person (bin/bench at
# 1M cruds: 1.1 ms for 54 people, 8.5 ms for 501). Past HOME_PERSON_BY_PERSON_UP_TO people it first looks
# through everyone's newest HOME_RECENT_WINDOW cruds and reposts instead (about 1.5 ms for anyone), which
# holds a page when the viewer follows a few percent of the people posting (500 of 10,000 do); when it
# does not, the person-by-person read follows.
HOME_PERSON_BY_PERSON_UP_TO = 300
HOME_RECENT_WINDOW = 500
TTL_SECONDS = {
    "30-days": 30 * 86400,
    "7-days": 7 * 86400,
    "3-days": 3 * 86400,
    "1-day": 86400,
    "12-hours": 12 * 3600,
    "3-hours": 3 * 3600,
    "1-hour": 3600,
}


def _checked_message(message, with_photos=False):
    """1..280 characters after trimming; 0..280 when the crud has photos."""
    if with_photos:
        return checked(message, "message", CRUD_MAX, noun="A crud", required=False)
    return checked_message(message, CRUD_MAX, "A crud")


def _not_found(uuid):
    return NotFound("activity_not_found", f"Crud {uuid} does not exist or has expired")


def _newest_first(db, query, viewer_uuid, limit, position, **params):
    before = position or NEWEST
    rows = db.all(query, before_created_at=before[0], before_uuid=before[1], limit=limit + 1, **params)
    items, next_position = page(rows, limit)
    return photos.with_media(db, with_viewer_state(db, items, viewer_uuid)), next_position


@service_span
def explore(db, viewer_uuid, limit, position=None):
    return _newest_first(db, "activities/explore", viewer_uuid, limit, position)


@service_span
def home(db, viewer_uuid, following_count, limit, position=None, timelines=None):
    """Signed in and following someone: their own, followed people's and those people's reposts, from the
    viewer's timeline when there are timelines (cruddur/timelines) and it can answer. Otherwise everyone's."""
    if viewer_uuid is None or following_count == 0:
        return explore(db, viewer_uuid, limit, position)
    before = position or NEWEST
    rows = home_timeline.page_rows(db, timelines, viewer_uuid, limit, before) if timelines else None
    trace.get_current_span().set_attribute("cruddur.home_source", "postgres" if rows is None else "timeline")
    if rows is None:
        rows = _home_from_postgres(db, viewer_uuid, following_count, limit, before)
    # Every read carries the viewer's liked/reposted marks.
    items, next_position = page(rows, limit, position=lambda row: (row["feed_at"], row["uuid"]))
    return photos.with_media(db, items), next_position


def _home_from_postgres(db, viewer_uuid, following_count, limit, before):
    params = {"viewer_uuid": viewer_uuid, "before_created_at": before[0], "before_uuid": before[1], "limit": limit + 1}
    rows = []
    if following_count > HOME_PERSON_BY_PERSON_UP_TO:
        rows = db.all("activities/following_feed_recent", window=HOME_RECENT_WINDOW, **params)
    if len(rows) <= limit:
        # Few enough people to read one by one, or too few of the newest cruds are theirs for a page.
        rows = db.all("activities/following_feed", **params)
    return rows


@service_span
def by_handle(db, handle, viewer_uuid, limit, position=None):
    profile = users.profile(db, handle, viewer_uuid)
    items, next_position = _newest_first(
        db, "activities/by_user", viewer_uuid, limit, position, user_uuid=profile["uuid"]
    )
    return profile, items, next_position


def show(db, uuid, viewer_uuid=None):
    row = db.one("activities/show", uuid=uuid)
    if row is None:
        raise _not_found(uuid)
    return photos.with_media(db, with_viewer_state(db, [row], viewer_uuid))[0]


@service_span
def status(db, handle, uuid, viewer_uuid, limit, position=None):
    """A crud on its author's status page, with its replies oldest first."""
    activity = show(db, uuid, viewer_uuid)
    if activity["handle"].lower() != handle.lower():
        raise _not_found(uuid)
    after = position or OLDEST
    rows = db.all(
        "activities/replies", activity_uuid=uuid, after_created_at=after[0], after_uuid=after[1], limit=limit + 1
    )
    replies, next_position = page(rows, limit)
    return activity, photos.with_media(db, with_viewer_state(db, replies, viewer_uuid)), next_position


@service_span
def create(db, media_files, user_uuid, message, ttl, media=None):
    """A top-level crud; `media` names up to 4 of the caller's ready photos, kept in that order."""
    media_uuids = photos.checked_media_uuids(media)
    message = _checked_message(message, with_photos=bool(media_uuids))
    if ttl not in TTL_SECONDS:
        raise Invalid("invalid_ttl", f"ttl must be one of {', '.join(TTL_SECONDS)}", "ttl")
    with db.transaction() as tx:
        created = tx.one(
            "activities/create",
            user_uuid=user_uuid,
            message=message,
            hashtags=hashtags(message),
            ttl_seconds=TTL_SECONDS[ttl],
        )
        photos.attach(tx, media_files, user_uuid, created["uuid"], media_uuids)
        notifications.notify_mentions(tx, user_uuid, created["uuid"], message)
        created = photos.with_media(tx, [created])[0] if media_uuids else {**created, "media": []}
    return created


@service_span
def reply(db, media_files, user_uuid, parent_uuid, message, media=None):
    media_uuids = photos.checked_media_uuids(media)
    message = _checked_message(message, with_photos=bool(media_uuids))
    with db.transaction() as tx:
        created = tx.one(
            "activities/create_reply",
            user_uuid=user_uuid,
            parent_uuid=parent_uuid,
            message=message,
            hashtags=hashtags(message),
        )
        if created is None:
            raise _not_found(parent_uuid)
        photos.attach(tx, media_files, user_uuid, created["uuid"], media_uuids)
        parent_author = created["parent_author_uuid"]
        notifications.notify(tx, parent_author, user_uuid, "reply", created["uuid"])
        notifications.notify_mentions(tx, user_uuid, created["uuid"], message, already_told={parent_author})
    return show(db, created["uuid"], user_uuid)


@service_span
def delete(db, media_files, user_uuid, uuid):
    """Deletes the author's crud with its replies, and at once the files of their photos."""
    with db.transaction() as tx:
        author = tx.one("activities/author", uuid=uuid)
        if author is None:
            raise _not_found(uuid)
        if author["user_uuid"] != user_uuid:
            raise Forbidden("not_author", "Only the author can delete a crud")
        tx.run("activities/delete", uuid=uuid, user_uuid=user_uuid)
    photos.delete_gone(db, media_files)


# The statements that put a reaction on and take it off, by reaction.
REACTIONS = {"like": ("activities/like", "activities/unlike"), "repost": ("activities/repost", "activities/unrepost")}


@service_span
def react(db, user_uuid, uuid, reaction, on):
    """Likes or reposts a live crud (on) or takes it back (off); repeating either changes nothing."""
    with db.transaction() as tx:
        author = tx.one("activities/author", uuid=uuid)
        if author is None:
            raise _not_found(uuid)
        put_on, take_off = REACTIONS[reaction]
        changed = tx.run(put_on if on else take_off, user_uuid=user_uuid, uuid=uuid)
        if changed:
            tell = notifications.notify if on else notifications.withdraw
            tell(tx, author["user_uuid"], user_uuid, reaction, uuid)
    return show(db, uuid, user_uuid)
