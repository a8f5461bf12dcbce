"""The stream process's subscription to the fan-out's announcements of who got each crud and repost on their
home (`timelines:home` on the timelines' Redis; cruddur/timelines/store.py says what a message holds): every
message goes to `on_message`. A lost connection (Redis restarted, failed over, or silent for too long) is
made again with a doubling delay; what was published meanwhile is not heard (pub/sub keeps nothing), as with
the PostgreSQL listener (broker.py), and the people's next read of home shows it."""

import logging

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from ..timelines.store import HOME_CHANNEL
from .reconnecting import keep_connected

log = logging.getLogger(__name__)


class HomeSubscriber:
    def __init__(self, url, on_message, check_seconds=10.0, retry_max_seconds=5.0):
        self.url = url
        self.on_message = on_message
        self.check_seconds = check_seconds
        self.retry_max_seconds = retry_max_seconds
        self.subscribed = False
        self.subscriptions = 0

    async def run(self):
        await keep_connected(
            self._subscribe,
            (aioredis.RedisError, OSError),
            "home events subscription lost",
            lambda: self.subscriptions,
            self._lost,
            self.retry_max_seconds,
        )

    def _lost(self):
        self.subscribed = False

    async def _subscribe(self):
        # No retries inside redis-py: it would reconnect and subscribe again unseen, and `subscribed` (the health
        # check's) would not say that messages were lost in between.
        client = aioredis.Redis.from_url(self.url, socket_connect_timeout=5, retry=Retry(NoBackoff(), 0))
        async with client, client.pubsub() as pubsub:
            await pubsub.subscribe(HOME_CHANNEL)
            awaiting_pong = False
            while True:
                message = await pubsub.get_message(timeout=self.check_seconds)
                if message is None:
                    # Quiet for a while: a ping must be answered before the next quiet spell ends, or the
                    # connection is taken for dead (a peer gone without a reset would leave home events deaf).
                    if awaiting_pong:
                        raise aioredis.ConnectionError("Redis did not answer a ping")
                    await pubsub.ping()
                    awaiting_pong = True
                    continue
                awaiting_pong = False
                kind = message["type"]
                if kind == "message":
                    self._handle(message["data"])
                elif kind == "subscribe":
                    self.subscribed = True
                    self.subscriptions += 1
                    log.info("home events subscribed", extra={"fields": {"subscriptions": self.subscriptions}})

    def _handle(self, data):
        # One announcement that cannot be handled (json.loads raises RecursionError on deep nesting, say) must
        # not end this task: nothing would restart it, and home events would stop for good.
        try:
            self.on_message(data)
        except Exception:
            log.exception("home announcement not handled", extra={"fields": {"payload_bytes": len(data)}})
