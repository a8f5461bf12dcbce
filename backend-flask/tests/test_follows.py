"""Following people, and the home feed it makes: own + followed + their reposts, each crud once a page."""

import pytest

from cruddur.api.extensions import current_db
from cruddur.services import activities


def post(client, headers, message):
    return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers).json


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
    sql(
        "UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
        "WHERE uuid = %s",
        (shared["uuid"],),
    )
    assert client.get("/api/activities/home", headers=ann).json["items"] == []


def home_pages(app, viewer_uuid, limit, following_count=2):
    """Every page of the viewer's home, walked by cursor: (message, reposter handle, liked, reposted)."""
    seen, position = [], None
    with app.app_context():
        db = current_db()
        while True:
            items, next_position = activities.home(db, viewer_uuid, following_count, limit, position)
            seen.extend((c["message"], c.get("reposter_handle"), c["liked"], c["reposted"]) for c in items)
            if next_position is None:
                return seen
            position = next_position


@pytest.mark.parametrize("window", [4, 12, 60, 1000])
def test_home_from_the_newest_window_is_the_home_read_person_by_person(app, client, people, sql, monkeypatch, window):
    ann = people["ann"]
    for followed in ("bob", "cat"):
        client.post(f"/api/users/@{followed}/follow", headers=ann)
    sql("busy_home.sql")
    ann_uuid = sql("SELECT uuid FROM users WHERE handle = 'ann'")[0][0]
    for message, reaction in (("bob 90", "like"), ("cat 89", "repost")):
        [[crud_uuid]] = sql("SELECT uuid FROM activities WHERE message = %s", (message,))
        assert client.post(f"/api/activities/{crud_uuid}/{reaction}", headers=ann).status_code == 200
    person_by_person = home_pages(app, ann_uuid, limit=7)
    monkeypatch.setattr(activities, "HOME_PERSON_BY_PERSON_UP_TO", 1)
    monkeypatch.setattr(activities, "HOME_RECENT_WINDOW", window)
    assert home_pages(app, ann_uuid, limit=7) == person_by_person
    messages = [message for message, *_ in person_by_person]
    assert ("bob 90", None, True, False) in person_by_person and ("cat 89", "ann", False, True) in person_by_person
    # bob's 90, cat's 78 live, ann's 2, the 10 of dan's bob reposted, and cat 40 twice: where bob reposted it
    # and, pages later, where cat posted it.
    assert len(messages) == 90 + 78 + 2 + 10 + 1 and len(set(messages)) == len(messages) - 1
    assert ("dan 5", "bob", False, False) in person_by_person and "dan 6" not in messages and "cat 7" not in messages


def test_a_window_too_small_for_a_page_gives_way_to_person_by_person(app, client, people, sql):
    ann = people["ann"]
    client.post("/api/users/@bob/follow", headers=ann)
    sql("busy_home.sql")
    ann_uuid = sql("SELECT uuid FROM users WHERE handle = 'ann'")[0][0]
    page = {
        "viewer_uuid": ann_uuid,
        "before_created_at": "infinity",
        "before_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "limit": 8,
    }
    with app.app_context():
        db = current_db()
        # Of the newest 9 cruds a third are bob's: too few for a page, so the window answers short ...
        assert len(db.all("activities/following_feed_recent", window=9, **page)) < 8
        # ... and a wide one answers the page itself.
        wide = db.all("activities/following_feed_recent", window=100, **page)
    assert [row["message"] for row in wide] == [m for m, *_ in home_pages(app, ann_uuid, limit=8)][:8]
