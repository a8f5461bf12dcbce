from flask import g

from ..services import avatars
from . import api
from .authentication import auth_required
from .extensions import current_db, current_uploads
from .presenters import avatar_url
from .request_bodies import request_body


@api.post("/avatars/presign")
@auth_required
def presign_avatar_upload():
    body = request_body()
    return avatars.presign_upload(
        current_db(), current_uploads(), g.viewer["uuid"], content_type=body["content_type"], size=body["size"]
    )


@api.get("/avatars/<upload_id>")
@auth_required
def avatar_upload_state(upload_id):
    state = avatars.upload_state(current_db(), g.viewer["uuid"], upload_id)
    return {"status": state["status"], "avatar_url": avatar_url(state["avatar_key"]), "reason": state["reason"]}
