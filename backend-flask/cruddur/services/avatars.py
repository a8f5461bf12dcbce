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
def presign_upload(uploads, user_uuid, content_type, size):
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
    return {"url": post["url"], "fields": post["fields"], "key": key, "upload_id": upload_id,
            "expires_in": UPLOAD_EXPIRES_SECONDS}


def upload_state(viewer, upload_id):
    """(status, avatar key): ("ready", key) once this upload of the viewer's is their avatar, else
    ("processing", None). 404 for anything that is not an upload id."""
    if not UPLOAD_ID.fullmatch(upload_id):
        raise ApiError.not_found("avatar_not_found", "No such avatar upload")
    key = avatar_key(viewer["uuid"], upload_id)
    return ("ready", key) if viewer["avatar_key"] == key else ("processing", None)
