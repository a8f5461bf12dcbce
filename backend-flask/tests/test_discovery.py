"""Search (cruds by words and #hashtags; people by prefix), trending hashtags, suggested people."""

import json
import unicodedata
from pathlib import Path

import pytest

from cruddur.services import discovery
from cruddur.services.discovery import split_term
from cruddur_shared.text import hashtags, written_hashtags


def post(client, headers, message):
    return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers).json


def expire(sql, crud):
    sql(
        "UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
        "WHERE uuid = %s",
        (crud["uuid"],),
    )


@pytest.fixture
def ann(client, auth):
    headers = auth.headers("ann", "Ann Archer")
    client.get("/api/users/me", headers=headers)
    return headers


def search(client, term, **query):
    return client.get("/api/activities/search", query_string={"term": term, **query})


def test_search_by_words_ranks_best_match_first(client, ann):
    weak = post(client, ann, "serverless is one way to run code")
    strong = post(client, ann, "serverless serverless serverless everywhere, running serverless")
    post(client, ann, "nothing to see")
    items = search(client, "serverless").json["items"]
    assert [c["uuid"] for c in items] == [strong["uuid"], weak["uuid"]]
    assert [c["uuid"] for c in search(client, "runs").json["items"]] == [strong["uuid"], weak["uuid"]]


def test_search_by_hashtags_and_words_together(client, ann):
    tagged = post(client, ann, "Loving #AWS and #cloud today")
    post(client, ann, "aws without the tag")
    both = post(client, ann, "#aws lambda functions")
    assert {c["uuid"] for c in search(client, "#aws").json["items"]} == {tagged["uuid"], both["uuid"]}
    assert [c["uuid"] for c in search(client, "#aws #cloud").json["items"]] == [tagged["uuid"]]
    assert [c["uuid"] for c in search(client, "#AWS lambda").json["items"]] == [both["uuid"]]


def test_search_pages_and_leaves_out_expired(client, ann, sql):
    cruds = [post(client, ann, f"#paging number {n}") for n in range(7)]
    expire(sql, cruds[0])
    first = search(client, "#paging", limit=4).json
    second = search(client, "#paging", limit=4, cursor=first["next_cursor"]).json
    seen = [c["uuid"] for c in first["items"] + second["items"]]
    assert seen == [c["uuid"] for c in reversed(cruds[1:])] and second["next_cursor"] is None
    words_first = search(client, "paging number", limit=3).json
    words_rest = search(client, "paging number", limit=3, cursor=words_first["next_cursor"]).json
    assert len({c["uuid"] for c in words_first["items"] + words_rest["items"]}) == 6


def test_search_ranks_only_the_newest_matches(client, ann, sql, monkeypatch):
    monkeypatch.setattr(discovery, "SEARCH_WINDOW", 3)
    oldest_and_best = post(client, ann, "kayak kayak kayak kayak")
    sql("UPDATE activities SET created_at = now() - interval '1 hour' WHERE uuid = %s", (oldest_and_best["uuid"],))
    newer = [post(client, ann, f"kayak trip number {n}") for n in range(3)]
    better_of_newer = post(client, ann, "kayak kayak on the lake")
    first = search(client, "kayak", limit=2).json
    rest = search(client, "kayak", limit=2, cursor=first["next_cursor"]).json
    found = [c["uuid"] for c in first["items"] + rest["items"]]
    assert found[0] == better_of_newer["uuid"] and len(found) == 3 and rest["next_cursor"] is None
    assert oldest_and_best["uuid"] not in found and newer[0]["uuid"] not in found


@pytest.mark.parametrize("term, code", [("", "missing_term"), ("   ", "missing_term"), ("x" * 101, "term_too_long")])
def test_search_needs_a_term(client, term, code):
    response = search(client, term)
    assert response.status_code == 400 and response.json["errors"][0]["code"] == code
    assert client.get("/api/activities/search").status_code == 400
    assert search(client, "ok", cursor="bad").status_code == 400


def test_split_term():
    assert split_term("#AWS cloud #aws fun #") == ("cloud fun #", ["aws"])
    assert split_term("#Café #cafe\u0301 #日本 word#tag") == ("word#tag", ["café", "日本"])


def test_people_search_by_handle_or_name_prefix(client, auth, ann):
    client.get("/api/users/me", headers=auth.headers("annie", "Zed Zulu"))
    client.get("/api/users/me", headers=auth.headers("bob", "Annabel Bob"))
    client.get("/api/users/me", headers=auth.headers("b_100", "Percent"))

    def handles(term):
        response = client.get("/api/users/search", query_string={"term": term})
        assert response.status_code == 200 and response.json["next_cursor"] is None
        return sorted(u["handle"] for u in response.json["items"])

    assert handles("ann") == ["ann", "annie", "bob"]
    assert handles("@ANNI") == ["annie"]
    assert handles("zed") == ["annie"]
    assert handles("b_") == ["b_100"]  # _ is a letter here, not a LIKE wildcard
    assert handles("%") == []
    assert client.get("/api/users/search").status_code == 400


def test_trends_count_live_cruds_of_the_last_day(client, ann, sql):
    for message in ("#aws one", "#aws #cloud two", "#AWS three", "#cloud four"):
        post(client, ann, message)
    old = post(client, ann, "#aws from long ago")
    sql("UPDATE activities SET created_at = now() - interval '2 days' WHERE uuid = %s", (old["uuid"],))
    gone = post(client, ann, "#cloud expired")
    expire(sql, gone)
    assert client.get("/api/trends").json == {"items": [{"tag": "#aws", "count": 3}, {"tag": "#cloud", "count": 2}]}
    assert client.get("/api/trends?limit=1").json["items"] == [{"tag": "#aws", "count": 3}]


def test_suggested_people(client, auth):
    people = {handle: auth.headers(handle) for handle in ("ann", "bob", "cat", "dan")}
    for headers in people.values():
        client.get("/api/users/me", headers=headers)
    for fan in ("ann", "bob", "dan"):
        client.post("/api/users/@cat/follow", headers=people[fan])
    client.post("/api/users/@bob/follow", headers=people["dan"])

    anonymous = [u["handle"] for u in client.get("/api/users/suggested").json["items"]]
    assert anonymous[:2] == ["cat", "bob"] and len(anonymous) == 4
    for_dan = [u["handle"] for u in client.get("/api/users/suggested", headers=people["dan"]).json["items"]]
    assert for_dan == ["ann"]
    assert [u["handle"] for u in client.get("/api/users/suggested?limit=1", headers=people["ann"]).json["items"]] == [
        "bob"
    ]


HASHTAG_CASES = json.loads((Path(__file__).with_name("data") / "hashtag_cases.json").read_text())["cases"]


def test_hashtags_are_found_as_shared_api_md_says():
    # The same cases the SPA's MessageText test reads: both sides link and store the same tags.
    for case in HASHTAG_CASES:
        assert (written_hashtags(case["text"]), hashtags(case["text"])) == (case["written"], case["normalized"])


@pytest.mark.parametrize("case", HASHTAG_CASES, ids=lambda case: case["text"])
def test_a_crud_is_found_by_each_of_its_hashtags_however_it_is_spelled(client, ann, sql, case):
    crud = post(client, ann, case["text"])
    assert sql("SELECT hashtags FROM activities WHERE uuid = %s", (crud["uuid"],)) == [(case["normalized"],)]
    for tag in case["written"]:
        for spelling in {
            tag,
            tag.upper(),
            tag.lower(),
            unicodedata.normalize("NFD", tag),
            unicodedata.normalize("NFC", tag),
        }:
            found = search(client, spelling)
            assert found.status_code == 200, found.json
            assert [item["uuid"] for item in found.json["items"]] == [crud["uuid"]], spelling


def test_trends_count_a_hashtag_once_however_it_was_spelled(client, ann):
    for message in ("#café au lait", "#CAFÉ again", "decomposed #cafe\u0301", "#日本 #日本"):
        post(client, ann, message)
    trends = client.get("/api/trends").json["items"]
    assert trends == [{"tag": "#café", "count": 3}, {"tag": "#日本", "count": 1}]


def test_replies_carry_hashtags_too(client, ann):
    parent = post(client, ann, "a question")
    reply = client.post(
        f"/api/activities/{parent['uuid']}/reply", json={"message": "answer #Réponse"}, headers=ann
    ).json
    assert [item["uuid"] for item in search(client, "#réponse").json["items"]] == [reply["uuid"]]


def test_words_are_found_however_their_accents_were_typed(client, ann):
    composed = post(client, ann, "un café noir")
    decomposed = post(client, ann, "un cafe\u0301 au lait")
    for term in ("café", "cafe\u0301"):
        assert {item["uuid"] for item in search(client, term).json["items"]} == {composed["uuid"], decomposed["uuid"]}
