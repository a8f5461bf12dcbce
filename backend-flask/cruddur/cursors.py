"""Cursors only this API can mint: the position a page ends at, as JSON, with an HMAC that binds it to the
list it came from. A cursor that was edited, forged, truncated or taken from another list fails the check,
so what reaches SQL or DynamoDB is always a position this API wrote."""

import base64
import binascii
import hashlib
import hmac
import json

from .errors import InvalidCursor

# Sixteen bytes of HMAC-SHA256: forging one is a 2^128 guess, and cursors stay short in URLs.
MAC_BYTES = 16


def _b64encode(raw):
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CursorSigner:
    def __init__(self, key):
        if len(key) < 32:
            raise ValueError("a cursor signing key has at least 32 bytes")
        self.key = key

    def _mac(self, scope, payload):
        return hmac.new(self.key, f"{scope}\n{payload}".encode(), hashlib.sha256).digest()[:MAC_BYTES]

    def mint(self, scope, position):
        """An opaque cursor for `position` (any JSON value) in the list named `scope`."""
        payload = _b64encode(json.dumps(position, separators=(",", ":")).encode())
        return f"{payload}.{_b64encode(self._mac(scope, payload))}"

    def read(self, scope, cursor):
        """The position minted into `cursor` for `scope`; InvalidCursor for anything else. Only the exact text
        minted passes (no other padding or spelling of the same bytes)."""
        payload, _, mac = cursor.partition(".")
        expected = _b64encode(self._mac(scope, payload))
        if not hmac.compare_digest(mac.encode("utf-8", "surrogatepass"), expected.encode()):
            raise InvalidCursor("not a cursor this API handed out")
        try:
            return json.loads(_b64decode(payload))
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidCursor("not a cursor this API handed out") from exc
