"""Reading and checking what a request sends; anything malformed is a 4xx with the errors body."""

import json
import re
import uuid

from flask import g, request
from werkzeug.exceptions import UnsupportedMediaType

from ..errors import Invalid
from ..pagination import BY_RANK, BY_TIME, checked_position, parse_limit
from .extensions import current_cursors


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def json_body():
    """The request's JSON object; 415 without a JSON Content-Type, 400 when it is not a JSON object."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json")
    try:
        body = json.loads(request.get_data(), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise Invalid("invalid_json", "The body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise Invalid("body_not_object", "The body must be a JSON object")
    return body


# The hyphenated form only, in ASCII: uuid.UUID also takes braces, "urn:uuid:" and Unicode digits.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def uuid_param(raw, name="uuid"):
    if not _UUID.fullmatch(raw):
        raise Invalid("invalid_uuid", f"{raw!r} is not a UUID", name)
    return uuid.UUID(raw)


def _cursor_scope():
    """The list a cursor belongs to: this path, for this viewer, with this query (a search's term)."""
    viewer = g.get("viewer")
    query = sorted((name, value) for name, value in request.args.items(multi=True) if name not in ("cursor", "limit"))
    return json.dumps([request.path, str(viewer["uuid"]) if viewer else None, query])


def cursor_position(check):
    """The position in `?cursor=`, minted by this API for this very list (_cursor_scope), passed through
    `check` (which raises InvalidCursor for a shape its list never writes); None without a cursor."""
    raw = request.args.get("cursor")
    if raw is None:
        return None
    return check(current_cursors().read(_cursor_scope(), raw))


def next_cursor(next_position):
    """The cursor of the page after this one (bound to this list), or None on the last page."""
    if next_position is None:
        return None
    return current_cursors().mint(_cursor_scope(), next_position)


def page_args(shape=BY_TIME):
    """(limit, position) from the query string, for a list sorted by `shape` (pagination.BY_TIME, BY_RANK)."""
    return parse_limit(request.args.get("limit")), cursor_position(lambda value: checked_position(value, shape))


def search_args():
    """(term, limit, position) of a search, which goes best match first."""
    return (request.args.get("term"), *page_args(BY_RANK))
