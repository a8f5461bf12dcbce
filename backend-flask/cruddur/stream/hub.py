"""The streams open on this process and the events they get. Events come from two places: the PostgreSQL
broker (messages, notifications, deletions) and the fan-out's announcements on Redis of who got a crud or
repost on their home (home_events.py), so whose home shows what is worked out once, by the fan-out, and no
stream keeps whom its viewer follows. Each is handled once: the hub finds the local streams that want it (by
viewer), looks its object up once on a lookup thread only if some do, and queues the event on each of them.
Events are delivered in the order they arrived, whichever the source, while lookups of several overlap: a
deletion heard after a `home` event is delivered after it, and a `home` event heard after its crud's
deletion finds the crud gone and is not delivered."""

import asyncio
import json
import logging
import time

import orjson
from opentelemetry import trace

from ..presentation import crud as present_crud
from ..presentation import message as present_message
from ..presentation import notification as present_notification
from . import lookups

log = logging.getLogger(__name__)
tracer = trace.get_tracer("cruddur.stream")
# Events waiting for their lookups; past this the broker outruns the database and the newest are dropped.
PENDING_MAX = 10_000


def _json(value):
    return orjson.dumps(value, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))


class Stream:
    """One open stream: its viewer, when its token expires, and the encoded events waiting for its client (with
    the pings and the end the hub's clock queues)."""

    CLOSE = None
    EXPIRED = b": token expired\n\n"
    PING = b": ping\n\n"

    def __init__(self, viewer_uuid, queue_size, expires_at=float("inf")):
        self.viewer = viewer_uuid
        self.expires_at = expires_at
        self.queue = asyncio.Queue(queue_size)
        self.last_id = 0
        self.events = 0
        self.overflowed = False
        self.ended = False
        # When something was last queued for its client (the event loop's clock): pings fill the silences.
        self.last_queued = asyncio.get_running_loop().time()

    def push(self, event, data):
        """Queues one event (`data` is encoded JSON); a client too far behind is closed instead."""
        if self.overflowed:
            return
        self.last_id += 1
        chunk = b"id: %d\nevent: %s\ndata: %s\n\n" % (self.last_id, event.encode(), data)
        try:
            self.queue.put_nowait(chunk)
            self.events += 1
            self.last_queued = asyncio.get_running_loop().time()
        except asyncio.QueueFull:
            self.close_soon()
            self.overflowed = True

    def ping(self, now):
        if self.queue.empty():
            self.queue.put_nowait(self.PING)
            self.last_queued = now

    def expire(self):
        """The token ran out: what is queued still goes out, then the stream says so and ends."""
        self.ended = True
        try:
            self.queue.put_nowait(self.EXPIRED)
        except asyncio.QueueFull:
            self.close_soon()

    def close_soon(self):
        self.ended = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(self.CLOSE)


class Hub:
    """`clock` is the wall clock tokens expire by (tests may move it)."""

    def __init__(self, db, executor, settings, assets_base_url, media_urls, directory=None, clock=time.time):
        self.db = db
        self.clock = clock
        self.executor = executor
        self.settings = settings
        self.assets_base_url = assets_base_url
        self.media_urls = media_urls
        self.directory = directory
        self.by_viewer = {}
        self.pending = None
        self.delivering = None
        self.ticking = None
        # Since the last counts line in the logs.
        self.delivered = 0
        self.dropped = 0

    # -- the lifetime of streams --

    async def run_in_thread(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def start(self):
        loop = asyncio.get_running_loop()
        self.pending = asyncio.Queue(PENDING_MAX)
        self.delivering = loop.create_task(self._deliver_in_order())
        self.ticking = loop.create_task(self._tick())

    async def stop(self):
        for stream in self.streams():
            stream.close_soon()
        for task in (self.delivering, self.ticking):
            if task is not None:
                task.cancel()

    async def _tick(self):
        """One clock for every stream (not a timer each): pings the quiet ones, ends those whose token expired,
        and writes the counts to the log now and then."""
        loop = asyncio.get_running_loop()
        heartbeat = self.settings.heartbeat_seconds
        interval = min(heartbeat / 2, 1.0)
        next_counts = loop.time() + self.settings.counts_log_seconds
        while True:
            await asyncio.sleep(interval)
            now, wall = loop.time(), self.clock()
            for streams in self.by_viewer.values():
                for stream in streams:
                    if stream.ended:
                        continue
                    if wall >= stream.expires_at:
                        stream.expire()
                    elif now - stream.last_queued >= heartbeat:
                        stream.ping(now)
            if now >= next_counts:
                next_counts = now + self.settings.counts_log_seconds
                self.log_counts()

    def log_counts(self):
        log.info(
            "stream counts",
            extra={
                "fields": {
                    "event": "stream_counts",
                    "open_streams": self.count(),
                    "viewers": len(self.by_viewer),
                    "events_delivered": self.delivered,
                    "events_dropped": self.dropped,
                    "pending_lookups": self.pending.qsize(),
                }
            },
        )
        self.delivered = self.dropped = 0

    def streams(self):
        return [stream for streams in self.by_viewer.values() for stream in streams]

    def count(self):
        return sum(len(streams) for streams in self.by_viewer.values())

    def open(self, viewer_uuid, expires_at=float("inf")):
        viewer_uuid = str(viewer_uuid)
        stream = Stream(viewer_uuid, self.settings.queue_size, expires_at)
        self.by_viewer.setdefault(viewer_uuid, set()).add(stream)
        return stream

    def close(self, stream):
        streams = self.by_viewer.get(stream.viewer)
        if streams is not None:
            streams.discard(stream)
            if not streams:
                del self.by_viewer[stream.viewer]

    async def check_lookups(self):
        """After the listener reconnects: the lookups' pooled connections are checked, since after a database
        restart they are all dead and each would fail once."""
        try:
            await self.run_in_thread(self.db.pool.check)
        except Exception:
            log.warning("could not check the lookups' connections", exc_info=True)

    # -- events --

    def on_payload(self, payload):
        """A broker payload, as it arrives (on the event loop): routed at once, looked up on a thread. Cruds,
        reposts and follows are the fan-out's to hear (their `home` events come through on_home)."""
        try:
            event = json.loads(payload)
            kind = event["t"]
        except (ValueError, KeyError, TypeError):
            log.warning("stream event not understood", extra={"fields": {"payload_bytes": len(payload)}})
            return
        prepare = {
            "message": self._prepare_message,
            "notification": self._prepare_notification,
            "delete": self._prepare_delete,
        }.get(kind)
        if prepare is not None:
            self._enqueue(kind, prepare, event)

    def on_home(self, payload):
        """One of the fan-out's announcements (timelines/store.py publish_home), as it arrives."""
        try:
            event = json.loads(payload)
            viewers = event["to"]
            understood = (
                isinstance(event["uuid"], str)
                and isinstance(viewers, list)
                and all(isinstance(viewer, str) for viewer in viewers)
            )
        except (ValueError, KeyError, TypeError, RecursionError):
            understood = False
        if not understood:
            log.warning("home announcement not understood", extra={"fields": {"payload_bytes": len(payload)}})
            return
        self._enqueue("home", self._prepare_home, event)

    def _enqueue(self, kind, prepare, event):
        received = time.perf_counter()
        if self.pending.full():
            self.dropped += 1
            log.warning("stream event dropped: lookups are behind", extra={"fields": {"kind": kind}})
            return
        ready = prepare(event)
        if ready is None:  # no stream here wants it: nothing is looked up
            return
        self.pending.put_nowait((kind, received, asyncio.ensure_future(ready)))

    async def _deliver_in_order(self):
        while True:
            kind, received, ready = await self.pending.get()
            try:
                deliveries = await ready
            except Exception:
                log.exception("stream event lookup failed", extra={"fields": {"kind": kind}})
                continue
            with tracer.start_as_current_span("stream.deliver") as span:
                for stream, name, data in deliveries:
                    stream.push(name, data)
                self.delivered += len(deliveries)
                if span.is_recording():
                    span.set_attribute("cruddur.stream.event", kind)
                    span.set_attribute("cruddur.stream.recipients", len(deliveries))
                    span.set_attribute("cruddur.stream.lookup_ms", round((time.perf_counter() - received) * 1000, 2))

    def _prepare_message(self, event):
        streams = [stream for member in event["to"] for stream in self.by_viewer.get(member, ())]
        if not streams:
            return None
        data = _json({"message": present_message(event["message"], self.assets_base_url)})

        async def ready():
            return [(stream, "message", data) for stream in streams]

        return ready()

    def _prepare_notification(self, event):
        user = event["user"]
        if user not in self.by_viewer:
            return None

        async def ready():
            found = await self.run_in_thread(lookups.notification, self.db, event["uuid"], user)
            if found is None:
                return []
            row, unread = found
            notification = present_notification(row, self.assets_base_url, self.media_urls)
            data = _json({"notification": notification, "unread_count": unread})
            return [(stream, "notification", data) for stream in self.by_viewer.get(user, ())]

        return ready()

    def _prepare_home(self, event):
        """The viewers the fan-out named who have a stream here; for a very-followed writer (`followers_of`,
        whose followers the fan-out does not name), also those of this process's other viewers who follow them,
        which the lookup finds."""
        named = {viewer for viewer in event["to"] if viewer in self.by_viewer}
        writer = event.get("followers_of")
        others = [viewer for viewer in self.by_viewer if viewer not in named] if writer else []
        if not named and not others:
            return None

        async def ready():
            shown = await self.run_in_thread(
                lookups.home_crud, self.db, event["uuid"], event.get("by"), named, writer, others
            )
            deliveries = []
            for viewer, row in shown.items():
                data = _json({"crud": present_crud(row, self.assets_base_url, self.media_urls)})
                deliveries += [(stream, "home", data) for stream in self.by_viewer.get(viewer, ())]
            return deliveries

        return ready()

    def _prepare_delete(self, event):
        # Anyone may be showing any crud (Explore shows everyone's), so every stream here is told.
        streams = self.streams()
        if not streams:
            return None
        chunks = [_json({"uuid": uuid}) for uuid in event["uuids"]]

        async def ready():
            return [(stream, "delete", data) for stream in streams for data in chunks]

        return ready()
