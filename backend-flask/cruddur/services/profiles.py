"""What people say about themselves."""
from ..errors import ApiError
from ..observability.tracing import service_span
from . import users

DISPLAY_NAME_MAX = 50
BIO_MAX = 160


@service_span
def update(db, user_uuid, display_name=None, bio=None):
    if display_name is None and bio is None:
        raise ApiError.bad_request("nothing_to_update", "Send display_name, bio or both")
    if display_name is not None:
        display_name = display_name.strip()
        if not 1 <= len(display_name) <= DISPLAY_NAME_MAX:
            raise ApiError.bad_request("invalid_display_name",
                                       f"Display name must be 1 to {DISPLAY_NAME_MAX} characters", "display_name")
    if bio is not None:
        bio = bio.strip()
        if len(bio) > BIO_MAX:
            raise ApiError.bad_request("bio_too_long", f"Bio must be at most {BIO_MAX} characters", "bio")
    row = db.one("profiles/update", user_uuid=user_uuid, display_name=display_name, bio=bio)
    return users.profile(db, row["handle"], viewer_uuid=user_uuid)
