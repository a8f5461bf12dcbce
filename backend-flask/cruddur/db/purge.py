"""Deletes expired cruds in bounded batches; the API runs it in the background, one runner at a time."""

import logging
import threading

log = logging.getLogger(__name__)


def purge_expired(db, batch_size):
    """Answers how many expired cruds (and replies) it deleted, or None when another runner holds the lock."""
    with db.session() as s:
        if not s.one("maintenance/try_purge_lock")["locked"]:
            return None
        try:
            while s.run("maintenance/purge_avatar_uploads", batch_size=batch_size) == batch_size:
                pass  # a day's uploads at most, in batches
            deleted = 0
            while True:
                batch = s.run("maintenance/purge_expired", batch_size=batch_size)
                deleted += batch
                if batch < batch_size:
                    return deleted
        finally:
            s.one("maintenance/release_purge_lock")


class PurgeRunner:
    """A daemon thread per API process; the advisory lock keeps the processes from overlapping."""

    def __init__(self, db, interval_seconds, batch_size):
        self.db = db
        self.interval = interval_seconds
        self.batch_size = batch_size
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="purge-expired", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopped.set()

    def _loop(self):
        while not self.stopped.wait(self.interval):
            try:
                deleted = purge_expired(self.db, self.batch_size)
                if deleted:
                    log.info("purged %d expired cruds", deleted)
            except Exception:  # the next round retries; a dead thread would never purge again
                log.exception("purging expired cruds failed")
