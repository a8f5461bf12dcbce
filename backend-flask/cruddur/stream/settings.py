"""The stream process's own settings; the rest (database, Cognito, assets) are the API's Config."""

import os
from dataclasses import dataclass


def _number(env, name, default, kind=float):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc
    if value <= 0:
        raise ValueError(f"{name} must be above 0, got {raw!r}")
    return value


@dataclass(frozen=True)
class StreamSettings:
    host: str = "127.0.0.1"
    port: int = 4568
    # A `: ping` comment at least this often (the contract says at most 20 s); tests make it short.
    heartbeat_seconds: float = 15.0
    # Events waiting for one stream's client; a client that falls this far behind is disconnected.
    queue_size: int = 1000
    # Threads for the database lookups of events and of streams opening.
    lookup_threads: int = 4
    # The LISTEN connection and the Redis subscription to home events are each checked this often when
    # quiet, and reconnected after at most this delay.
    listener_check_seconds: float = 10.0
    listener_retry_max_seconds: float = 5.0
    # How often a `stream counts` line (open streams, events delivered and dropped) goes to the log.
    counts_log_seconds: float = 60.0

    @classmethod
    def from_env(cls, env=None):
        env = os.environ if env is None else env
        return cls(
            host=env.get("STREAM_HOST") or "127.0.0.1",
            port=_number(env, "STREAM_PORT", 4568, int),
            heartbeat_seconds=_number(env, "STREAM_HEARTBEAT_SECONDS", 15.0),
            queue_size=_number(env, "STREAM_QUEUE_SIZE", 1000, int),
            lookup_threads=_number(env, "STREAM_LOOKUP_THREADS", 4, int),
            listener_check_seconds=_number(env, "STREAM_LISTENER_CHECK_SECONDS", 10.0),
            listener_retry_max_seconds=_number(env, "STREAM_LISTENER_RETRY_MAX_SECONDS", 5.0),
            counts_log_seconds=_number(env, "STREAM_COUNTS_LOG_SECONDS", 60.0),
        )
