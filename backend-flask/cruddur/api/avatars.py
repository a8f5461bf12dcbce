from flask import g

from ..services import avatars
from . import api
from .authentication import auth_required
from .extensions import current_db, current_uploads
from .parsing import json_body, required_integer, required_string
from .presenters import avatar_url


@api.post("/avatars/presign")
@auth_required
def presign_avatar_upload():
    body = json_body()
    return avatars.presign_upload(
        current_db(),
        current_uploads(),
        g.viewer["uuid"],
        content_type=required_string(body, "content_type"),
        size=required_integer(body, "size"),
    )


@api.get("/avatars/<upload_id>")
@auth_required
def avatar_upload_state(upload_id):
    state = avatars.upload_state(current_db(), g.viewer["uuid"], upload_id)
    return {"status": state["status"], "avatar_url": avatar_url(state["avatar_key"]), "reason": state["reason"]}
