"""Each API process keeps, for a few seconds, the viewer a verified access token resolved to, so that a person
paging through their home does not pay for the signature check and the users row on every request.

An entry never outlives its token (`exp`), nor VIEWER_CACHE_SECONDS; it is dropped as soon as its person writes
anything through this process (a follow, a profile edit...), so their own changes show at once. What others
change about them (their followers count) may show up to VIEWER_CACHE_SECONDS late."""

import threading
import time

MAX_ENTRIES = 10_000


class ViewerCache:
    def __init__(self, seconds):
        self.seconds = seconds
        self._entries = {}  # token -> (claims, viewer row, monotonic deadline)
        self._lock = threading.Lock()

    def get(self, token):
        entry = self._entries.get(token)
        if entry is None:
            return None
        claims, viewer, deadline = entry
        if time.monotonic() >= deadline or time.time() >= claims["exp"]:
            with self._lock:
                self._entries.pop(token, None)
            return None
        return claims, viewer

    def put(self, token, claims, viewer):
        if self.seconds <= 0:
            return
        seconds_left = min(self.seconds, claims["exp"] - time.time())
        if seconds_left <= 0:
            return
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                # The oldest entry goes first (dicts keep insertion order).
                self._entries.pop(next(iter(self._entries)))
            self._entries[token] = (claims, viewer, time.monotonic() + seconds_left)

    def forget(self, viewer_uuid):
        with self._lock:
            for token in [t for t, (_, viewer, _) in self._entries.items() if viewer["uuid"] == viewer_uuid]:
                del self._entries[token]
