"""The home timelines' own figures: fan-out lag for an author with 500 followers, entries written per crud, and
Redis memory per million entries. Runs against the bench's copy of the data, the running fan-out process and
its Redis."""

import statistics
import time
import uuid

import psycopg
import redis
from psycopg.rows import dict_row

from cruddur.config import Config
from cruddur.db.database import Database
from cruddur.services import home_timeline
from cruddur.timelines.store import Timelines

FOLLOWERS = 500
CRUDS = 100
CRUDS_PER_SECOND = 10


def _author_with_followers(conn, followers):
    """A seeded person made to have exactly `followers` followers (the first people by handle)."""
    author = conn.execute("SELECT uuid FROM users WHERE handle = 'user9000'").fetchone()["uuid"]
    conn.execute("DELETE FROM follows WHERE followed_uuid = %s", (author,))
    conn.execute(
        "INSERT INTO follows (follower_uuid, followed_uuid) "
        "SELECT u.uuid, %s FROM users u WHERE u.uuid <> %s ORDER BY u.handle LIMIT %s",
        (author, author, followers),
    )
    conn.execute("UPDATE users SET followers_count = %s WHERE uuid = %s", (followers, author))
    return author


def _warm(database_url, timelines, viewer_uuids):
    """Rebuilds each follower's timeline, as their first home read would."""
    db = Database().open(Config(database_url=database_url, db_pool_max_size=2))
    try:
        for viewer_uuid in viewer_uuids:
            home_timeline.rebuild(db, timelines, viewer_uuid)
    finally:
        db.close()


def measure(database_url, timelines_url):
    client = redis.Redis.from_url(timelines_url)
    timelines = Timelines(client)
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as conn:
        author = _author_with_followers(conn, FOLLOWERS)
        followers = [
            row["follower_uuid"]
            for row in conn.execute("SELECT follower_uuid FROM follows WHERE followed_uuid = %s", (author,))
        ]
        # Each follow made the follower's timeline cold (the fan-out hears of it); warm them after that.
        time.sleep(3)
        _warm(database_url, timelines, [*followers, author])
        generation = int(client.get("timelines:generation") or 0)
        watched = f"timeline:{generation}:{followers[-1]}"
        assert client.exists(f"{watched}:state"), "the fan-out made the timelines cold again"
        lags = []
        for _ in range(CRUDS):
            crud = str(uuid.uuid4())
            started = time.perf_counter()
            conn.execute(
                "INSERT INTO activities (uuid, user_uuid, message, expires_at) "
                "VALUES (%s, %s, 'fan-out lag', now() + interval '1 hour')",
                (crud, author),
            )
            committed = time.perf_counter()
            # One Lua call puts an appearance on every warm timeline at once: when the last follower has it, all do.
            while client.zscore(watched, f"{crud}|") is None and time.perf_counter() - committed < 10:
                time.sleep(0.001)
            lags.append((time.perf_counter() - committed) * 1000)
            time.sleep(max(0.0, 1 / CRUDS_PER_SECOND - (time.perf_counter() - started)))
        entries = sum(
            client.zcard(key) for key in client.scan_iter(f"timeline:{generation}:*") if not key.endswith(b":state")
        )
        memory = client.info("memory")["used_memory"]
        amplification = conn.execute(
            "SELECT avg(u.followers_count + 1) AS per_crud FROM activities a JOIN users u ON u.uuid = a.user_uuid "
            "WHERE a.reply_to_activity_uuid IS NULL"
        ).fetchone()["per_crud"]
    lags.sort()
    return {
        "followers": FOLLOWERS,
        "cruds": CRUDS,
        "lag_p50_ms": statistics.median(lags),
        "lag_p99_ms": lags[int(len(lags) * 0.99) - 1],
        "entries_per_crud_seeded": float(amplification),
        "timeline_entries": entries,
        "redis_bytes_per_million_entries": memory / max(entries, 1) * 1_000_000,
    }
