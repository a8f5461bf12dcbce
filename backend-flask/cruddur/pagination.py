"""Keyset pages: `?limit=&cursor=` in, `{items, next_cursor}` out. Cursors stay valid while new rows arrive."""
import base64
import binascii
import json
import uuid
from datetime import datetime

from .errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Where a page starts when no cursor is given.
NEWEST = ("infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff")
OLDEST = ("-infinity", "00000000-0000-0000-0000-000000000000")


def parse_limit(raw):
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ApiError.bad_request("invalid_limit", f"limit must be a whole number from 1 to {MAX_LIMIT}", "limit")
    return int(raw)


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value if isinstance(value, (int, float)) else str(value)


def encode_cursor(*position):
    return base64.urlsafe_b64encode(json.dumps([_plain(v) for v in position]).encode()).decode().rstrip("=")


_CHECKS = {datetime: datetime.fromisoformat, uuid.UUID: uuid.UUID, float: float}


def parse_cursor(raw, shape=(datetime, uuid.UUID)):
    """The position (values of the types in `shape`) a page continues after; None for the first page.
    Values come back as the JSON gave them, checked, for SQL to cast."""
    if raw is None:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if not isinstance(position, list) or len(position) != len(shape):
            raise ValueError("wrong shape")
        for value, kind in zip(position, shape):
            if kind is float and not isinstance(value, (int, float)):
                raise TypeError("not a number")
            _CHECKS[kind](value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise ApiError.bad_request("invalid_cursor", "cursor is not one this API handed out", "cursor") from exc
    return tuple(position)


def by_time(row):
    return row["created_at"], row["uuid"]


def page(rows, limit, position=by_time):
    """Splits rows fetched with limit + 1 into a page and the cursor of the next one."""
    items = rows[:limit]
    next_cursor = encode_cursor(*position(items[-1])) if len(rows) > limit else None
    return items, next_cursor
