"""Profile pictures. The API only decides where an upload goes and signs the browser's POST to S3;
aws/lambdas/process_avatar checks the picture, makes the served sizes and records the new avatar. Key shapes
and limits: cruddur_shared.avatars."""
from botocore.exceptions import BotoCoreError, ClientError
from cruddur_shared.avatars import (CONTENT_TYPES, MAX_UPLOAD_BYTES, UPLOAD_ID, avatar_key, new_upload_id,
                                    upload_key)

from ..errors import ApiError, is_transient_aws_error
from ..observability.tracing import service_span

# Time enough to send 5 MB on a slow line; a leaked form is soon useless.
UPLOAD_EXPIRES_SECONDS = 300


@service_span
def presign_upload(db, uploads, user_uuid, content_type, size):
    """{url, fields, key, upload_id, expires_in}: the form the browser posts the picture with."""
    if content_type not in CONTENT_TYPES:
        raise ApiError.bad_request("unsupported_content_type", "Upload a JPEG, PNG or WebP picture",
                                   "content_type")
    if not 1 <= size <= MAX_UPLOAD_BYTES:
        raise ApiError.bad_request("invalid_size", f"The picture must be 1 byte to {MAX_UPLOAD_BYTES // 2**20} MB",
                                   "size")
    upload_id = new_upload_id()
    key = upload_key(user_uuid, upload_id)
    try:
        post = uploads.presigned_post(key, content_type, MAX_UPLOAD_BYTES, UPLOAD_EXPIRES_SECONDS)
    except (BotoCoreError, ClientError) as exc:
        if not is_transient_aws_error(exc):
            raise
        raise ApiError.unavailable("uploads_unavailable", "Uploads are unavailable right now, try again shortly") \
            from exc
    db.run("avatars/create_upload", upload_id=upload_id, user_uuid=user_uuid)
    return {"url": post["url"], "fields": post["fields"], "key": key, "upload_id": upload_id,
            "expires_in": UPLOAD_EXPIRES_SECONDS}


@service_span
def upload_state(db, user_uuid, upload_id):
    """{status, avatar_key, reason} of one of the user's uploads: processing, ready (with the key of the
    avatar it became) or failed (with why). 404 for anyone else's, and for uploads over a day old."""
    row = db.one("avatars/upload_state", upload_id=upload_id, user_uuid=user_uuid) \
        if UPLOAD_ID.fullmatch(upload_id) else None
    if row is None:
        raise ApiError.not_found("avatar_not_found", "No such avatar upload of yours")
    ready = row["status"] == "ready"
    return {"status": row["status"], "avatar_key": avatar_key(user_uuid, upload_id) if ready else None,
            "reason": row["reason"]}
