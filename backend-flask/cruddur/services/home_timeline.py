"""The signed-in home read from its timeline (cruddur/timelines): the page's candidates from Redis, with the
cruds of followed people whose cruds are not fanned out (too many followers) merged in, checked and looked up
in one statement. Answers None when the timeline cannot give an exact page (then PostgreSQL reads the home
person by person, as activities.home does without timelines)."""

from ..timelines import store
from ..timelines.store import TimelineUnavailable


def candidates_count(limit):
    # Enough for a page of limit + 1 after skipping a few stale entries and second appearances of a crud.
    return 2 * (limit + 1) + 5


def _text_array(values):
    """A PostgreSQL array literal of uuids or whole numbers (NULL for None): cheaper to send than typed arrays."""
    return "{" + ",".join("NULL" if value is None else str(value) for value in values) + "}"


def rebuild(db, timelines, viewer_uuid):
    """Fills a cold timeline from PostgreSQL; False when another request is already doing so."""
    token = timelines.start_rebuild(viewer_uuid)
    if token is None:
        return False
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
    when the timeline cannot answer exactly (cold and being rebuilt by another request, or cut too short)."""
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
        # The read was cut here: below its last entry, others may be missing from it.
        complete_above = entries[-1][1] if complete_above is None else max(complete_above, entries[-1][1])
    # The read includes the cursor's own time; of entries at that time only those after the cursor's crud count.
    top = (float("inf") if before_score == "+inf" else before_score, before[1])
    candidates = [
        entry
        for entry in entries
        if (entry[1], entry[0]) < top and (complete_above is None or entry[1] > complete_above)
    ]
    rows = db.all(
        "timelines/page",
        viewer_uuid=viewer_uuid,
        activity_uuids=_text_array(activity_uuid for activity_uuid, _, _ in candidates),
        feed_us=_text_array(int(entry_score) for _, entry_score, _ in candidates),
        reposter_uuids=_text_array(reposter_uuid for _, _, reposter_uuid in candidates),
        complete_above="-infinity" if complete_above is None else store.moment(complete_above),
        before_created_at=before[0],
        before_uuid=before[1],
        limit=limit + 1,
    )
    if len(rows) <= limit and complete_above is not None:
        # Fewer than a page above what the timeline holds for certain: older entries may be missing.
        return None
    return rows
