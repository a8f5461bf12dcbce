from flask import g

from ..services import media
from . import api
from .authentication import auth_required
from .extensions import current_db, current_uploads
from .parsing import uuid_param
from .presenters import media as present
from .request_bodies import request_body


@api.post("/media/presign")
@auth_required
def presign_media_upload():
    body = request_body()
    return media.presign_upload(
        current_db(), current_uploads(), g.viewer["uuid"], content_type=body["content_type"], size=body["size"]
    )


@api.get("/media/<uuid>")
@auth_required
def show_media(uuid):
    row = media.show(current_db(), g.viewer["uuid"], uuid_param(uuid))
    return present(row, row["expires_at"])


@api.put("/media/<uuid>")
@auth_required
def describe_media(uuid):
    row = media.describe(current_db(), g.viewer["uuid"], uuid_param(uuid), request_body()["alt"])
    return present(row, row["expires_at"])
