"""What people say about themselves."""

from cruddur_shared.limits import BIO_MAX, DISPLAY_NAME_MAX

from ..errors import Invalid
from ..observability.spans import service_span
from . import users
from .text import checked


@service_span
def update(db, user_uuid, display_name=None, bio=None):
    if display_name is None and bio is None:
        raise Invalid("nothing_to_update", "Send display_name, bio or both")
    if display_name is not None:
        display_name = checked(display_name, "display_name", DISPLAY_NAME_MAX, name=True)
    if bio is not None:
        bio = checked(bio, "bio", BIO_MAX, required=False)
    row = db.one("profiles/update", user_uuid=user_uuid, display_name=display_name, bio=bio)
    return users.profile(db, row["handle"], viewer_uuid=user_uuid)
