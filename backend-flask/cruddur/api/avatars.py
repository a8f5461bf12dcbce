from flask import g

from ..auth import auth_required
from ..services import avatars
from ..uploads_bucket import current_uploads
from . import api
from .parsing import json_body, required_integer, required_string


@api.post("/avatars/presign")
@auth_required
def presign_avatar_upload():
    body = json_body()
    return avatars.presign_upload(current_uploads(), g.viewer["uuid"],
                                  content_type=required_string(body, "content_type"),
                                  size=required_integer(body, "size"))
