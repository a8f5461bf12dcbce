"""Following people, and the home feed it makes: own + followed + their reposts, each crud once a page."""
import pytest


def post(client, headers, message):
    return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers).json


@pytest.fixture
def people(client, auth):
    headers = {handle: auth.headers(handle) for handle in ("ann", "bob", "cat", "dan")}
    for h in headers.values():
        client.get("/api/users/me", headers=h)
    return headers


def test_follow_is_idempotent_with_counts(client, people):
    for _ in range(2):
        response = client.post("/api/users/@bob/follow", headers=people["ann"])
        assert response.status_code == 200
        assert response.json["following"] is True and response.json["followers_count"] == 1
    assert client.get("/api/users/me", headers=people["ann"]).json["following_count"] == 1
    for _ in range(2):
        response = client.delete("/api/users/@bob/follow", headers=people["ann"])
        assert response.json["following"] is False and response.json["followers_count"] == 0
    assert client.get("/api/users/me", headers=people["ann"]).json["following_count"] == 0


def test_follow_rules(client, people):
    yourself = client.post("/api/users/@ann/follow", headers=people["ann"])
    assert yourself.status_code == 400 and yourself.json["errors"][0]["code"] == "cannot_follow_yourself"
    unknown = client.post("/api/users/@nobody/follow", headers=people["ann"])
    assert unknown.status_code == 404 and unknown.json["errors"][0]["code"] == "user_not_found"
    assert client.post("/api/users/@bob/follow").status_code == 401


def test_home_is_own_followed_and_their_reposts(client, people):
    ann, bob, cat, dan = (people[h] for h in ("ann", "bob", "cat", "dan"))
    own = post(client, ann, "ann's own")
    by_bob = post(client, bob, "bob's")
    by_cat = post(client, cat, "cat's, reposted by bob")
    by_dan = post(client, dan, "dan's, nobody ann follows shares it")
    client.post(f"/api/activities/{by_cat['uuid']}/repost", headers=bob)
    client.post("/api/users/@bob/follow", headers=ann)

    home = client.get("/api/activities/home", headers=ann).json["items"]
    assert [c["uuid"] for c in home] == [by_cat["uuid"], by_bob["uuid"], own["uuid"]]
    assert home[0]["reposted_by"] == {"handle": "bob", "display_name": "Bob"}
    assert "reposted_by" not in home[1]
    assert by_dan["uuid"] in [c["uuid"] for c in client.get("/api/activities/explore", headers=ann).json["items"]]
    anonymous = client.get("/api/activities/home").json["items"]
    assert len(anonymous) == 4


def test_a_crud_shows_once_per_page_at_its_newest_appearance(client, people):
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    original = post(client, bob, "shared twice")
    post(client, cat, "in between")
    client.post(f"/api/activities/{original['uuid']}/repost", headers=cat)
    client.post("/api/users/@bob/follow", headers=ann)
    client.post("/api/users/@cat/follow", headers=ann)
    home = client.get("/api/activities/home", headers=ann).json["items"]
    assert [c["message"] for c in home] == ["shared twice", "in between"]
    assert home[0]["reposted_by"]["handle"] == "cat"


def test_following_feed_pages_are_complete_and_stable(client, people, sql):
    ann, bob = people["ann"], people["bob"]
    client.post("/api/users/@bob/follow", headers=ann)
    sql("""INSERT INTO activities (user_uuid, message, created_at, expires_at)
           SELECT u.uuid, 'bob ' || n, now() - interval '2 hours' + n * interval '1 minute', now() + interval '1 day'
           FROM users u, generate_series(1, 25) n WHERE u.handle = 'bob'""")
    first = client.get("/api/activities/home?limit=10", headers=ann).json
    post(client, bob, "arrives after the first page")
    second = client.get(f"/api/activities/home?limit=10&cursor={first['next_cursor']}", headers=ann).json
    third = client.get(f"/api/activities/home?limit=10&cursor={second['next_cursor']}", headers=ann).json
    seen = [c["message"] for page in (first, second, third) for c in page["items"]]
    assert seen == [f"bob {n}" for n in range(25, 0, -1)]
    assert third["next_cursor"] is None


def test_expired_reposts_leave_the_feed(client, people, sql):
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    shared = post(client, cat, "soon gone")
    client.post(f"/api/activities/{shared['uuid']}/repost", headers=bob)
    client.post("/api/users/@bob/follow", headers=ann)
    sql("UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
        "WHERE uuid = %s", (shared["uuid"],))
    assert client.get("/api/activities/home", headers=ann).json["items"] == []
