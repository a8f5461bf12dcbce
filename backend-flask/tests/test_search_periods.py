"""Search reads a term's newest matches period by period (newest_search_matches, migration 0018): whatever the
spread of a term in time, its answers are those of the plain ordered read of every match."""

import pytest

from cruddur.services import discovery

AUTHOR = "00000000-0000-4000-8000-00000000a001"
NEWEST = ("infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff")

# 3,000 cruds, one every 13 minutes over the last 27 days, with twins at the same instant every 100th (so
# uuids break ties), every 11th expired. `crud` is in every one (about 100 a day), `espresso` only in the older
# half, `latte` only in the newest third, `mocha` all along, `tea` and `chai` each common but never together,
# `zebra` nowhere; #brew all along, #vintage only in the oldest third.
CRUDS = f"""
INSERT INTO users (uuid, cognito_user_id, handle, email, display_name)
VALUES ('{AUTHOR}', 'periods', 'periods', 'periods@example.com', 'Periods');
INSERT INTO activities (uuid, user_uuid, message, hashtags, created_at, expires_at)
SELECT md5('periods-' || n || '-' || twin)::uuid, '{AUTHOR}',
       concat_ws(' ', 'Crud', n,
                 CASE WHEN n > 1500 AND n % 3 = 0 THEN 'espresso' END,
                 CASE WHEN n <= 1000 AND n % 2 = 0 THEN 'latte' END,
                 CASE WHEN n % 7 = 0 THEN 'mocha' END,
                 CASE WHEN n % 10 = 0 THEN 'tea' WHEN n % 10 = 5 THEN 'chai' END,
                 CASE WHEN n % 4 = 0 THEN '#brew' END,
                 CASE WHEN n > 2000 AND n % 5 = 0 THEN '#vintage' END),
       array_remove(ARRAY[CASE WHEN n % 4 = 0 THEN 'brew' END,
                          CASE WHEN n > 2000 AND n % 5 = 0 THEN 'vintage' END], NULL),
       now() - n * interval '13 minutes',
       CASE WHEN n % 11 = 0 THEN now() - interval '1 minute' ELSE now() + interval '1 day' END
FROM generate_series(1, 3000) AS n, generate_series(1, CASE WHEN n % 100 = 0 THEN 2 ELSE 1 END) AS twin;
ANALYZE activities;
"""

THROUGH_PERIODS = """
SELECT m.uuid::text FROM newest_search_matches(
  CASE WHEN %(words)s = '' THEN NULL ELSE websearch_to_tsquery('english', %(words)s) END,
  %(tags)s::text[], %(before_created_at)s, %(before_uuid)s, %(wanted)s) AS m
"""
PLAIN = """
SELECT a.uuid::text FROM activities a
WHERE (%(words)s = '' OR a.search_vector @@ websearch_to_tsquery('english', %(words)s))
  AND a.hashtags @> %(tags)s::text[] AND a.expires_at > now()
  AND (a.created_at, a.uuid) < (%(before_created_at)s::timestamptz, %(before_uuid)s::uuid)
ORDER BY a.created_at DESC, a.uuid DESC
LIMIT %(wanted)s
"""

TERMS = [
    ("crud", []),
    ("espresso", []),
    ("latte", []),
    ("mocha", []),
    ("zebra", []),
    ("tea chai", []),
    ("tea or chai", []),
    ("-mocha", []),
    ("-mocha", ["brew"]),
    ("mocha -tea", []),
    ("the", []),
    ("mocha", ["brew"]),
    ("", ["brew"]),
    ("", ["vintage"]),
    ("", ["brew", "vintage"]),
]


@pytest.fixture
def cruds(config, sql):
    sql(CRUDS)
    return sql


def uuids(rows):
    return [row[0] for row in rows]


@pytest.mark.parametrize("words, tags", TERMS)
# Between 51 and a day's matches, a day counted to its cap of 51 must still be read hour by hour.
@pytest.mark.parametrize("wanted", [1, 5, 40, 60, 75, 100, 150, 300, 5000])
def test_the_newest_matches_are_those_of_the_plain_ordered_read(cruds, words, tags, wanted):
    params = {"words": words, "tags": tags, "before_created_at": NEWEST[0], "before_uuid": NEWEST[1]}
    params["wanted"] = wanted
    assert uuids(cruds(THROUGH_PERIODS, params)) == uuids(cruds(PLAIN, params))


@pytest.mark.parametrize("words, tags", [("espresso", []), ("mocha", []), ("", ["brew"]), ("", ["vintage"])])
def test_the_matches_after_any_cursor_are_those_of_the_plain_ordered_read(cruds, words, tags):
    # Cursors at matches and between them, twins (one instant, two uuids) included, old and new.
    positions = cruds(
        "SELECT created_at::text, uuid::text FROM activities WHERE message ~ ' (1499|1500|1501|2000|2001|2700) '"
        " OR uuid = md5('periods-1500-2')::uuid ORDER BY created_at DESC, uuid DESC"
    )
    for before_created_at, before_uuid in positions:
        params = {"words": words, "tags": tags, "before_created_at": before_created_at, "before_uuid": before_uuid}
        for wanted in (1, 7, 300):
            params["wanted"] = wanted
            assert uuids(cruds(THROUGH_PERIODS, params)) == uuids(cruds(PLAIN, params)), (params, wanted)


def test_nothing_is_found_among_no_cruds_or_for_none_wanted(config, sql):
    params = {"words": "mocha", "tags": [], "before_created_at": NEWEST[0], "before_uuid": NEWEST[1], "wanted": 5}
    assert sql(THROUGH_PERIODS, params) == []
    sql(CRUDS)
    assert sql(THROUGH_PERIODS, {**params, "wanted": 0}) == []


def search_pages(client, term, limit):
    """Every crud a search lists, page after page, and the number of pages."""
    found, cursor, pages = [], None, 0
    while True:
        query = {"term": term, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/activities/search", query_string=query)
        assert response.status_code == 200, response.json
        found += [item["uuid"] for item in response.json["items"]]
        pages += 1
        cursor = response.json["next_cursor"]
        if cursor is None:
            return found, pages


@pytest.mark.parametrize("term", ["espresso", "latte", "mocha", "zebra", "tea chai", "espresso latte"])
def test_word_search_pages_rank_the_newest_window_of_matches(cruds, client, monkeypatch, term):
    monkeypatch.setattr(discovery, "SEARCH_WINDOW", 25)
    expected = cruds(
        """SELECT uuid::text FROM (
             SELECT a.uuid, a.created_at, ts_rank(a.search_vector, q) AS rank
             FROM activities a, websearch_to_tsquery('english', %s) AS q
             WHERE a.search_vector @@ q AND a.expires_at > now()
             ORDER BY a.created_at DESC, a.uuid DESC LIMIT 25) AS newest
           ORDER BY rank DESC, created_at DESC, uuid DESC""",
        (term,),
    )
    found, _ = search_pages(client, term, limit=4)
    assert found == uuids(expected)


@pytest.mark.parametrize("tag", ["brew", "vintage"])
def test_hashtag_search_pages_through_every_live_match_newest_first(cruds, client, tag):
    expected = cruds(
        "SELECT uuid::text FROM activities WHERE hashtags @> ARRAY[%s] AND expires_at > now()"
        " ORDER BY created_at DESC, uuid DESC",
        (tag,),
    )
    # Pages of 97 end anywhere: inside an hour, a day, a week, between twins.
    found, pages = search_pages(client, f"#{tag}", limit=97)
    assert found == uuids(expected) and pages == len(expected) // 97 + 1


def test_deleted_and_expired_cruds_are_never_found(cruds, client):
    newest_espresso = cruds(
        "SELECT uuid::text FROM activities WHERE message LIKE '%%espresso%%' ORDER BY created_at DESC LIMIT 2"
    )
    cruds("DELETE FROM activities WHERE uuid = %s", (newest_espresso[0][0],))
    cruds("UPDATE activities SET expires_at = now() WHERE uuid = %s", (newest_espresso[1][0],))
    found, _ = search_pages(client, "espresso", limit=100)
    assert newest_espresso[0][0] not in found and newest_espresso[1][0] not in found and found
    found, _ = search_pages(client, "#vintage", limit=100)
    assert all(cruds("SELECT expires_at > now() FROM activities WHERE uuid = %s", (uuid,))[0][0] for uuid in found)


@pytest.mark.parametrize(
    "term",
    [
        "-mocha",
        "the",
        "!",
        "mocha & | ! <-> ( ) : * '",
        '"tea chai"',
        "𝔪𝔬𝔠𝔥𝔞",
        "\u202emocha\u202c",
        "e\u0301spresso",
        "#",
        "##brew",
        "#brew#vintage",
        "mocha " * 16,
    ],
)
def test_odd_terms_are_answered(cruds, client, term):
    response = client.get("/api/activities/search", query_string={"term": term, "limit": 5})
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("term", ["\x00mocha", "mocha" * 30])
def test_unusable_terms_are_refused(cruds, client, term):
    response = client.get("/api/activities/search", query_string={"term": term})
    assert response.status_code == 400 and response.json["errors"][0]["code"] in {"invalid_characters", "term_too_long"}


def test_a_cursor_of_another_search_or_edited_is_refused(cruds, client):
    cursor = client.get("/api/activities/search", query_string={"term": "mocha", "limit": 2}).json["next_cursor"]
    elsewhere = client.get("/api/activities/search", query_string={"term": "espresso", "cursor": cursor})
    edited = client.get("/api/activities/search", query_string={"term": "mocha", "cursor": "x" + cursor[1:]})
    assert elsewhere.status_code == 400 and edited.status_code == 400
