"""The fan-out: puts each crud and repost on its followers' home timelines as it is written.

One LISTEN connection hears what the triggers of migration 0015 announce on 'cruddur_events' (only after each
write commits, in commit order): for a crud or a repost, the followers come from one statement
(timelines/fanout_targets.sql) and the entry goes on their warm timelines in one Redis call; for a follow,
the follower's timeline is made cold. Then it says who got it on the same Redis (timelines/store.py
publish_home): the stream processes send those people's open streams a `home` event, so the fan-out is the one
place that works out whose home an appearance belongs on. Events are not kept while nobody listens, so whenever
listening (re)starts, the generation is raised first: every timeline is rebuilt on its next read, from
PostgreSQL, which has everything. Losing Redis or this process loses nothing but time (and, for open streams,
the `home` events of what was written meanwhile, which their next read of home shows).
"""

import json
import logging
import time

import psycopg
from psycopg.rows import dict_row

from ..db.loader import load_queries
from ..observability.spans import service_span
from ..timelines.store import TimelineUnavailable

log = logging.getLogger("cruddur.timelines")

CHANNEL = "cruddur_events"
RETRY_SECONDS = 1.0


class FanOut:
    def __init__(self, database_url, timelines, check_seconds=5.0):
        self.database_url = database_url
        self.timelines = timelines
        self.check_seconds = check_seconds
        self.queries = load_queries()
        self.stopping = False
        # True from when nothing written is missed (LISTEN, then a new generation) until listening stops.
        self.listening = False
        self.fanned_out = 0

    @service_span
    def appearance(self, conn, activity_uuid, reposter_uuid):
        """Puts one crud (reposter_uuid None) or repost on the timelines it belongs on."""
        row = conn.execute(
            self.queries["timelines/fanout_targets"],
            {"activity_uuid": activity_uuid, "reposter_uuid": reposter_uuid},
        ).fetchone()
        if row is None:
            return 0  # deleted or taken back before we heard of it
        self.fanned_out += 1
        added = self.timelines.add(activity_uuid, reposter_uuid, row["feed_at"], row["viewer_uuids"])
        # After the timelines took it: whoever is told of it and reads their home finds it there.
        self.timelines.publish_home(
            activity_uuid, reposter_uuid, row["viewer_uuids"], row["writer_uuid"] if row["very_followed"] else None
        )
        return added

    def handle(self, conn, payload):
        event = json.loads(payload)
        kind = event.get("t")
        if kind == "crud":
            self.appearance(conn, event["uuid"], None)
        elif kind == "repost":
            self.appearance(conn, event["uuid"], event["by"])
        elif kind == "follow":
            self.timelines.forget(event["follower"])

    def listen_once(self):
        """Listens until the connection or Redis fails (the caller starts again) or stop() is called. Statements
        go through a second connection: the listening one is busy waiting for notifications."""
        with (
            psycopg.connect(self.database_url, autocommit=True) as listening,
            psycopg.connect(self.database_url, autocommit=True, row_factory=dict_row) as conn,
        ):
            listening.execute(f"LISTEN {CHANNEL}")
            # Only now is nothing missed from here on; what came before is in PostgreSQL for the rebuilds.
            generation = self.timelines.new_generation()
            self.listening = True
            log.info("fan-out listening", extra={"fields": {"event": "fanout_listening", "generation": generation}})
            while not self.stopping:
                for notify in listening.notifies(timeout=self.check_seconds):
                    self.handle(conn, notify.payload)
                    if self.stopping:
                        break

    def run(self):
        while not self.stopping:
            try:
                self.listen_once()
            except (psycopg.Error, TimelineUnavailable) as error:
                self.listening = False
                log.warning("fan-out interrupted; listening again", extra={"fields": {"error": str(error)}})
                time.sleep(RETRY_SECONDS)

    def stop(self):
        self.stopping = True
