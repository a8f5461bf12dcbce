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


def encode_cursor(row):
    position = [row["created_at"].isoformat(), str(row["uuid"])]
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def parse_cursor(raw):
    """The (created_at, uuid) a page continues after; None for the first page."""
    if raw is None:
        return None
    try:
        created_at, row_uuid = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        datetime.fromisoformat(created_at)
        uuid.UUID(row_uuid)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise ApiError.bad_request("invalid_cursor", "cursor is not one this API handed out", "cursor") from exc
    return created_at, row_uuid


def page(rows, limit):
    """Splits rows fetched with limit + 1 into a page and the cursor of the next one."""
    items = rows[:limit]
    next_cursor = encode_cursor(items[-1]) if len(rows) > limit else None
    return items, next_cursor
