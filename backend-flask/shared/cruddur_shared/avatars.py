"""Where avatar pictures go, for the API (which presigns uploads) and the avatar handler (which processes them).

The API names an upload uploads/<user uuid>/<upload id> (32 random hex); the handler writes the served sizes
as avatars/<user uuid>/<upload id>-512.webp and -128.webp, and users.avatar_key holds the 512 px key. A new
upload is a new URL, so no cache ever shows an old avatar, and whether an upload is the person's avatar yet is
one comparison.
"""

import re
import secrets

SIZES = (512, 128)

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UPLOAD_ID = re.compile("[0-9a-f]{32}")
UPLOAD_KEY = re.compile(f"uploads/(?P<user_uuid>{_UUID})/(?P<upload_id>[0-9a-f]{{32}})")
AVATAR_KEY = re.compile(f"avatars/(?P<user_uuid>{_UUID})/(?P<upload_id>[0-9a-f]{{32}})-{SIZES[0]}\\.webp")


def new_upload_id():
    return secrets.token_hex(16)


def upload_key(user_uuid, upload_id):
    return f"uploads/{user_uuid}/{upload_id}"


def avatar_stem(user_uuid, upload_id):
    """The served sizes are the stem with -<size>.webp."""
    return f"avatars/{user_uuid}/{upload_id}"


def avatar_key(user_uuid, upload_id):
    """What users.avatar_key holds once this upload is the person's avatar."""
    return f"{avatar_stem(user_uuid, upload_id)}-{SIZES[0]}.webp"
