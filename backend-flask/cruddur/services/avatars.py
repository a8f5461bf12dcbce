"""Profile pictures. The API only decides where an upload goes and signs the browser's POST to S3;
aws/lambdas/process_avatar checks the picture, makes the served sizes and records the new avatar. Key shapes
and limits: cruddur_shared.avatars."""

from cruddur_shared.avatars import UPLOAD_ID, avatar_key, new_upload_id, upload_key
from cruddur_shared.limits import AVATAR_CONTENT_TYPES as CONTENT_TYPES
from cruddur_shared.limits import AVATAR_MAX_BYTES as MAX_UPLOAD_BYTES

from ..errors import Invalid, NotFound
from ..observability.spans import service_span

# Time enough to send 5 MB on a slow line; a leaked form is soon useless.
UPLOAD_EXPIRES_SECONDS = 300


@service_span
def presign_upload(db, uploads, user_uuid, content_type, size):
    """{url, fields, key, upload_id, expires_in}: the form the browser posts the picture with."""
    if content_type not in CONTENT_TYPES:
        raise Invalid("unsupported_content_type", "Upload a JPEG, PNG or WebP picture", "content_type")
    if not 1 <= size <= MAX_UPLOAD_BYTES:
        raise Invalid("invalid_size", f"The picture must be 1 byte to {MAX_UPLOAD_BYTES // 2**20} MB", "size")
    upload_id = new_upload_id()
    key = upload_key(user_uuid, upload_id)
    post = uploads.presigned_post(key, content_type, MAX_UPLOAD_BYTES, UPLOAD_EXPIRES_SECONDS)
    db.run("avatars/create_upload", upload_id=upload_id, user_uuid=user_uuid)
    return {
        "url": post["url"],
        "fields": post["fields"],
        "key": key,
        "upload_id": upload_id,
        "expires_in": UPLOAD_EXPIRES_SECONDS,
    }


@service_span
def upload_state(db, user_uuid, upload_id):
    """{status, avatar_key, reason} of one of the user's uploads: processing, ready (with the key of the
    avatar it became) or failed (with why). 404 for anyone else's, and for uploads over a day old."""
    row = (
        db.one("avatars/upload_state", upload_id=upload_id, user_uuid=user_uuid)
        if UPLOAD_ID.fullmatch(upload_id)
        else None
    )
    if row is None:
        raise NotFound("avatar_not_found", "No such avatar upload of yours")
    ready = row["status"] == "ready"
    return {
        "status": row["status"],
        "avatar_key": avatar_key(user_uuid, upload_id) if ready else None,
        "reason": row["reason"],
    }
