"""The avatar handler. S3 tells it of each new upload to the uploads bucket (on AWS by invoking it; locally
through an SQS queue that bin/worker reads). For each upload it:

1. reads the picture (at most 5 MB, the presigned POST's ceiling) and checks that it is a JPEG, PNG or
   WebP that decodes in full and is no decompression bomb;
2. turns it upright (EXIF orientation), drops all metadata, center-crops it square and writes the served
   sizes as WebP to the assets bucket under a new key, cached for a year;
3. points the person's users.avatar_key at the new avatar and deletes the upload.

Keys are cruddur_shared.avatars and limits cruddur_shared.limits, which the API presigns uploads by: an upload
uploads/<user uuid>/<upload id> becomes avatars/<user uuid>/<upload id>-512.webp and -128.webp, and avatar_key
holds the 512 px key. Every upload has a new id, so a new avatar is a new URL and no cache ever shows the old
one.

A bad upload is logged and deleted, and the person keeps the avatar they had. Any other failure (S3 or the
database) fails the invocation once every record has been tried, naming the failed keys, so Lambda retries
it (and, past its retries, sends it to the dead-letter queue); those uploads stay until then. Records
already done by an earlier try find their upload gone and are skipped.
"""

import functools
import io
import logging
import os
import warnings
from pathlib import Path
from urllib.parse import unquote_plus

import boto3
from PIL import Image, ImageOps, UnidentifiedImageError

from cruddur_shared.avatars import AVATAR_KEY, SIZES, UPLOAD_KEY, avatar_stem
from cruddur_shared.limits import AVATAR_MAX_BYTES as MAX_UPLOAD_BYTES
from lambda_common.database import connect

log = logging.getLogger(__name__)

SET_AVATAR = Path(__file__).with_name("set_avatar.sql").read_text()
MARK_UPLOAD = Path(__file__).with_name("mark_upload.sql").read_text()
FORMATS = ("JPEG", "PNG", "WEBP")
# A 24-megapixel camera photo is the largest picture taken; decoded as RGBA it is about 100 MB, well within
# the Lambda's memory. Past it Pillow warns of a decompression bomb, which decode() makes an error.
MAX_PIXELS = 24_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# The key changes with every new avatar, so what is served under a key never changes.
CACHE_CONTROL = "public, max-age=31536000, immutable"


class RejectedUpload(Exception):
    """An upload that is not a picture to serve; the message says why, as the person is told."""


def handler(event, context):
    failed = []
    for record in event.get("Records", []):
        key = unquote_plus(record["s3"]["object"]["key"])  # S3 events carry keys URL-encoded
        try:
            process_upload(_s3(record["awsRegion"]), record["s3"]["bucket"]["name"], key)
        except Exception:  # one failing upload must not keep the others from being processed
            log.exception("processing upload %s failed", key)
            failed.append(key)
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(event['Records'])} uploads failed: {', '.join(failed)}")


@functools.cache
def _s3(region):
    return boto3.client("s3", region_name=region, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)


def process_upload(s3, bucket, key):
    try:
        upload = s3.get_object(Bucket=bucket, Key=key)
    except s3.exceptions.NoSuchKey:
        log.info("upload %s is gone: an earlier delivery of this event processed it", key)
        return
    owner = UPLOAD_KEY.fullmatch(key)
    if owner is None:
        log.warning("discarding upload %s: not a key the API hands out", key)
    else:
        process_picture(s3, key, owner["user_uuid"], owner["upload_id"], upload["Body"])
    s3.delete_object(Bucket=bucket, Key=key)


def process_picture(s3, key, user_uuid, upload_id, body):
    try:
        sizes = served_sizes(_read_at_most(body, MAX_UPLOAD_BYTES))
    except RejectedUpload as exc:
        log.warning("discarding upload %s: %s (%s)", key, exc, exc.__cause__)
        mark_upload(upload_id, "failed", str(exc))
        return
    avatar_key = publish(s3, user_uuid, upload_id, sizes)
    replaced_key = record_avatar(user_uuid, upload_id, avatar_key)
    log.info("upload %s is now avatar %s", key, avatar_key)
    if replaced_key:
        delete_replaced(s3, user_uuid, replaced_key)


def _read_at_most(body, limit):
    data = body.read(limit + 1)
    if len(data) > limit:
        raise RejectedUpload(f"it is larger than {limit // 2**20} MB")
    return data


def served_sizes(data):
    """{size: WebP bytes} for each served size of the picture in `data`."""
    image = upright(decode(data))
    return {size: webp(ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)) for size in SIZES}


def decode(data):
    """The picture, decoded in full; RejectedUpload unless it is a whole JPEG, PNG or WebP of sane size."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            image.load()
        except UnidentifiedImageError as exc:
            raise RejectedUpload("it is not a JPEG, PNG or WebP picture") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise RejectedUpload(f"it has more than {MAX_PIXELS // 1_000_000} million pixels") from exc
        except (OSError, SyntaxError, ValueError) as exc:  # what Pillow raises for truncated or corrupt data
            raise RejectedUpload("it is damaged or cut short") from exc
    return image


def upright(image):
    """Turned as its EXIF orientation says, in RGB (RGBA if it has transparency), with no metadata at all."""
    image = ImageOps.exif_transpose(image)
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if transparent else "RGB")
    # EXIF (the camera, where it was taken), XMP and colour profiles stay behind.
    image.info = {}
    return image


def webp(image):
    out = io.BytesIO()
    image.save(out, "WEBP", quality=85)
    return out.getvalue()


def publish(s3, user_uuid, upload_id, sizes):
    """Writes each size to the assets bucket under the upload's keys; answers the key avatar_key records."""
    stem = avatar_stem(user_uuid, upload_id)
    for size, data in sizes.items():
        s3.put_object(
            Bucket=os.environ["ASSETS_BUCKET"],
            Key=f"{stem}-{size}.webp",
            Body=data,
            ContentType="image/webp",
            CacheControl=CACHE_CONTROL,
        )
    return f"{stem}-{SIZES[0]}.webp"


def record_avatar(user_uuid, upload_id, avatar_key):
    """Points the person at the new avatar and marks the upload ready, together; answers the avatar key the
    new one replaces (None if there was none)."""
    with connect() as conn:
        replaced = conn.execute(SET_AVATAR, {"user_uuid": user_uuid, "avatar_key": avatar_key}).fetchone()
        conn.execute(MARK_UPLOAD, {"upload_id": upload_id, "status": "ready", "reason": None})
    if replaced is None:
        log.warning("no user %s (gone since the upload?): avatar %s is not recorded", user_uuid, avatar_key)
        return None
    return replaced[0]


def mark_upload(upload_id, status, reason):
    with connect() as conn:
        conn.execute(MARK_UPLOAD, {"upload_id": upload_id, "status": status, "reason": reason})


def delete_replaced(s3, user_uuid, replaced_key):
    """Deletes every size of the avatar a new one replaced; only keys this handler makes for the person.
    A failure leaves files nobody points at, so it is logged, not retried with the whole upload."""
    replaced = AVATAR_KEY.fullmatch(replaced_key)
    if replaced is None or replaced["user_uuid"] != user_uuid:
        return
    stem = replaced_key.removesuffix(f"-{SIZES[0]}.webp")
    try:
        result = s3.delete_objects(
            Bucket=os.environ["ASSETS_BUCKET"],
            Delete={"Objects": [{"Key": f"{stem}-{size}.webp"} for size in SIZES], "Quiet": True},
        )
    except Exception:  # any S3 failure: the new avatar is served either way
        log.exception("could not delete replaced avatar %s", replaced_key)
        return
    for error in result.get("Errors", []):
        log.warning("could not delete replaced avatar file %s: %s", error.get("Key"), error.get("Message"))
