"""The stream process's long-lived connections (the PostgreSQL listener, the Redis subscription to home events)
are made again whenever they are lost, with a delay doubling from FIRST_RETRY_SECONDS to a maximum; a connection
that had worked starts the delays over."""

import asyncio
import logging

log = logging.getLogger(__name__)
FIRST_RETRY_SECONDS = 0.1


async def keep_connected(session, errors, lost_message, connections, on_lost, retry_max_seconds):
    """Runs `session` (connects, then serves until the connection fails) again and again. `errors`: what a lost
    connection raises; `connections()`: how many connections have been made so far; `on_lost()`: called each
    time one ends."""
    delay = FIRST_RETRY_SECONDS
    while True:
        made_before = connections()
        try:
            await session()
        except asyncio.CancelledError:
            raise
        except errors as exc:
            log.warning(lost_message, extra={"fields": {"error": exc.__class__.__name__, "retry_in_s": delay}})
        on_lost()
        if connections() > made_before:  # it had worked: the next failure starts from a short delay
            delay = FIRST_RETRY_SECONDS
        await asyncio.sleep(delay)
        delay = min(delay * 2, retry_max_seconds)
