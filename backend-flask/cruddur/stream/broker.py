"""The one LISTEN connection of a stream process: every payload on 'cruddur_events' goes to `on_payload`.
A lost connection (the database restarted, the backend terminated) is reconnected with a doubling delay;
`on_reconnect` then lets the hub reload what it may have missed meanwhile."""

import logging

import psycopg

from .reconnecting import keep_connected

CHANNEL = "cruddur_events"
APPLICATION_NAME = "cruddur-stream-listener"
log = logging.getLogger(__name__)


class Listener:
    def __init__(self, database_url, on_payload, on_reconnect, check_seconds=10.0, retry_max_seconds=5.0):
        self.database_url = database_url
        self.on_payload = on_payload
        self.on_reconnect = on_reconnect
        self.check_seconds = check_seconds
        self.retry_max_seconds = retry_max_seconds
        self.connected = False
        self.connections = 0

    async def run(self):
        await keep_connected(
            self._listen,
            (psycopg.Error, OSError),
            "stream listener lost its connection",
            lambda: self.connections,
            self._lost,
            self.retry_max_seconds,
        )

    def _lost(self):
        self.connected = False

    async def _listen(self):
        conn = await psycopg.AsyncConnection.connect(
            self.database_url, autocommit=True, application_name=APPLICATION_NAME, connect_timeout=5
        )
        async with conn:
            await conn.execute(f"LISTEN {CHANNEL}")
            self.connected = True
            self.connections += 1
            log.info("stream listener connected", extra={"fields": {"connections": self.connections}})
            if self.connections > 1:
                await self.on_reconnect()
            while True:
                async for notify in conn.notifies(timeout=self.check_seconds):
                    self._handle(notify.payload)
                # Quiet for a while: a round trip proves the connection still stands (a dead peer that sent
                # no reset would otherwise leave the stream deaf).
                await conn.execute("SELECT 1")

    def _handle(self, payload):
        # A payload that cannot be handled must not end this task: nothing would restart it, and the health
        # check would go on answering `connected` for a deaf stream.
        try:
            self.on_payload(payload)
        except Exception:
            log.exception("stream event not handled", extra={"fields": {"payload_bytes": len(payload)}})
