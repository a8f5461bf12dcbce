from pathlib import Path

from flask import send_file

from . import api

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "openapi.yaml"


@api.get("/openapi.yaml")
def openapi_document():
    return send_file(OPENAPI_FILE, mimetype="application/yaml")
