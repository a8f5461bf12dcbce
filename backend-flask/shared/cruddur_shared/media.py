"""Where photos of cruds go, for the API (which presigns uploads, signs the served URLs and deletes the
files) and the media handler (which processes the uploads).

The API names an upload media/<user uuid>/<media uuid> in the uploads bucket (it also names the media row);
the handler writes the served sizes to the media bucket as media/<user uuid>/<media uuid>-2048.webp (`url`,
longest side at most FULL_SIDE) and -640.webp (`preview_url`, at most PREVIEW_SIDE), tagged UNPOSTED until the
API posts the photo on a crud. The media bucket's lifecycle rule deletes objects still tagged UNPOSTED after a
day, a backstop for the purge.
"""

import re

FULL_SIDE = 2048
PREVIEW_SIDE = 640
PREFIX = "media/"

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UPLOAD_KEY = re.compile(f"media/(?P<user_uuid>{_UUID})/(?P<media_uuid>{_UUID})")

# The object tag the served files carry until their photo is posted (S3 lifecycle rules filter on tags).
TAG_KEY = "cruddur-media"
UNPOSTED = "unposted"
POSTED = "posted"
UNPOSTED_TAGGING = f"{TAG_KEY}={UNPOSTED}"


def upload_key(user_uuid, media_uuid):
    return f"{PREFIX}{user_uuid}/{media_uuid}"


def served_keys(user_uuid, media_uuid):
    """(full, preview): the keys of the served sizes in the media bucket."""
    stem = f"{PREFIX}{user_uuid}/{media_uuid}"
    return f"{stem}-{FULL_SIDE}.webp", f"{stem}-{PREVIEW_SIDE}.webp"
