"""Reading and checking what a request sends; anything malformed is a 4xx with the errors body."""
import json
import uuid
from datetime import datetime

from flask import request

from ..errors import ApiError
from ..pagination import parse_cursor, parse_limit


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def json_body():
    """The request's JSON object; 415 without a JSON Content-Type, 400 when it is not a JSON object."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json")
    try:
        body = json.loads(request.get_data(), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise ApiError.bad_request("invalid_json", "The body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise ApiError.bad_request("body_not_object", "The body must be a JSON object")
    return body


def optional_string(body, name):
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError.bad_request("invalid_type", f"{name} must be a string", name)
    if value is not None and "\x00" in value:
        raise ApiError.bad_request("invalid_characters", f"{name} must not contain NUL characters", name)
    return value


def required_string(body, name):
    value = optional_string(body, name)
    if value is None:
        raise ApiError.bad_request("missing_field", f"{name} is required", name)
    return value


def required_integer(body, name):
    value = body.get(name)
    if value is None:
        raise ApiError.bad_request("missing_field", f"{name} is required", name)
    # JSON true/false are ints to Python; 5.0 is not a whole number as sent.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError.bad_request("invalid_type", f"{name} must be a whole number", name)
    return value


def uuid_param(raw, name="uuid"):
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise ApiError.bad_request("invalid_uuid", f"{raw!r} is not a UUID", name) from exc


def page_args():
    """(limit, cursor position) from the query string."""
    return parse_limit(request.args.get("limit")), parse_cursor(request.args.get("cursor"))


def search_args():
    """(term, limit, cursor) of a search; its cursor also carries the match's rank."""
    cursor = parse_cursor(request.args.get("cursor"), shape=(float, datetime, uuid.UUID))
    return request.args.get("term"), parse_limit(request.args.get("limit")), cursor
