"""The first page of everyone's cruds as anonymous visitors see it, kept for a moment in each process: every
anonymous visit asks for the same page, so it is read and rendered once per moment, not once per visit.
A kept page is dropped when its moment is over or when the first of its cruds expires, whichever is sooner,
so no visitor is shown an expired crud; new cruds, likes and deletions reach them within the moment."""

import threading
import time
from datetime import UTC, datetime


class PublicPages:
    def __init__(self, milliseconds, clock=time.monotonic, now=lambda: datetime.now(UTC)):
        self.seconds = milliseconds / 1000
        self.clock = clock
        self.now = now
        self.pages = {}
        self.lock = threading.Lock()

    def init_app(self, app):
        app.extensions["public_pages"] = self
        return self

    def get(self, key, load):
        """The page kept under `key`, or `load()` (a rendered page with "items") kept from now on."""
        if self.seconds <= 0:
            return load()
        with self.lock:
            kept = self.pages.get(key)
        if kept is not None and self.clock() < kept[0]:
            return kept[1]
        page = load()
        with self.lock:
            self.pages[key] = (self.clock() + self._lifetime(page), page)
        return page

    def _lifetime(self, page):
        expiries = [crud["expires_at"] for crud in page["items"]]
        if not expiries:
            return self.seconds
        return min(self.seconds, (min(expiries) - self.now()).total_seconds())
