"""Keyset pages: `?limit=&cursor=` in, `{items, next_cursor}` out. A page ends at a position (the sort key of
its last row); the API mints it into a signed cursor (cursors.py), and reads it back checked against the
shape its list sorts by. Positions stay valid while new rows arrive."""

import math
import re
import uuid
from datetime import datetime

from .errors import Invalid, InvalidCursor

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Where a page starts when no cursor is given.
NEWEST = ("infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff")
OLDEST = ("-infinity", "00000000-0000-0000-0000-000000000000")

# What positions hold, exactly as page() writes them: PostgreSQL reads each back with a cast.
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def parse_limit(raw):
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise Invalid("invalid_limit", f"limit must be a whole number from 1 to {MAX_LIMIT}", "limit")
    return int(raw)


def timestamp(value):
    if not (isinstance(value, str) and _TIMESTAMP.fullmatch(value)):
        raise InvalidCursor("not a timestamp")
    datetime.fromisoformat(value)  # a 31 February is a ValueError
    return value


def uuid_text(value):
    if not (isinstance(value, str) and _UUID.fullmatch(value)):
        raise InvalidCursor("not a uuid")
    return value


def rank(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidCursor("not a rank")
    return value


# The sort keys of the lists: newest (or oldest) first by time, or best match first.
BY_TIME = (timestamp, uuid_text)
BY_RANK = (rank, timestamp, uuid_text)


def checked_position(value, shape):
    """The position as a tuple for SQL, each value checked by its part of `shape`; InvalidCursor otherwise."""
    if not isinstance(value, list) or len(value) != len(shape):
        raise InvalidCursor("not a position of this list")
    try:
        return tuple(check(part) for check, part in zip(shape, value))
    except ValueError as exc:
        raise InvalidCursor(str(exc)) from exc


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def by_time(row):
    return row["created_at"], row["uuid"]


def page(rows, limit, position=by_time):
    """Splits rows fetched with limit + 1 into a page and the position the next page starts after (None on
    the last page)."""
    items = rows[:limit]
    next_position = [_plain(value) for value in position(items[-1])] if len(rows) > limit else None
    return items, next_position
