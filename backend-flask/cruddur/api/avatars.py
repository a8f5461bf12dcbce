from flask import g

from ..auth import auth_required
from ..services import avatars
from ..uploads_bucket import current_uploads
from . import api
from .parsing import json_body, required_integer, required_string
from .presenters import avatar_url


@api.post("/avatars/presign")
@auth_required
def presign_avatar_upload():
    body = json_body()
    return avatars.presign_upload(current_uploads(), g.viewer["uuid"],
                                  content_type=required_string(body, "content_type"),
                                  size=required_integer(body, "size"))


@api.get("/avatars/<upload_id>")
@auth_required
def avatar_upload_state(upload_id):
    # The viewer's row is read fresh for every request, so this is the processed state as of now.
    status, key = avatars.upload_state(g.viewer, upload_id)
    return {"status": status, "avatar_url": avatar_url(key)}
