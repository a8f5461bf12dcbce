"""Every SQL file, planned against a seeded database, reads large tables through an index: a missing
index fails here rather than in a benchmark."""

import re

import psycopg
import pytest

from bench.seed import crud_uuid, seed, user_uuid
from cruddur.db.loader import load_queries
from cruddur.services.activities import HOME_RECENT_WINDOW
from cruddur.services.discovery import SEARCH_WINDOW

# Not in `bin/test quick`: seeds 10,000 people and 50,000 cruds.
pytestmark = pytest.mark.slow

# As many people as the benchmark (so a scan of users costs what it would), enough cruds that the
# planner prefers an index wherever one applies; seeded in a few seconds.
SEED = {"users": 10_000, "cruds": 50_000, "follows_min": 5, "follows_max": 50}
LARGE_TABLES = {"activities", "users", "follows", "likes", "reposts", "notifications", "media"}

VIEWER = user_uuid(1)
OTHER = user_uuid(2)
# Crud 1 is live, top-level, with replies (seed.sql); crud 5 has expired.
CRUD = crud_uuid(1)
MEDIA = "6d0f2c0e-8a9b-4c3d-9e1f-0a1b2c3d4e5f"
FIRST_PAGE = {"before_created_at": "infinity", "before_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff", "limit": 20}
OLDEST_FIRST_PAGE = {"after_created_at": "-infinity", "after_uuid": "00000000-0000-0000-0000-000000000000", "limit": 20}

# Representative parameters of every query, by name (the path under cruddur/db/sql without .sql).
SAMPLE_PARAMETERS = {
    "avatars/create_upload": {"upload_id": "0" * 32, "user_uuid": VIEWER},
    "avatars/upload_state": {"upload_id": "0" * 32, "user_uuid": VIEWER},
    "activities/author": {"uuid": CRUD},
    "activities/by_user": {"user_uuid": OTHER, **FIRST_PAGE},
    "activities/create": {"user_uuid": VIEWER, "message": "Hello #aws", "hashtags": ["aws"], "ttl_seconds": 3600},
    "activities/create_reply": {
        "user_uuid": VIEWER,
        "message": "Agreed #aws",
        "hashtags": ["aws"],
        "parent_uuid": CRUD,
    },
    "activities/delete": {"uuid": CRUD, "user_uuid": VIEWER},
    "activities/explore": FIRST_PAGE,
    "activities/following_feed": {"viewer_uuid": VIEWER, **FIRST_PAGE},
    "activities/following_feed_recent": {"viewer_uuid": VIEWER, "window": HOME_RECENT_WINDOW, **FIRST_PAGE},
    "activities/like": {"user_uuid": VIEWER, "uuid": CRUD},
    "activities/replies": {"activity_uuid": CRUD, **OLDEST_FIRST_PAGE},
    "activities/repost": {"user_uuid": VIEWER, "uuid": CRUD},
    "activities/search_hashtags": {"hashtags": ["aws"], "before_rank": "Infinity", **FIRST_PAGE},
    "activities/search_words": {
        "words": "coffee jazz",
        "hashtags": [],
        "before_rank": "Infinity",
        "window": SEARCH_WINDOW,
        **FIRST_PAGE,
    },
    "activities/show": {"uuid": CRUD},
    "activities/show_many": {"uuids": [crud_uuid(n) for n in range(1, 21)]},
    "activities/trending_hashtags": {"limit": 10},
    "activities/unlike": {"user_uuid": VIEWER, "uuid": CRUD},
    "activities/unrepost": {"user_uuid": VIEWER, "uuid": CRUD},
    "activities/viewer_state": {"viewer_uuid": VIEWER, "activity_uuids": [crud_uuid(n) for n in range(1, 21)]},
    "maintenance/delete_media": {"uuids": [MEDIA]},
    "maintenance/gone_media": {"batch_size": 1000},
    "maintenance/unposted_media": {"batch_size": 1000},
    "maintenance/ping": {},
    "maintenance/schema_version_applied": {"version": "0001_initial"},
    "maintenance/purge_expired": {"batch_size": 1000},
    "maintenance/purge_avatar_uploads": {"batch_size": 1000},
    "maintenance/release_purge_lock": {},
    "maintenance/try_purge_lock": {},
    "media/attach": {"activity_uuid": CRUD, "user_uuid": VIEWER, "uuids": [MEDIA]},
    "media/create": {"uuid": MEDIA, "user_uuid": VIEWER, "original_key": f"media/{VIEWER}/{MEDIA}"},
    "media/for_attaching": {"uuids": [MEDIA]},
    "media/for_cruds": {"activity_uuids": [crud_uuid(n) for n in range(1, 21)]},
    "media/show": {"uuid": MEDIA, "viewer_uuid": VIEWER},
    "media/unposted_count": {"user_uuid": VIEWER, "cap": 40},
    "media/update_alt": {"uuid": MEDIA, "user_uuid": VIEWER, "alt": "A red square"},
    "notifications/create": {"user_uuid": OTHER, "actor_uuid": VIEWER, "type": "like", "activity_uuid": CRUD},
    "notifications/for_user": {"user_uuid": OTHER, **FIRST_PAGE},
    "notifications/mark_all_read": {"user_uuid": OTHER},
    "notifications/mark_messages_read": {"user_uuid": OTHER, "actor_uuid": VIEWER},
    "notifications/mentions": {"actor_uuid": VIEWER, "activity_uuid": CRUD, "user_uuids": [OTHER]},
    "maintenance/purge_lag": {},
    "notifications/unread_count": {"user_uuid": OTHER},
    "notifications/unread_message_senders": {"user_uuid": OTHER, "actor_uuids": [VIEWER, user_uuid(3)]},
    "notifications/withdraw": {"actor_uuid": VIEWER, "type": "like", "user_uuid": OTHER, "activity_uuid": CRUD},
    "profiles/update": {"display_name": "New Name", "bio": None, "user_uuid": VIEWER},
    "stream/followers_among": {"followed_uuid": OTHER, "viewer_uuids": [user_uuid(n) for n in range(1, 101)]},
    "stream/notification": {"uuid": "00000000-0000-4000-8000-000000000001", "user_uuid": OTHER},
    "stream/publish": {"payload": '{"t": "message"}'},
    "stream/viewer_marks": {"uuid": CRUD, "viewer_uuids": [user_uuid(n) for n in range(1, 101)]},
    "timelines/fanout_targets": {"activity_uuid": CRUD, "reposter_uuid": None},
    "timelines/page": {
        "viewer_uuid": VIEWER,
        # Timeline entries as the API sends them: text arrays of 47 candidates, one a repost.
        "activity_uuids": "{" + ",".join(crud_uuid(n) for n in range(1, 48)) + "}",
        "feed_us": "{" + ",".join(str(1_796_000_000_000_000 - n) for n in range(1, 48)) + "}",
        "reposter_uuids": "{" + ",".join([OTHER] + ["NULL"] * 46) + "}",
        "complete_above": "-infinity",
        **FIRST_PAGE,
    },
    "timelines/rebuild_entries": {"viewer_uuid": VIEWER, "size": 400},
    "users/by_cognito_user_id": {"cognito_user_id": "seed-1"},
    "users/by_uuids": {"uuids": [VIEWER, OTHER]},
    "users/create": {"cognito_user_id": "new", "handle": "newcomer", "email": "new@example.com", "display_name": "New"},
    "users/follow": {"follower_uuid": VIEWER, "followed_uuid": user_uuid(1500)},
    "users/profile": {"handle": "user2", "viewer_uuid": VIEWER},
    "users/search": {"prefix": "user12", "limit": 20},
    "users/short": {"handle": "user2"},
    "users/suggested": {"viewer_uuid": VIEWER, "limit": 20},
    "users/unfollow": {"follower_uuid": VIEWER, "followed_uuid": OTHER},
    "users/uuids_by_handles": {"handles": ["user2", "user3"]},
}
QUERIES = load_queries()
# A photo on every fourth top-level crud, and as many uploads never posted, over the last two days.
SEED_MEDIA = """
INSERT INTO media (uuid, user_uuid, activity_uuid, position, posted_at, status, width, height, original_key,
                   full_key, preview_key, created_at)
SELECT gen_random_uuid(), a.user_uuid, a.uuid, 0, a.created_at, 'ready', 800, 600, 'media/o', 'media/f', 'media/p',
       a.created_at
FROM activities a WHERE a.reply_to_activity_uuid IS NULL AND random() < 0.25;
INSERT INTO media (uuid, user_uuid, original_key, created_at)
SELECT gen_random_uuid(), u.uuid, 'media/o', now() - random() * interval '2 days'
FROM users u, generate_series(1, 2);
"""


@pytest.fixture(scope="module")
def seeded(database_url):
    seed(database_url, **SEED)
    with psycopg.connect(database_url) as conn:
        conn.execute(SEED_MEDIA)
        conn.execute("ANALYZE media")
    yield database_url
    with psycopg.connect(database_url) as conn:
        conn.execute("TRUNCATE users, activities CASCADE")


def sequential_scans(plan):
    """The large tables a plan (EXPLAIN FORMAT JSON) reads from start to end."""
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in LARGE_TABLES:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found.extend(sequential_scans(child))
    return found


def test_every_query_has_sample_parameters():
    assert sorted(QUERIES) == sorted(SAMPLE_PARAMETERS)


def outline(plan, depth=0):
    """A plan as one line per node, enough to see where the scan is."""
    line = "  " * depth + " ".join(filter(None, (plan["Node Type"], plan.get("Relation Name"), plan.get("Index Name"))))
    return "\n".join([line] + [outline(child, depth + 1) for child in plan.get("Plans", [])])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_reads_large_tables_through_indexes(seeded, name):
    # EXPLAIN without ANALYZE plans writes without running them, so the seeded data stays as it is.
    with psycopg.connect(seeded, autocommit=True) as conn:
        plan = conn.execute("EXPLAIN (FORMAT JSON) " + QUERIES[name], SAMPLE_PARAMETERS[name]).fetchone()[0]
    assert sequential_scans(plan[0]["Plan"]) == [], outline(plan[0]["Plan"])


def with_numbered_parameters(query):
    """A query with its %(name)s parameters as $1, $2..., as EXPLAIN (GENERIC_PLAN) takes it."""
    numbers = {}
    numbered = re.sub(r"%\((\w+)\)s", lambda match: f"${numbers.setdefault(match[1], len(numbers) + 1)}", query)
    return numbered.replace("%%", "%")


def reads_of(plan, table):
    """Each node of a plan that reads `table`."""
    found = [plan] if plan.get("Relation Name") == table else []
    for child in plan.get("Plans", []):
        found.extend(reads_of(child, table))
    return found


@pytest.mark.parametrize(
    "name", ["activities/viewer_state", "activities/following_feed", "activities/following_feed_recent"]
)
@pytest.mark.parametrize("generic", [False, True], ids=["with values", "generic"])
def test_viewer_marks_probe_each_crud_instead_of_reading_all_the_viewers_likes(seeded, name, generic):
    # A prepared statement may run a generic plan, where an EXISTS may become a hash of every like the
    # viewer ever made; viewer_marks must stay one probe of the primary key per crud either way.
    with psycopg.connect(seeded, autocommit=True) as conn:
        if generic:
            plan = conn.execute("EXPLAIN (FORMAT JSON, GENERIC_PLAN) " + with_numbered_parameters(QUERIES[name]))
        else:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + QUERIES[name], SAMPLE_PARAMETERS[name])
        plan = plan.fetchone()[0][0]["Plan"]
    likes = reads_of(plan, "likes")
    assert likes and all("activity_uuid" in read.get("Index Cond", "") for read in likes), outline(plan)


# The statements newest_search_matches (migration 0018) runs, as the function runs them: generic plans
# (plan_cache_mode = force_generic_plan), its variables as parameters of these types.
SEARCH_FUNCTION_VARIABLES = {
    "words": "tsquery",
    "tags": "text[]",
    "before_created_at": "timestamptz",
    "before_uuid": "uuid",
    "remaining": "integer",
    "newest_hour": "integer",
    "oldest_hour": "integer",
    "oldest_day": "integer",
    "day": "integer",
}


def search_function_statements(conn):
    """Each SQL statement in the body of newest_search_matches, its variables numbered as parameters."""
    body = conn.execute("SELECT prosrc FROM pg_proc WHERE proname = 'newest_search_matches'").fetchone()[0]
    numbers = {name: index + 1 for index, name in enumerate(SEARCH_FUNCTION_VARIABLES)}
    statements = []
    for statement in re.findall(r"\bSELECT\b.*?;", body, flags=re.DOTALL):
        statement = re.sub(r"\s+INTO\s+\w+(\s*,\s*\w+)*", "", statement.rstrip(";"))
        statements.append(
            re.sub(
                r"\b(" + "|".join(SEARCH_FUNCTION_VARIABLES) + r")\b",
                lambda match: f"${numbers[match[1]]}::{SEARCH_FUNCTION_VARIABLES[match[1]]}",
                statement,
            )
        )
    return statements


def test_every_statement_of_the_search_function_reads_through_an_index(seeded):
    with psycopg.connect(seeded, autocommit=True) as conn:
        statements = search_function_statements(conn)
        # The two bounds, the newest-first read of words only excluded, and for words and for hashtags a
        # whole-table count and read, a day's count and read, and an hour-by-hour read.
        assert len(statements) == 13
        for statement in statements:
            plan = conn.execute("EXPLAIN (FORMAT JSON, GENERIC_PLAN) " + statement).fetchone()[0][0]["Plan"]
            # Matches through the search index; the bounds (the newest and the oldest crud) and words only
            # excluded (IS TRUE) by creation time.
            by_time = "IS TRUE" in statement or not ("@@" in statement or "@>" in statement)
            expected = "activities_created_at_idx" if by_time else "activities_search_periods_idx"
            assert sequential_scans(plan) == [] and index_names(plan), f"{statement}\n{outline(plan)}"
            assert all(name.startswith(expected) for name in index_names(plan)), f"{statement}\n{outline(plan)}"


def index_names(plan):
    """The index each node of a plan reads."""
    names = [plan["Index Name"]] if "Index Name" in plan else []
    for child in plan.get("Plans", []):
        names.extend(index_names(child))
    return names
