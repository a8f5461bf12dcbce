"""The purge at scale: how fast the expiry purge deletes the bench's expired cruds (a fifth of the top-level
ones, with their replies, likes and reposts), and what it does to readers meanwhile. Runs last: it deletes."""

import threading
import time

import psycopg

from cruddur.config import Config
from cruddur.db.database import Database
from cruddur.db.purge import purge_expired

BATCH_SIZE = 1000


def _expired(database_url):
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM activities WHERE expires_at <= now()").fetchone()[0]


def measure(database_url, read_row, read_seconds, create_rate):
    """read_row() drives one read endpoint for the bench's duration and answers its row. The purge is the API's
    own (cruddur.db.purge), in batches of BATCH_SIZE; create_rate is the bench's create crud rate, to which the
    purge's rate is compared (it must keep up with expiry at 10 × that)."""
    expired = _expired(database_url)
    without = read_row()
    db = Database().open(Config(database_url=database_url, db_pool_max_size=2))
    outcome = {}

    def purge():
        started = time.perf_counter()
        outcome["deleted"] = purge_expired(db, BATCH_SIZE)
        outcome["seconds"] = time.perf_counter() - started

    purging = threading.Thread(target=purge)
    try:
        purging.start()
        during = read_row()
        purging.join()
    finally:
        db.close()
    rate = outcome["deleted"] / outcome["seconds"] if outcome["seconds"] else 0
    return {
        "expired_before": expired,
        "deleted": outcome["deleted"],
        "purge_seconds": outcome["seconds"],
        "purge_per_second": rate,
        "keeps_up_with": rate / create_rate if create_rate else None,
        "read_p99_ms_without": without["p99_ms"],
        "read_p99_ms_during": during["p99_ms"],
        "read_rate_without": without["requests_per_second"],
        "read_rate_during": during["requests_per_second"],
        # The read ran its whole time; the purge may have finished earlier, leaving part of it undisturbed.
        "purge_share_of_read": min(outcome["seconds"] / read_seconds, 1.0),
    }
