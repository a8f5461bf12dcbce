"""Rate limits: per person and per address on writes; per address on what guessing takes (tokens that fail to
verify, username look-ups), never on normal use, so people behind one address are not refused for reading.

Each limit is a fixed window counted in Redis when RATE_LIMIT_STORAGE_URL names one (ElastiCache on AWS, a
local redis-server under bin/dev and bin/test), shared by every API process: one script call counts a request
and answers the count and the time left, so a write costs one round trip per limit. Without Redis, a lone
process counts in memory; while Redis does not answer, each process does, so a cache outage never stops
writes. Over a limit is 429 with Retry-After; every counted response carries X-RateLimit-Limit, -Remaining and
-Reset (seconds until the window resets).

(Flask-Limiter did this before: its look-ups of which limits apply and its two extra reads for the headers were
two fifths of a write's CPU in the API.)"""

import logging
import math
import threading
import time
from dataclasses import dataclass

import limits
import redis
from flask import current_app, g, request

log = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# After Redis fails, counts stay in memory this long before Redis is tried again.
REDIS_RETRY_SECONDS = 5
# The in-memory counters are pruned of ended windows when they reach this many (or twice as many as the last
# prune left, when most were still live).
MEMORY_COUNTERS_PRUNED_AT = 10_000

# Counts a request in its window (started by the window's first request) and answers the count and the
# milliseconds left.
_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
return {count, left}
"""


@dataclass(frozen=True)
class Limit:
    scope: str
    amount: int
    window_seconds: int

    @classmethod
    def parse(cls, scope, spec):
        item = limits.parse(spec)
        return cls(scope, item.amount, item.get_expiry())


@dataclass(frozen=True)
class Counted:
    """One limit as one request found it."""

    limit: Limit
    count: int
    reset_seconds: int

    @property
    def remaining(self):
        return max(self.limit.amount - self.count, 0)

    @property
    def breached(self):
        return self.count > self.limit.amount

    def headers(self):
        return {
            "X-RateLimit-Limit": str(self.limit.amount),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
        }


class RateLimited(Exception):
    """A request over one of its limits (answered 429 by api/errors.py)."""

    def __init__(self, counted):
        super().__init__(f"over the {counted.limit.scope} limit")
        self.counted = counted

    def headers(self):
        return {"Retry-After": str(self.counted.reset_seconds), **self.counted.headers()}


class MemoryWindows:
    """Fixed windows in this process."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.windows = {}
        self.prune_at = MEMORY_COUNTERS_PRUNED_AT
        self.lock = threading.Lock()

    def hit(self, key, window_seconds):
        now = self.clock()
        with self.lock:
            if len(self.windows) >= self.prune_at:
                self.windows = {k: w for k, w in self.windows.items() if w[1] > now}
                # Live windows cannot go (their counts would be forgotten): the next prune waits until the
                # counters have doubled, rather than copying them all again for every request.
                self.prune_at = max(MEMORY_COUNTERS_PRUNED_AT, 2 * len(self.windows))
            count, ends_at = self.windows.get(key, (0, 0))
            if ends_at <= now:
                count, ends_at = 0, now + window_seconds
            self.windows[key] = (count + 1, ends_at)
        return count + 1, ends_at - now


class RedisWindows:
    """Fixed windows in Redis, shared by every process; in memory while Redis does not answer."""

    def __init__(self, url, memory, clock=time.monotonic):
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.script = self.client.register_script(_HIT)
        self.memory = memory
        self.clock = clock
        self.retry_at = None

    def hit(self, key, window_seconds):
        if self.retry_at is not None and self.clock() < self.retry_at:
            return self.memory.hit(key, window_seconds)
        try:
            count, left_ms = self.script(keys=[key], args=[window_seconds * 1000])
        except redis.RedisError as exc:
            if self.retry_at is None:
                log.warning("rate-limit counts in memory while Redis does not answer: %s", exc)
            self.retry_at = self.clock() + REDIS_RETRY_SECONDS
            return self.memory.hit(key, window_seconds)
        if self.retry_at is not None:
            log.info("rate-limit counts back in Redis")
            self.retry_at = None
        return count, left_ms / 1000


class RateLimits:
    """The three limits and where they are counted; unbound until init_app."""

    def __init__(self):
        self.windows = None
        self.limits = {}

    def init_app(self, app, config):
        self.limits = {
            scope: Limit.parse(scope, spec)
            for scope, spec in (
                ("writes_per_user", config.rate_limit_writes_per_user),
                ("writes_per_ip", config.rate_limit_writes_per_ip),
                ("sign_in_per_ip", config.rate_limit_sign_in_per_ip),
            )
        }
        memory = MemoryWindows()
        url = config.rate_limit_storage_url
        self.windows = RedisWindows(url, memory) if url else memory
        app.extensions["cruddur_rate_limits"] = self
        app.before_request(_limit_writes_by_address)
        app.after_request(_add_headers)

    def count(self, scope, key):
        """Counts one request against the limit; raises RateLimited past it."""
        limit = self.limits[scope]
        count, left_seconds = self.windows.hit(f"cruddur:{scope}:{key}", limit.window_seconds)
        counted = Counted(limit, count, max(math.ceil(left_seconds), 1))
        # The response's headers tell of the limit nearest its end.
        shown = g.get("rate_limit_shown")
        if shown is None or counted.remaining < shown.remaining:
            g.rate_limit_shown = counted
        if counted.breached:
            raise RateLimited(counted)


def _rate_limits():
    return current_app.extensions["cruddur_rate_limits"]


def _client_ip():
    return request.remote_addr or "unknown"


def _limit_writes_by_address():
    if request.method in WRITE_METHODS:
        _rate_limits().count("writes_per_ip", _client_ip())


def limit_write_by_user(writer):
    """Counts a write against the person (or account) making it; reads are never counted."""
    if request.method in WRITE_METHODS:
        _rate_limits().count("writes_per_user", writer)


def count_guess():
    """A token that does not verify, or a look-up of whether a username exists: what someone guessing
    passwords or listing people does. Past the limit the answer is 429."""
    _rate_limits().count("sign_in_per_ip", _client_ip())


def _add_headers(response):
    shown = g.get("rate_limit_shown")
    if shown is not None and "X-RateLimit-Limit" not in response.headers:
        response.headers.update(shown.headers())
    return response


def init_rate_limits(app, config):
    RateLimits().init_app(app, config)
