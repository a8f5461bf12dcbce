"""Every copy of a shared limit says what cruddur_shared.limits says: the SPA's limits.json, the OpenAPI
document, and the database's checks. A copy that drifts fails here, naming where."""

import json
import re
from pathlib import Path

import yaml

from cruddur_shared import limits

BACKEND = Path(__file__).resolve().parents[1]
SPA_LIMITS = BACKEND.parent / "frontend-react-js" / "src" / "config" / "limits.json"


def test_the_spa_reads_the_shared_limits():
    assert json.loads(SPA_LIMITS.read_text()) == limits.for_clients(), (
        "frontend-react-js/src/config/limits.json drifted: regenerate it with "
        "`cd backend-flask && .venv/bin/python -m cruddur_shared.limits > ../frontend-react-js/src/config/limits.json`"
    )


def _body(document, path, method="post"):
    return document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["properties"]


def test_the_openapi_document_states_the_shared_limits():
    document = yaml.safe_load((BACKEND / "openapi.yaml").read_text())
    stated = {
        "crud": _body(document, "/api/activities")["message"]["maxLength"],
        "reply": _body(document, "/api/activities/{uuid}/reply")["message"]["maxLength"],
        "direct message": _body(document, "/api/messages")["message"]["maxLength"],
        "display name": _body(document, "/api/profile/update")["display_name"]["maxLength"],
        "bio": _body(document, "/api/profile/update")["bio"]["maxLength"],
        "search term": document["components"]["parameters"]["term"]["schema"]["maxLength"],
        "avatar types": tuple(_body(document, "/api/avatars/presign")["content_type"]["enum"]),
        "avatar bytes": _body(document, "/api/avatars/presign")["size"]["maximum"],
        "handle": _body(document, "/api/users/me/handle", "put")["handle"]["pattern"],
        "photo types": tuple(_body(document, "/api/media/presign")["content_type"]["enum"]),
        "photo bytes": _body(document, "/api/media/presign")["size"]["maximum"],
        "photos per crud": document["components"]["schemas"]["MediaUuids"]["maxItems"],
        "alt text": _body(document, "/api/media/{uuid}", "put")["alt"]["maxLength"],
    }
    assert stated == {
        "crud": limits.CRUD_MAX,
        "reply": limits.CRUD_MAX,
        "direct message": limits.DIRECT_MESSAGE_MAX,
        "display name": limits.DISPLAY_NAME_MAX,
        "bio": limits.BIO_MAX,
        "search term": limits.SEARCH_TERM_MAX,
        "avatar types": limits.AVATAR_CONTENT_TYPES,
        "avatar bytes": limits.AVATAR_MAX_BYTES,
        # The API takes a handle in any case and stores it in lower case.
        "handle": f"^{limits.HANDLE_PATTERN.replace('a-z', 'A-Za-z')}$",
        "photo types": limits.MEDIA_CONTENT_TYPES,
        "photo bytes": limits.MEDIA_MAX_BYTES,
        "photos per crud": limits.MEDIA_PER_CRUD,
        "alt text": limits.ALT_TEXT_MAX,
    }


def _check(sql, table, column):
    [[definition]] = sql(
        "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "WHERE t.relname = %s AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE %s",
        (table, f"%({column}%"),
    )
    return definition


def test_the_database_checks_the_shared_limits(sql):
    assert f"<= {limits.BIO_MAX}" in _check(sql, "users", "bio")
    assert f"<= {limits.DISPLAY_NAME_MAX}" in _check(sql, "users", "display_name")
    assert f"<= {limits.CRUD_MAX}" in _check(sql, "activities", "message")
    assert re.search(re.escape(f"^{limits.HANDLE_PATTERN}$"), _check(sql, "users", "handle"))
