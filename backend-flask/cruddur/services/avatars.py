"""Profile pictures. The API only decides where an upload goes and signs the browser's POST to S3;
aws/lambdas/process_avatar checks the picture, makes the served sizes and records the new avatar."""
import secrets

from botocore.exceptions import BotoCoreError, ClientError

from ..errors import ApiError, is_transient_aws_error
from ..observability.tracing import service_span

CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Time enough to send 5 MB on a slow line; a leaked form is soon useless.
UPLOAD_EXPIRES_SECONDS = 300


def upload_key(user_uuid):
    # The handler learns whose picture it is from the key; the random part keeps two uploads apart.
    return f"uploads/{user_uuid}/{secrets.token_hex(16)}"


@service_span
def presign_upload(uploads, user_uuid, content_type, size):
    """{url, fields, key, expires_in}: the form the browser posts the picture with."""
    if content_type not in CONTENT_TYPES:
        raise ApiError.bad_request("unsupported_content_type", "Upload a JPEG, PNG or WebP picture",
                                   "content_type")
    if not 1 <= size <= MAX_UPLOAD_BYTES:
        raise ApiError.bad_request("invalid_size", f"The picture must be 1 byte to {MAX_UPLOAD_BYTES // 2**20} MB",
                                   "size")
    key = upload_key(user_uuid)
    try:
        post = uploads.presigned_post(key, content_type, MAX_UPLOAD_BYTES, UPLOAD_EXPIRES_SECONDS)
    except (BotoCoreError, ClientError) as exc:
        if not is_transient_aws_error(exc):
            raise
        raise ApiError.unavailable("uploads_unavailable", "Uploads are unavailable right now, try again shortly") \
            from exc
    return {"url": post["url"], "fields": post["fields"], "key": key, "expires_in": UPLOAD_EXPIRES_SECONDS}
