"""The home read from timelines against what an attacker sends or a damaged store holds: cursors that are forged,
edited or from another list answer 400; entries that are not the viewer's to see never reach the page, whoever
put them in Redis; a damaged timeline is rebuilt, never a 500."""

import pytest

from cruddur.timelines.store import member, score


@pytest.fixture
def served(make_app, redis_server):
    return make_app(timelines_url=redis_server.url).test_client()


def post(client, headers, message):
    response = client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers)
    assert response.status_code == 201
    return response.json


def messages(response):
    assert response.status_code == 200, response.json
    return [crud["message"] for crud in response.json["items"]]


def uuid_of(sql, handle):
    return sql("SELECT uuid FROM users WHERE handle = %s", (handle,))[0][0]


def warm_timeline(served, redis_server, sql, viewer_headers, handle):
    """Reads the viewer's home once (which rebuilds the timeline) and answers its Redis key."""
    served.get("/api/activities/home", headers=viewer_headers)
    key = f"timeline:0:{uuid_of(sql, handle)}"
    assert redis_server.client.get(f"{key}:state") is not None
    return key


def test_forged_edited_and_foreign_cursors_are_refused(served, people, redis_server):
    ann = people["ann"]
    served.post("/api/users/@bob/follow", headers=ann)
    for n in range(3):
        post(served, people["bob"], f"bob {n}")
    first = served.get("/api/activities/home?limit=2", headers=ann).json
    cursor = first["next_cursor"]
    assert cursor
    explore_cursor = served.get("/api/activities/explore?limit=1", headers=ann).json["next_cursor"]
    for forged in (
        cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB"),
        cursor + "x",
        explore_cursor,
        "eyJiZWZvcmUiOiIyMDk5LTAxLTAxIn0",
        "../../etc/passwd",
        "\u202e\u0000",
    ):
        response = served.get("/api/activities/home", query_string={"cursor": forged}, headers=ann)
        assert response.status_code == 400, forged
        assert response.json["errors"][0]["field"] == "cursor"
    assert messages(served.get("/api/activities/home", query_string={"cursor": cursor}, headers=ann)) == ["bob 0"]


@pytest.mark.parametrize("limit", ["0", "-1", "1000000000000", "abc", "1e3", "\u0661"])
def test_odd_page_sizes_are_refused(served, people, limit):
    response = served.get("/api/activities/home", query_string={"limit": limit}, headers=people["ann"])
    assert response.status_code == 400
    assert response.json["errors"][0]["field"] == "limit"


def test_entries_put_in_redis_by_someone_else_never_reach_the_page(served, people, redis_server, sql):
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    served.post("/api/users/@bob/follow", headers=ann)
    post(served, bob, "bob, followed")
    strangers = post(served, cat, "cat, not followed")
    reposted = post(served, cat, "cat's, reposted by nobody")
    gone = post(served, bob, "bob's, deleted")
    assert served.delete(f"/api/activities/{gone['uuid']}", headers=bob).status_code == 204
    key = warm_timeline(served, redis_server, sql, ann, "ann")
    now = score(sql("SELECT now()")[0][0])
    forged = {
        member(strangers["uuid"]): now,  # a crud of someone ann does not follow
        member(reposted["uuid"], uuid_of(sql, "bob")): now,  # a repost bob never made
        member(gone["uuid"]): now,  # a deleted crud
        member("00000000-0000-4000-8000-000000000000"): now,  # no such crud
    }
    redis_server.client.zadd(key, forged)
    assert messages(served.get("/api/activities/home", headers=ann)) == ["bob, followed"]


SOME_UUID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    "damaged",
    [
        "not-a-member",
        "'); DROP TABLE users; --|",
        f"{SOME_UUID}|x",
        "\u00e9|",
        # The entries come back space-separated: a member with a space in it shifts every score after it.
        f"{SOME_UUID}| x",
        f"{SOME_UUID}| ",
    ],
)
def test_a_damaged_timeline_is_rebuilt_not_a_500(served, people, redis_server, sql, damaged):
    ann = people["ann"]
    served.post("/api/users/@bob/follow", headers=ann)
    post(served, people["bob"], "bob, followed")
    key = warm_timeline(served, redis_server, sql, ann, "ann")
    redis_server.client.zadd(key, {damaged: score(sql("SELECT now()")[0][0])})
    assert messages(served.get("/api/activities/home", headers=ann)) == ["bob, followed"]
    # Rebuilt from PostgreSQL: only what the fan-out would have written.
    assert [m.decode() for m in redis_server.client.zrange(key, 0, -1)] == [
        member(sql("SELECT uuid FROM activities WHERE message = 'bob, followed'")[0][0])
    ]


@pytest.mark.parametrize("damaged_score", ["-inf", "+inf"])
def test_a_timeline_entry_with_an_endless_score_is_rebuilt_not_a_500(served, people, redis_server, sql, damaged_score):
    ann = people["ann"]
    served.post("/api/users/@bob/follow", headers=ann)
    post(served, people["bob"], "bob, followed")
    key = warm_timeline(served, redis_server, sql, ann, "ann")
    redis_server.client.zadd(key, {member(SOME_UUID): damaged_score})
    assert messages(served.get("/api/activities/home", headers=ann)) == ["bob, followed"]


@pytest.mark.parametrize("damaged_state", ["not-a-number", "inf", "nan"])
def test_a_timeline_whose_state_is_damaged_is_rebuilt_not_a_500(served, people, redis_server, sql, damaged_state):
    ann = people["ann"]
    served.post("/api/users/@bob/follow", headers=ann)
    post(served, people["bob"], "bob, followed")
    key = warm_timeline(served, redis_server, sql, ann, "ann")
    redis_server.client.set(f"{key}:state", damaged_state)
    assert messages(served.get("/api/activities/home", headers=ann)) == ["bob, followed"]
