"""The database reads of the stream process, with the API's own SQL files and rules (synchronous: the hub
runs them on its lookup threads). Each event is looked up once for all of this process's streams."""

from ..services import users
from ..services.media import with_media
from ..services.viewer_state import with_viewer_state

# Viewers whose follow of a very-followed writer one statement checks (a probe each).
FOLLOWERS_AMONG_CHUNK = 5000


def viewer(db, directory, cognito_user_id, access_token):
    """The users row of a verified token, as the API resolves it."""
    return users.resolve_viewer(db, directory, cognito_user_id, access_token)


def home_crud(db, uuid, reposter_uuid, viewer_uuids, followers_of=None, candidate_uuids=()):
    """The crud (or repost, with reposter_uuid) of one `home` announcement as each viewer's home shows it:
    viewer_uuids were named by the fan-out; of candidate_uuids, those who follow followers_of (a very-followed
    writer, whose followers the fan-out does not name) are added. {viewer: row}; {} when it is gone."""
    viewers = list(viewer_uuids)
    if followers_of is not None:
        for start in range(0, len(candidate_uuids), FOLLOWERS_AMONG_CHUNK):
            rows = db.all(
                "stream/followers_among",
                followed_uuid=followers_of,
                viewer_uuids=candidate_uuids[start : start + FOLLOWERS_AMONG_CHUNK],
            )
            viewers += [str(row["viewer_uuid"]) for row in rows]
    if not viewers:
        return {}
    row = db.one("activities/show", uuid=uuid)
    if row is None:
        return {}
    [row] = with_media(db, [row])
    if reposter_uuid is not None:
        reposter = db.one("users/by_uuids", uuids=[reposter_uuid])
        if reposter is None:
            return {}
        row = {**row, "reposter_handle": reposter["handle"], "reposter_display_name": reposter["display_name"]}
    marks = db.all("stream/viewer_marks", uuid=uuid, viewer_uuids=viewers)
    return {str(mark["viewer_uuid"]): {**row, "liked": mark["liked"], "reposted": mark["reposted"]} for mark in marks}


def notification(db, uuid, user_uuid):
    """(the notification row with its crud, as notifications.for_user gives it, unread count); None when
    it is gone or about an expired crud."""
    row = db.one("stream/notification", uuid=uuid, user_uuid=user_uuid)
    if row is None:
        return None
    activity = None
    if row["activity_uuid"]:
        shown = db.one("activities/show", uuid=row["activity_uuid"])
        if shown is None:
            return None
        activity = with_media(db, with_viewer_state(db, [shown], user_uuid))[0]
    unread = db.one("notifications/unread_count", user_uuid=user_uuid)["unread_count"]
    return {**row, "activity": activity}, unread
