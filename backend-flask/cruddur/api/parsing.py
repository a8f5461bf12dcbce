"""Reading and checking what a request sends; anything malformed is a 4xx with the errors body."""

import json
import re
import uuid

from flask import g, request

from cruddur_shared.text import TextRejected, check_storable

from ..errors import Invalid
from ..pagination import BY_RANK, BY_TIME, checked_position, parse_limit
from .errors import ApiError
from .extensions import current_cursors


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def json_body():
    """The request's JSON object; 415 without a JSON Content-Type, 400 when it is not a JSON object."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json")
    try:
        body = json.loads(request.get_data(), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise Invalid("invalid_json", "The body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise Invalid("body_not_object", "The body must be a JSON object")
    return body


def optional_string(body, name):
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise Invalid("invalid_type", f"{name} must be a string", name)
    if value is not None:
        try:
            check_storable(value)
        except TextRejected as exc:
            raise Invalid(exc.reason, f"{name}: {exc.message}", name) from exc
    return value


def required_string(body, name):
    value = optional_string(body, name)
    if value is None:
        raise Invalid("missing_field", f"{name} is required", name)
    return value


def required_integer(body, name):
    value = body.get(name)
    if value is None:
        raise Invalid("missing_field", f"{name} is required", name)
    # JSON true/false are ints to Python; 5.0 is not a whole number as sent.
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid("invalid_type", f"{name} must be a whole number", name)
    return value


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
