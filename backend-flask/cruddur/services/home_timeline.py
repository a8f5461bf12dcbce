"""The signed-in home read from its timeline (cruddur/timelines): the page's candidates from Redis, with the
cruds of followed people whose cruds are not fanned out (too many followers) merged in, checked and looked up
in one statement. Answers None when the timeline cannot give an exact page (then PostgreSQL reads the home
person by person, as activities.home does without timelines)."""

from ..timelines import store
from ..timelines.store import FANOUT_MAX_FOLLOWERS, TimelineUnavailable


def candidates_count(limit):
    # Enough for a page of limit + 1 after skipping stale entries and second appearances of a crud.
    return 3 * (limit + 1) + 10


def rebuild(db, timelines, viewer_uuid):
    token = timelines.start_rebuild(viewer_uuid)
    rows = db.all("timelines/rebuild_entries", viewer_uuid=viewer_uuid, size=timelines.size)
    entries = [(row["activity_uuid"], row["feed_at"], row["reposter_uuid"]) for row in rows]
    return timelines.finish_rebuild(viewer_uuid, token, entries)


def _read(db, timelines, viewer_uuid, top, count):
    read = timelines.read(viewer_uuid, top, count)
    if read is None and rebuild(db, timelines, viewer_uuid):
        read = timelines.read(viewer_uuid, top, count)
    return read


def page_rows(db, timelines, viewer_uuid, limit, before):
    """Up to limit + 1 rows of the home after `before` (a position), as following_feed.sql answers them; None
    when the timeline cannot answer exactly (cold and rebuilt by someone else meanwhile, cut too short)."""
    before_score = store.score(before[0])
    count = candidates_count(limit)
    try:
        read = _read(db, timelines, viewer_uuid, before_score, count)
    except TimelineUnavailable:
        return None
    if read is None:
        return None
    complete_above, entries = read
    if len(entries) == count:
        # The set was cut here: below the last entry read, others may be missing from this read.
        complete_above = max(complete_above or entries[-1][1], entries[-1][1])
    # The read includes the cursor's own time; of entries at that time only those after the cursor's crud count.
    top = (float("inf") if before_score == "+inf" else before_score, before[1])
    candidates = [
        (activity_uuid, entry_score, reposter_uuid)
        for activity_uuid, entry_score, reposter_uuid in entries
        if (entry_score, activity_uuid) < top and (complete_above is None or entry_score > complete_above)
    ]
    popular = db.all(
        "timelines/popular_entries",
        viewer_uuid=viewer_uuid,
        max_followers=FANOUT_MAX_FOLLOWERS,
        before_created_at=before[0],
        before_uuid=before[1],
        limit=limit + 1,
    )
    candidates += [
        (row["activity_uuid"], store.score(row["feed_at"]), row["reposter_uuid"])
        for row in popular
        if complete_above is None or store.score(row["feed_at"]) > complete_above
    ]
    rows = db.all(
        "timelines/page",
        viewer_uuid=viewer_uuid,
        activity_uuids=[str(activity_uuid) for activity_uuid, _, _ in candidates],
        feed_ats=[store.moment(entry_score) for _, entry_score, _ in candidates],
        reposter_uuids=[str(reposter) if reposter else None for _, _, reposter in candidates],
        limit=limit + 1,
    )
    if len(rows) <= limit and complete_above is not None:
        # Fewer than a page above what the timeline holds for certain: older entries may be missing.
        return None
    return rows
