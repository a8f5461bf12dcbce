"""Photos in cruds. The API decides where an upload goes and signs the browser's POST to S3;
aws/lambdas/process_media checks and re-encodes the photo and marks it ready or failed; posting a crud
attaches ready photos in order (attach, inside the crud's transaction). A photo lives as long as its crud:
its URLs are signed to end at the crud's expiry (the API's signer), and its files are deleted at once when
the crud is deleted, by the purge once it expired, and a day after upload if it was never posted. Key
shapes: cruddur_shared.media; limits: cruddur_shared.limits."""

import logging
import re
import uuid as uuid_module

from cruddur_shared.limits import ALT_TEXT_MAX, MEDIA_CONTENT_TYPES, MEDIA_MAX_BYTES, MEDIA_PER_CRUD
from cruddur_shared.media import upload_key

from ..db.purge import delete_media_files
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..observability.spans import service_span
from .text import checked

log = logging.getLogger(__name__)

# Time enough to send 10 MB on a slow line; a leaked form is soon useless.
UPLOAD_EXPIRES_SECONDS = 300
# Photos a person may have uploaded and not posted within a day: a few composers' worth.
MAX_UNPOSTED = 40
# Files deleted in one round of deleting a crud's photos (the purge takes the rest).
DELETE_BATCH = 100
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _not_found(uuid):
    return NotFound("media_not_found", f"Photo {uuid} does not exist, has expired, or is not yours to see")


@service_span
def presign_upload(db, uploads, user_uuid, content_type, size):
    """{media_uuid, url, fields, key, expires_in}: the form the browser posts one photo with."""
    if content_type not in MEDIA_CONTENT_TYPES:
        raise Invalid("unsupported_content_type", "Upload a JPEG, PNG or WebP photo", "content_type")
    if not 1 <= size <= MEDIA_MAX_BYTES:
        raise Invalid("invalid_size", f"A photo must be 1 byte to {MEDIA_MAX_BYTES // 2**20} MB", "size")
    if db.one("media/unposted_count", user_uuid=user_uuid, cap=MAX_UNPOSTED)["unposted"] >= MAX_UNPOSTED:
        raise Invalid(
            "too_many_unposted_media", f"Post or wait: at most {MAX_UNPOSTED} photos may wait to be posted", None
        )
    media_uuid = uuid_module.uuid4()
    key = upload_key(user_uuid, media_uuid)
    post = uploads.presigned_post(key, content_type, MEDIA_MAX_BYTES, UPLOAD_EXPIRES_SECONDS)
    db.run("media/create", uuid=media_uuid, user_uuid=user_uuid, original_key=key)
    return {
        "media_uuid": media_uuid,
        "url": post["url"],
        "fields": post["fields"],
        "key": key,
        "expires_in": UPLOAD_EXPIRES_SECONDS,
    }


@service_span
def show(db, viewer_uuid, uuid):
    """One photo: the uploader's own until it is posted, anyone's while it is on a live crud; 404 otherwise.
    The row carries `expires_at`, which its URLs end by."""
    row = db.one("media/show", uuid=uuid, viewer_uuid=viewer_uuid)
    if row is None:
        raise _not_found(uuid)
    return row


@service_span
def describe(db, viewer_uuid, uuid, alt):
    """Sets a photo's alt text (0..1500 characters after trimming): the uploader's, until it is posted."""
    alt = checked(alt, "alt", ALT_TEXT_MAX, required=False)
    row = db.one("media/update_alt", uuid=uuid, user_uuid=viewer_uuid, alt=alt)
    if row is not None:
        return row
    visible = show(db, viewer_uuid, uuid)  # 404 unless the caller may see it
    if visible["user_uuid"] != viewer_uuid:
        raise Forbidden("not_uploader", "Only the person who uploaded a photo can describe it")
    raise Forbidden("media_posted", "A posted photo's description cannot change")


def checked_media_uuids(media):
    """The uuids a new crud names: a list of at most MEDIA_PER_CRUD distinct uuids, or 400 invalid_media."""
    if media is None:
        return []
    if not isinstance(media, list):
        raise Invalid("invalid_type", "media must be a list of photo uuids", "media")
    if len(media) > MEDIA_PER_CRUD:
        raise Invalid("invalid_media", f"A crud has at most {MEDIA_PER_CRUD} photos", "media")
    if not all(isinstance(item, str) and _UUID.fullmatch(item) for item in media):
        raise Invalid("invalid_media", "media must be a list of photo uuids", "media")
    uuids = [uuid_module.UUID(item) for item in media]
    if len(set(uuids)) != len(uuids):
        raise Invalid("invalid_media", "Each photo can be on a crud once", "media")
    return uuids


def attach(tx, media_files, user_uuid, activity_uuid, uuids):
    """Puts the caller's photos `uuids` on their new crud, in order, inside the crud's transaction `tx`:
    400 invalid_media for anyone else's, unknown, failed, already posted or over a day old; 409
    media_not_ready while one is still processing. Their files are tagged posted before the crud commits,
    so the lifecycle rule for unposted photos never takes a posted one."""
    if not uuids:
        return
    rows = {row["uuid"]: row for row in tx.all("media/for_attaching", uuids=uuids)}
    for uuid in uuids:
        row = rows.get(uuid)
        if row is None or row["user_uuid"] != user_uuid:
            raise Invalid("invalid_media", f"Photo {uuid} is not one of yours", "media")
        if row["posted_at"] is not None:
            raise Invalid("invalid_media", f"Photo {uuid} is already on a crud", "media")
        if row["status"] == "failed":
            raise Invalid("invalid_media", f"Photo {uuid} could not be processed", "media")
        if not row["recent"]:
            raise Invalid("invalid_media", f"Photo {uuid} was uploaded over a day ago; upload it again", "media")
    if any(rows[uuid]["status"] == "processing" for uuid in uuids):
        raise Conflict("media_not_ready", "A photo is still being processed; try again in a moment", "media")
    tx.run("media/attach", activity_uuid=activity_uuid, user_uuid=user_uuid, uuids=uuids)
    media_files.mark_posted([key for uuid in uuids for key in (rows[uuid]["full_key"], rows[uuid]["preview_key"])])


def with_media(db, rows):
    """Each crud row with `media`: its photos in order (an empty list for none), in one read for the page."""
    if not rows:
        return rows
    photos = {}
    for photo in db.all("media/for_cruds", activity_uuids=list({row["uuid"] for row in rows})):
        photos.setdefault(photo["activity_uuid"], []).append(photo)
    return [{**row, "media": photos.get(row["uuid"], [])} for row in rows]


@service_span
def delete_gone(db, media_files):
    """Deletes the files of photos whose crud is gone, at once (a bounded round; the purge takes any rest).
    A failure is logged: the purge tries again."""
    try:
        with db.session() as s:
            return delete_media_files(s, media_files, "maintenance/gone_media", DELETE_BATCH, max_batches=10)
    except Exception:  # S3 down: the crud is gone either way, and the purge deletes the files later
        log.exception("deleting the photos of a deleted crud failed; the purge will")
        return 0
