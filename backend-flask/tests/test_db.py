from cruddur.db.loader import SQL_DIR, load_queries, to_psycopg


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
