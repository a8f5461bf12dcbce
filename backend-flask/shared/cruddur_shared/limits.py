"""The limits every side agrees on: the API and the Lambdas import them from here, the SPA reads them from
frontend-react-js/src/config/limits.json (`python -m cruddur_shared.limits` writes it; a test fails when it
drifts), and the OpenAPI document and the database's checks state the same numbers (tests compare them)."""

import json
import sys

# Characters (code points) after trimming.
CRUD_MAX = 280
DIRECT_MESSAGE_MAX = 1024
DISPLAY_NAME_MAX = 50
BIO_MAX = 160
SEARCH_TERM_MAX = 100
# A handle: 3 to 20 of a-z, 0-9 and _, unique whatever its case.
HANDLE_PATTERN = "[a-z0-9_]{3,20}"
AVATAR_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")
AVATAR_MAX_BYTES = 5 * 1024 * 1024
# Photos in cruds (cruddur_shared.media has their keys).
MEDIA_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")
MEDIA_MAX_BYTES = 10 * 1024 * 1024
MEDIA_PER_CRUD = 4
ALT_TEXT_MAX = 1500
# A photo not posted within a day is deleted.
UNPOSTED_MEDIA_HOURS = 24


def for_clients():
    """The limits as the SPA reads them."""
    return {
        "crudMax": CRUD_MAX,
        "directMessageMax": DIRECT_MESSAGE_MAX,
        "displayNameMax": DISPLAY_NAME_MAX,
        "bioMax": BIO_MAX,
        "searchTermMax": SEARCH_TERM_MAX,
        "handlePattern": f"^{HANDLE_PATTERN}$",
        "avatarContentTypes": list(AVATAR_CONTENT_TYPES),
        "avatarMaxBytes": AVATAR_MAX_BYTES,
        "mediaContentTypes": list(MEDIA_CONTENT_TYPES),
        "mediaMaxBytes": MEDIA_MAX_BYTES,
        "mediaPerCrud": MEDIA_PER_CRUD,
        "altTextMax": ALT_TEXT_MAX,
    }


if __name__ == "__main__":
    json.dump(for_clients(), sys.stdout, indent=2)
    sys.stdout.write("\n")
