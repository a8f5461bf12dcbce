"""The streams open on this process and the events they get. Each broker payload is handled once: the hub
finds the local streams that want it (by viewer, or by whom the viewer follows), looks its object up once
on a lookup thread only if some do, and queues the event on each of them. Events are delivered in the
order the broker gave them, while lookups of several events overlap."""

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
    """One open stream: its viewer, whom they follow, when its token expires, and the encoded events waiting
    for its client (with the pings and the end the hub's clock queues)."""

    CLOSE = None
    EXPIRED = b": token expired\n\n"
    PING = b": ping\n\n"

    def __init__(self, viewer_uuid, following, queue_size, expires_at=float("inf")):
        self.viewer = viewer_uuid
        self.following = following
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
        # Person -> the streams whose home shows their posts and reposts (their followers' and their own).
        self.watching = {}
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

    async def open(self, viewer_uuid, expires_at=float("inf")):
        viewer_uuid = str(viewer_uuid)
        following = await self.run_in_thread(lookups.following, self.db, viewer_uuid, self.settings.following_limit)
        stream = Stream(viewer_uuid, following, self.settings.queue_size, expires_at)
        self.by_viewer.setdefault(viewer_uuid, set()).add(stream)
        for person in (*following, viewer_uuid):
            self.watching.setdefault(person, set()).add(stream)
        return stream

    def close(self, stream):
        self._forget(self.by_viewer, stream.viewer, stream)
        for person in (*stream.following, stream.viewer):
            self._forget(self.watching, person, stream)

    @staticmethod
    def _forget(index, key, stream):
        streams = index.get(key)
        if streams is not None:
            streams.discard(stream)
            if not streams:
                del index[key]

    async def reload_following(self):
        """After the listener reconnects: follows made or undone while it was away. The lookups' pooled
        connections are checked first: after a database restart they are all dead, and each would fail once."""
        try:
            await self.run_in_thread(self.db.pool.check)
        except Exception:
            log.warning("could not check the lookups' connections", exc_info=True)
        for stream in self.streams():
            try:
                following = await self.run_in_thread(
                    lookups.following, self.db, stream.viewer, self.settings.following_limit
                )
            except Exception:  # the database may still be coming back; the stream keeps what it had
                log.warning("could not reload whom a stream's viewer follows", exc_info=True)
                continue
            for person in stream.following - following:
                self._forget(self.watching, person, stream)
            for person in following - stream.following:
                self.watching.setdefault(person, set()).add(stream)
            stream.following = following

    # -- events --

    def on_payload(self, payload):
        """A broker payload, as it arrives (on the event loop): routed at once, looked up on a thread."""
        try:
            event = json.loads(payload)
            kind = event["t"]
        except (ValueError, KeyError, TypeError):
            log.warning("stream event not understood", extra={"fields": {"payload_bytes": len(payload)}})
            return
        received = time.perf_counter()
        if kind == "follow":
            self._followed(event["follower"], event["followed"])
            return
        if kind == "unfollow":
            self._unfollowed(event["follower"], event["followed"])
            return
        prepare = getattr(self, f"_prepare_{kind}", None)
        if prepare is None:
            return
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

    def _followed(self, follower, followed):
        for stream in self.by_viewer.get(follower, ()):
            if followed not in stream.following:
                stream.following.add(followed)
                self.watching.setdefault(followed, set()).add(stream)

    def _unfollowed(self, follower, followed):
        for stream in self.by_viewer.get(follower, ()):
            if followed in stream.following:
                stream.following.discard(followed)
                self._forget(self.watching, followed, stream)

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

    def _prepare_crud(self, event, reposter=None):
        person = reposter or event["author"]
        if person not in self.watching:
            return None

        async def ready():
            viewers = {stream.viewer for stream in self.watching.get(person, ())}
            if not viewers:
                return []
            shown = await self.run_in_thread(lookups.crud_for_viewers, self.db, event["uuid"], viewers, reposter)
            data = {
                viewer: _json({"crud": present_crud(row, self.assets_base_url, self.media_urls)})
                for viewer, row in shown.items()
            }
            return [
                (stream, "home", data[stream.viewer])
                for stream in self.watching.get(person, ())
                if stream.viewer in data
            ]

        return ready()

    def _prepare_repost(self, event):
        return self._prepare_crud(event, reposter=event["by"])

    def _prepare_delete(self, event):
        # Anyone may be showing any crud (Explore shows everyone's), so every stream here is told.
        streams = self.streams()
        if not streams:
            return None
        chunks = [_json({"uuid": uuid}) for uuid in event["uuids"]]

        async def ready():
            return [(stream, "delete", data) for stream in streams for data in chunks]

        return ready()
