"""A text/event-stream client for tests: reads a stream on a thread into a queue of events and comments."""

import json
import queue
import threading
import time

import requests


class EventStream:
    def __init__(self, url, headers=None, timeout=60):
        self.response = requests.get(url, headers=headers or {}, stream=True, timeout=(5, timeout))
        self.status_code = self.response.status_code
        self.items = queue.Queue()
        self.ended = threading.Event()
        if self.status_code == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.body = self.response.json()
            self.ended.set()

    def _read(self):
        event = {}
        try:
            for line in self.response.iter_lines(chunk_size=1, decode_unicode=True):
                if line == "":
                    if event:
                        self.items.put(("event", {**event, "data": json.loads(event.get("data", "null"))}))
                        event = {}
                elif line.startswith(":"):
                    self.items.put(("comment", line[1:].strip()))
                else:
                    field, _, value = line.partition(":")
                    event[field] = value[1:] if value.startswith(" ") else value
        except (requests.RequestException, ValueError, AttributeError):
            pass  # closed by either side
        finally:
            self.ended.set()

    def next(self, kind="event", name=None, seconds=2.0):
        """The next event (named `name`, if given) or comment within `seconds`, skipping others; None if none."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                got_kind, item = self.items.get(timeout=left)
            except queue.Empty:
                return None
            if got_kind == kind and (name is None or item.get("event") == name):
                return item
        return None

    def events(self, seconds):
        """Every event that arrives within `seconds`."""
        deadline = time.monotonic() + seconds
        found = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                got_kind, item = self.items.get(timeout=left)
            except queue.Empty:
                break
            if got_kind == "event":
                found.append(item)
        return found

    def close(self):
        self.response.close()
