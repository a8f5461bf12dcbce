"""Rate limits, on Flask-Limiter: per person and per address on writes; per address on what guessing takes
(tokens that fail to verify, username look-ups), never on normal use, so people behind one address are not
refused for reading. Counts live in Redis when RATE_LIMIT_STORAGE_URL names one (ElastiCache on AWS, a
local redis-server under bin/dev and bin/test), shared by every API process; without one, a lone process
counts in memory. While Redis does not answer, each process counts in memory, so a cache outage never
stops writes. Over a limit is 429 with Retry-After; every counted response carries X-RateLimit-Limit,
-Remaining and -Reset (seconds until the window resets)."""

import math
import time

from flask import current_app, g, request
from flask_limiter import Limiter

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _limiter():
    return current_app.extensions["cruddur_limiter"]


def _spec(scope):
    return current_app.extensions["cruddur_rate_limits"][scope]


def _client_ip():
    return request.remote_addr or "unknown"


def _writer():
    return g.rate_limit_writer


# Flask-Limiter checks a limit inside a view when its context is entered. It tells limits apart by the line
# that enters them, so each scope is entered on a line of its own, and keys come from the request (`g`),
# never from a closure that another request's thread could replace.


def limit_write_by_user(writer):
    """Counts a write against the person (or account) making it; reads are never counted."""
    if request.method in WRITE_METHODS:
        g.rate_limit_writer = writer
        with _limiter().shared_limit(lambda: _spec("writes_per_user"), "writes_per_user", key_func=_writer):
            pass


def count_guess():
    """A token that does not verify, or a look-up of whether a username exists: what someone guessing
    passwords or listing people does. Past the limit the answer is 429."""
    g.counting_guess = True
    with _limiter().shared_limit(lambda: _spec("sign_in_per_ip"), "sign_in_per_ip", key_func=_client_ip):
        pass


def _seconds_until_reset(request_limit):
    reset_time = request_limit.window.reset_time
    return max(math.ceil(reset_time - time.time()), 1)


def _headers(request_limit):
    return {
        "X-RateLimit-Limit": str(request_limit.limit.amount),
        "X-RateLimit-Remaining": str(max(request_limit.remaining, 0)),
        "X-RateLimit-Reset": str(_seconds_until_reset(request_limit)),
    }


def _add_headers(response):
    current = _limiter().current_limit
    if current is not None and "X-RateLimit-Limit" not in response.headers:
        response.headers.update(_headers(current))
    return response


def breach_headers():
    """Retry-After and the X-RateLimit headers of the limit a 429 answers for."""
    current = _limiter().current_limit
    headers = _headers(current) if current is not None else {"X-RateLimit-Reset": "60"}
    return {"Retry-After": headers["X-RateLimit-Reset"], **headers}


def init_rate_limits(app, config):
    app.extensions["cruddur_rate_limits"] = {
        "writes_per_user": config.rate_limit_writes_per_user,
        "writes_per_ip": config.rate_limit_writes_per_ip,
        "sign_in_per_ip": config.rate_limit_sign_in_per_ip,
    }
    redis_url = config.rate_limit_storage_url
    limiter = Limiter(
        key_func=_client_ip,
        application_limits=[lambda: _spec("writes_per_ip")],
        application_limits_exempt_when=lambda: request.method not in WRITE_METHODS,
        storage_uri=redis_url or "memory://",
        storage_options={"socket_timeout": 2, "socket_connect_timeout": 2} if redis_url else {},
        strategy="fixed-window",
        key_prefix="cruddur",
        in_memory_fallback_enabled=True,
        headers_enabled=False,  # ours below: Flask-Limiter's would add Retry-After to every counted response
    )
    # Reads count nothing but guesses: skipping Flask-Limiter's look-up of which limits apply saves a read
    # about a twentieth of its CPU.
    limiter.request_filter(lambda: request.method not in WRITE_METHODS and not g.get("counting_guess"))
    limiter.init_app(app)
    app.extensions["cruddur_limiter"] = limiter
    app.after_request(_add_headers)
