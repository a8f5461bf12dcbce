"""What people say about themselves."""
from ..errors import ApiError
from ..observability.tracing import service_span
from . import users
from .text import checked

DISPLAY_NAME_MAX = 50
BIO_MAX = 160


@service_span
def update(db, user_uuid, display_name=None, bio=None):
    if display_name is None and bio is None:
        raise ApiError.bad_request("nothing_to_update", "Send display_name, bio or both")
    if display_name is not None:
        display_name = checked(display_name, "display_name", DISPLAY_NAME_MAX, name=True)
    if bio is not None:
        bio = checked(bio, "bio", BIO_MAX, required=False)
    row = db.one("profiles/update", user_uuid=user_uuid, display_name=display_name, bio=bio)
    return users.profile(db, row["handle"], viewer_uuid=user_uuid)
