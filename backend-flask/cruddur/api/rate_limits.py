"""Rate limits: per user and per IP on writes; per IP on what guessing takes (tokens that fail to verify, and
username look-ups), never on normal use, so people behind one address are not refused for reading. Counts
live where every API process sees them: Redis when RATE_LIMIT_STORAGE_URL names one (ElastiCache on AWS),
else the app's own PostgreSQL. Over a limit is 429 with Retry-After; every counted response carries
X-RateLimit-Limit, -Remaining and -Reset."""

import time
from dataclasses import dataclass

import redis
from flask import current_app, g, request

from ..config import Limit
from .errors import ApiError

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Decision:
    limit: int
    remaining: int
    reset_in: int

    def headers(self):
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.remaining, 0)),
            "X-RateLimit-Reset": str(self.reset_in),
        }


class PostgresCounter:
    def __init__(self, db):
        self.db = db

    def hit(self, key, seconds):
        row = self.db.one("rate_limits/hit", key=key, seconds=seconds)
        return row["hits"], row["reset_in"]


class RedisCounter:
    def __init__(self, url):
        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    @staticmethod
    def _window_key(key, seconds):
        return f"cruddur:rate:{key}:{int(time.time() // seconds)}"

    def hit(self, key, seconds):
        window_key = self._window_key(key, seconds)
        pipeline = self.redis.pipeline()
        pipeline.incr(window_key)
        pipeline.expire(window_key, seconds, nx=True)
        pipeline.ttl(window_key)
        hits, _, ttl = pipeline.execute()
        return hits, max(ttl, 1)


class RateLimiter:
    def __init__(self, counter, limits):
        self.counter = counter
        self.limits = limits

    def hit(self, scope, identity):
        """Counts a request; raises 429 once over the limit, else answers the decision."""
        limit = self.limits[scope]
        hits, reset_in = self.counter.hit(f"{scope}:{identity}", limit.seconds)
        decision = Decision(limit.count, limit.count - hits, reset_in)
        if hits > limit.count:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many requests; try again in {reset_in} s",
                headers={"Retry-After": str(reset_in), **decision.headers()},
            )
        _remember(decision)
        return decision


def _remember(decision):
    """The tightest decision of the request is the one its headers report."""
    current = g.get("rate_limit")
    if current is None or decision.remaining < current.remaining:
        g.rate_limit = decision


def _client_ip():
    return request.remote_addr or "unknown"


def _limiter():
    return current_app.extensions["rate_limiter"]


def limit_by_ip():
    if request.method in WRITE_METHODS:
        _limiter().hit("writes_per_ip", _client_ip())


def limit_write_by_user(user_uuid):
    if request.method in WRITE_METHODS:
        _limiter().hit("writes_per_user", user_uuid)


def count_guess():
    """A token that does not verify, or a look-up of whether a username exists: what someone guessing
    passwords or listing people does. Past the limit the answer is 429."""
    _limiter().hit("sign_in_per_ip", _client_ip())


def _add_headers(response):
    decision = g.get("rate_limit")
    if decision is not None and "X-RateLimit-Limit" not in response.headers:
        response.headers.update(decision.headers())
    return response


def init_rate_limits(app, config):
    counter = (
        RedisCounter(config.rate_limit_storage_url)
        if config.rate_limit_storage_url
        else PostgresCounter(app.extensions["db"])
    )
    app.extensions["rate_limiter"] = RateLimiter(
        counter,
        {
            "writes_per_user": Limit.parse(config.rate_limit_writes_per_user),
            "writes_per_ip": Limit.parse(config.rate_limit_writes_per_ip),
            "sign_in_per_ip": Limit.parse(config.rate_limit_sign_in_per_ip),
        },
    )
    app.before_request(limit_by_ip)
    app.after_request(_add_headers)
