"""Deletes expired cruds in bounded batches; the API runs it in the background, one runner at a time."""

import logging
import threading

log = logging.getLogger(__name__)


def delete_media_files(session, media_files, query, batch_size, max_batches=None):
    """Deletes the files and then the rows of the photos `query` names (maintenance/gone_media: their crud
    is gone; maintenance/unposted_media: never posted, over a day old), batch by batch; answers how many went.
    A row whose files could not all be deleted stays for the next round. `media_files` is the API's
    s3.media.MediaFiles (or anything with its `delete`)."""
    deleted = batches = 0
    while max_batches is None or batches < max_batches:
        rows = session.all(query, batch_size=batch_size)
        if not rows:
            break
        gone = media_files.delete(rows)
        if gone:
            session.run("maintenance/delete_media", uuids=gone)
        deleted += len(gone)
        batches += 1
        if len(rows) < batch_size or len(gone) < len(rows):
            break
    return deleted


def purge_expired(db, batch_size, media_files=None):
    """Answers how many expired cruds (and replies) it deleted, or None when another runner holds the lock.
    With `media_files` it then deletes the photos of every crud gone (expired now, or deleted when S3 was
    down) and the photos never posted within a day, files first."""
    with db.session() as s:
        if not s.one("maintenance/try_purge_lock")["locked"]:
            return None
        try:
            # How late this round is: the alarm on it (monitoring stack) also fires when no round logs at all.
            lag = s.one("maintenance/purge_lag")["seconds"]
            log.info("purge lag", extra={"fields": {"event": "purge_lag", "purge_lag_seconds": round(lag, 1)}})
            while s.run("maintenance/purge_avatar_uploads", batch_size=batch_size) == batch_size:
                pass  # a day's uploads at most, in batches
            deleted = 0
            while True:
                batch = s.run("maintenance/purge_expired", batch_size=batch_size)
                deleted += batch
                if batch < batch_size:
                    break
            if media_files is not None:
                # Expired cruds' photos turned "gone" as the cruds went (ON DELETE SET NULL).
                delete_media_files(s, media_files, "maintenance/gone_media", batch_size)
                delete_media_files(s, media_files, "maintenance/unposted_media", batch_size)
            return deleted
        finally:
            s.one("maintenance/release_purge_lock")


class PurgeRunner:
    """A daemon thread per API process; the advisory lock keeps the processes from overlapping."""

    def __init__(self, db, interval_seconds, batch_size, media_files=None):
        self.db = db
        self.media_files = media_files
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
                deleted = purge_expired(self.db, self.batch_size, self.media_files)
                if deleted:
                    log.info("purged %d expired cruds", deleted)
            except Exception:  # the next round retries; a dead thread would never purge again
                log.exception("purging expired cruds failed")
