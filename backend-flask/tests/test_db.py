import pytest

from cruddur.api.extensions import current_db
from cruddur.db.database import StatementTimeout
from cruddur.db.loader import SQL_DIR, load_queries, planned_each_call, to_psycopg


def test_comment_lines_are_left_out():
    assert to_psycopg("-- what it answers\nSELECT 1\n  -- why\nFROM t;\n") == "SELECT 1\nFROM t;"


def test_string_literals_are_left_alone():
    assert (
        to_psycopg("SELECT regexp_matches(:m, '[[:alnum:]_] 5%', 'g') || ':x'")
        == "SELECT regexp_matches(%(m)s, '[[:alnum:]_] 5%%', 'g') || ':x'"
    )


def test_psql_variables_become_named_parameters():
    assert (
        to_psycopg("SELECT :a::uuid, ':'::text WHERE x LIKE '5%' AND y = :b_2")
        == "SELECT %(a)s::uuid, ':'::text WHERE x LIKE '5%%' AND y = %(b_2)s"
    )


def test_every_sql_file_is_one_named_statement():
    queries = load_queries()
    assert "activities/explore" in queries and "users/profile" in queries
    for path in SQL_DIR.rglob("*.sql"):
        if "migrations" in path.parts:
            continue
        body = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("--"))
        assert body.strip().count(";") == 1 and body.strip().endswith(";"), path
        assert path.read_text().startswith("-- "), f"{path} says what it answers in a first-line comment"


def test_value_sensitive_statements_are_planned_on_each_call(app):
    assert planned_each_call() == {
        "activities/search_words",
        "activities/search_hashtags",
        "activities/search_words_by_index",
        "activities/search_hashtags_by_index",
    }
    with app.app_context(), current_db().session() as session:
        # psycopg prepares a statement on its fifth run; these never are, the feed is.
        for _ in range(6):
            session.all(
                "activities/search_words",
                words="kayak",
                hashtags=[],
                window=10,
                limit=5,
                before_rank="Infinity",
                before_created_at="infinity",
                before_uuid="ffffffff-ffff-ffff-ffff-ffffffffffff",
            )
            session.all(
                "activities/explore",
                limit=5,
                before_created_at="infinity",
                before_uuid="ffffffff-ffff-ffff-ffff-ffffffffffff",
            )
        prepared = [row["statement"] for row in session.conn.execute("SELECT statement FROM pg_prepared_statements")]
    assert any("live_cruds" in s and "reply_to_activity_uuid IS NULL" in s for s in prepared)
    assert not any("websearch_to_tsquery" in s for s in prepared)


def test_bounded_reads_are_cancelled_and_the_others_are_not(make_app):
    db = make_app(db_bounded_statement_ms=100).extensions["db"]
    # Statements of this test's own, on this instance only.
    db.queries["test/sleep_half_second"] = "SELECT pg_sleep(0.5) AS slept"
    db.queries["test/sleep_a_little"] = "SELECT pg_sleep(0.01) AS slept"
    with pytest.raises(StatementTimeout):
        db.all_bounded("test/sleep_half_second")
    assert db.all_bounded("test/sleep_a_little") == [{"slept": ""}]
    assert db.all("test/sleep_half_second") == [{"slept": ""}]
