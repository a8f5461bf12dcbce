"""The media handler: photos for cruds. S3 tells it of each new upload under media/ in the uploads bucket
(on AWS by invoking it; locally through the SQS queue bin/worker reads). For each upload it:

1. reads the photo (at most 10 MB, the presigned POST's ceiling) and decodes it in full: a JPEG, PNG or
   WebP that is whole and no decompression bomb (more than MAX_PIXELS pixels), or it is refused;
2. re-encodes it: turned upright by its EXIF orientation, converted from its ICC colour profile to sRGB, the
   first frame of an animated picture only, no metadata at all (EXIF with GPS, XMP, the profile), as WebP in
   two sizes, longest side at most 2048 px (`url`) and 640 px (`preview_url`), never enlarged;
3. writes both to the media bucket tagged unposted (the lifecycle rule deletes them after a day unless the
   API posts the photo), marks the media row ready with the full size's width and height, and deletes the
   upload (the original, metadata and all, never stays).

A refused upload is deleted and its row marked failed with the reason, which the composer shows. Any other
failure (S3 or the database) fails the invocation once every record has been tried, so Lambda retries it;
a record already done finds its upload gone and is skipped.

Keys are cruddur_shared.media and limits cruddur_shared.limits, which the API presigns uploads by.
"""

import functools
import io
import logging
import os
import warnings
from pathlib import Path
from urllib.parse import unquote_plus

import boto3
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from cruddur_shared.limits import MEDIA_MAX_BYTES
from cruddur_shared.media import FULL_SIDE, PREVIEW_SIDE, UNPOSTED_TAGGING, UPLOAD_KEY, served_keys
from lambda_common.database import connect

log = logging.getLogger(__name__)

MARK_READY = Path(__file__).with_name("mark_ready.sql").read_text()
MARK_FAILED = Path(__file__).with_name("mark_failed.sql").read_text()
FORMATS = ("JPEG", "PNG", "WEBP")
# 40 megapixels: more than phone cameras take; decoded as RGBA about 160 MB, within the Lambda's memory.
# Past it Pillow warns of a decompression bomb (which decode() makes an error); past twice it refuses.
MAX_PIXELS = 40_000_000
# The key is new for every photo, so what is served under a key never changes (until it is deleted).
CACHE_CONTROL = "private, max-age=86400, immutable"
SRGB = ImageCms.createProfile("sRGB")


class RejectedUpload(Exception):
    """An upload that is not a photo to serve; the message says why, as the person is told."""


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
    named = UPLOAD_KEY.fullmatch(key)
    if named is None:
        log.warning("discarding upload %s: not a key the API hands out", key)
    else:
        process_photo(s3, key, named["user_uuid"], named["media_uuid"], upload["Body"])
    s3.delete_object(Bucket=bucket, Key=key)


def process_photo(s3, key, user_uuid, media_uuid, body):
    try:
        full, preview, size = served_sizes(_read_at_most(body, MEDIA_MAX_BYTES))
    except RejectedUpload as exc:
        log.warning("discarding upload %s: %s (%s)", key, exc, exc.__cause__)
        mark_failed(media_uuid, str(exc))
        return
    full_key, preview_key = served_keys(user_uuid, media_uuid)
    media_bucket = os.environ["MEDIA_BUCKET"]
    for served_key, data in ((full_key, full), (preview_key, preview)):
        s3.put_object(
            Bucket=media_bucket,
            Key=served_key,
            Body=data,
            ContentType="image/webp",
            CacheControl=CACHE_CONTROL,
            Tagging=UNPOSTED_TAGGING,
        )
    if not mark_ready(media_uuid, size, full_key, preview_key):
        log.warning("no media row %s (purged since the upload?): deleting its files", media_uuid)
        s3.delete_objects(
            Bucket=media_bucket, Delete={"Objects": [{"Key": full_key}, {"Key": preview_key}], "Quiet": True}
        )
        return
    log.info("upload %s is now photo %s (%dx%d)", key, media_uuid, *size)


def _read_at_most(body, limit):
    data = body.read(limit + 1)
    if len(data) > limit:
        raise RejectedUpload(f"it is larger than {limit // 2**20} MB")
    return data


def served_sizes(data):
    """(full WebP bytes, preview WebP bytes, (width, height) of the full size) of the photo in `data`."""
    image = clean(decode(data))
    full = fitted(image, FULL_SIDE)
    return webp(full, quality=85), webp(fitted(image, PREVIEW_SIDE), quality=80), full.size


def decode(data):
    """The photo, decoded in full (the first frame of an animation); RejectedUpload unless it is a whole
    JPEG, PNG or WebP of sane size."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_PIXELS
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            image.load()
        except UnidentifiedImageError as exc:
            raise RejectedUpload("it is not a JPEG, PNG or WebP picture") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise RejectedUpload(f"it has more than {MAX_PIXELS // 1_000_000} million pixels") from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:  # what Pillow raises for truncated data
            raise RejectedUpload("it is damaged or cut short") from exc
        finally:
            Image.MAX_IMAGE_PIXELS = limit
    return image


def clean(image):
    """Upright (EXIF orientation), in sRGB (from its ICC profile, if any), RGB or RGBA, without any metadata."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if transparent else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            # A profile that is damaged or does not fit the pixels: they are taken as sRGB, as browsers do.
            log.warning("ignoring a colour profile that cannot be applied: %s", exc)
    # A new picture from the pixels alone: EXIF (camera, GPS), XMP, comments and the profile stay behind.
    converted = image.convert(mode)
    bare = Image.new(mode, converted.size)
    bare.paste(converted)
    return bare


def fitted(image, side):
    """The picture with its longest side at most `side` px, in proportion; never enlarged."""
    out = image.copy()
    out.thumbnail((side, side), Image.Resampling.LANCZOS)
    return out


def webp(image, quality):
    out = io.BytesIO()
    image.save(out, "WEBP", quality=quality)
    return out.getvalue()


def mark_ready(media_uuid, size, full_key, preview_key):
    """Whether the photo's row was there to mark."""
    with connect() as conn:
        row = conn.execute(
            MARK_READY,
            {
                "media_uuid": media_uuid,
                "width": size[0],
                "height": size[1],
                "full_key": full_key,
                "preview_key": preview_key,
            },
        ).fetchone()
    return row is not None


def mark_failed(media_uuid, reason):
    with connect() as conn:
        conn.execute(MARK_FAILED, {"media_uuid": media_uuid, "reason": reason})
