"""Home timelines built on write (cruddur/timelines, cruddur/fanout): every page read from a timeline equals the
page PostgreSQL reads person by person, through fan-out, follows, unfollows, unreposts, deletions, expiry and
the loss of the store."""

import json

import pytest
from receivers import wait_until

from conftest import running_fan_out
from cruddur.api.extensions import current_db
from cruddur.services import activities
from cruddur.timelines.store import HOME_CHANNEL, HOME_CHUNK, Timelines


def post(client, headers, message):
    return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers).json


@pytest.fixture
def app(make_app, redis_server):
    """The API with its timelines on the test's Redis (a follow makes the follower's timeline cold)."""
    return make_app(timelines_url=redis_server.url)


@pytest.fixture
def fan_out(config, redis_server):
    """The fan-out process's loop in a thread, with a timeline of 400 (the default) on the test's Redis."""
    with running_fan_out(config.database_url, redis_server.url) as running:
        yield running


def uuid_of(sql, handle):
    return sql("SELECT uuid FROM users WHERE handle = %s", (handle,))[0][0]


def home_pages(app, sql, viewer_uuid, limit, timelines=None):
    """Every page of the viewer's home, walked by cursor: (message, reposter handle, liked, reposted)."""
    seen, position = [], None
    with app.app_context():
        db = current_db()
        [[following_count]] = sql("SELECT following_count FROM users WHERE uuid = %s", (viewer_uuid,))
        while True:
            items, next_position = activities.home(db, viewer_uuid, following_count, limit, position, timelines)
            seen.extend((c["message"], c.get("reposter_handle"), c["liked"], c["reposted"]) for c in items)
            if next_position is None:
                return seen
            position = next_position


def assert_same_home(app, sql, viewer_uuid, timelines, limit=7):
    from_postgres = home_pages(app, sql, viewer_uuid, limit)
    assert from_postgres, "a home with nothing in it proves nothing"
    assert home_pages(app, sql, viewer_uuid, limit, timelines) == from_postgres


@pytest.mark.parametrize("size", [10, 45, 400])
def test_pages_from_the_timeline_are_the_pages_read_person_by_person(app, client, people, sql, redis_server, size):
    ann = people["ann"]
    for followed in ("bob", "cat"):
        client.post(f"/api/users/@{followed}/follow", headers=ann)
    sql("busy_home.sql")
    for message, reaction in (("bob 90", "like"), ("cat 89", "repost")):
        [[crud_uuid]] = sql("SELECT uuid FROM activities WHERE message = %s", (message,))
        assert client.post(f"/api/activities/{crud_uuid}/{reaction}", headers=ann).status_code == 200
    timelines = Timelines.from_url(redis_server.url, size=size)
    ann_uuid = uuid_of(sql, "ann")
    assert_same_home(app, sql, ann_uuid, timelines)
    # The first read rebuilt the timeline; the second is read from it. It holds bob's 90, cat's 78 live, ann's 2,
    # bob's 11 reposts and ann's 1, up to its size.
    assert redis_server.client.zcard(f"timeline:0:{ann_uuid}") == min(size, 90 + 78 + 2 + 11 + 1)
    assert_same_home(app, sql, ann_uuid, timelines)


def test_cruds_and_reposts_are_fanned_out_to_followers_as_they_are_written(
    app, client, people, sql, redis_server, fan_out
):
    ann, bob = people["ann"], people["bob"]
    client.post("/api/users/@bob/follow", headers=ann)
    post(client, bob, "before ann's first read")
    timelines = Timelines.from_url(redis_server.url)
    ann_uuid = uuid_of(sql, "ann")
    assert_same_home(app, sql, ann_uuid, timelines)
    key = f"timeline:{int(redis_server.client.get('timelines:generation'))}:{ann_uuid}"
    written = post(client, bob, "after it")
    cat_crud = post(client, people["cat"], "cat's, reposted by bob")
    client.post(f"/api/activities/{cat_crud['uuid']}/repost", headers=bob)
    assert wait_until(lambda: redis_server.client.zcard(key) == 3)
    assert redis_server.client.zscore(key, f"{written['uuid']}|") is not None
    assert redis_server.client.zscore(key, f"{cat_crud['uuid']}|{uuid_of(sql, 'bob')}") is not None
    # dan follows nobody and bob's followers are ann alone: nothing else was written.
    assert [k for k in redis_server.client.keys("timeline:*") if not k.endswith(b":state")] == [key.encode()]
    assert [message for message, *_ in home_pages(app, sql, ann_uuid, 7, timelines)] == [
        "cat's, reposted by bob",
        "after it",
        "before ann's first read",
    ]


def test_who_got_each_appearance_is_announced_for_the_streams(client, people, sql, redis_server, fan_out):
    """The fan-out's announcements on `timelines:home`, which the stream processes turn into `home` events."""
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    client.post("/api/users/@bob/follow", headers=ann)
    uuids = {handle: str(uuid_of(sql, handle)) for handle in ("ann", "bob", "cat", "dan")}
    subscription = redis_server.client.pubsub()
    subscription.subscribe(HOME_CHANNEL)
    assert subscription.get_message(timeout=5)["type"] == "subscribe"

    def announced(count):
        """The next `count` announcements, and no more."""
        received = []

        def heard():
            message = subscription.get_message(timeout=0.1)
            if message is not None:
                received.append(json.loads(message["data"]))
            return len(received) >= count

        assert wait_until(heard), f"{len(received)} announcements of {count}"
        assert subscription.get_message(timeout=0.3) is None, "more announcements than expected"
        return received

    by_bob = post(client, bob, "to ann and bob")
    [one] = announced(1)
    assert one["uuid"] == by_bob["uuid"] and one["by"] is None and "followers_of" not in one
    assert sorted(one["to"]) == sorted([uuids["ann"], uuids["bob"]])
    # cat's crud goes to cat alone; bob's repost of it to bob's followers and bob, with the reposter.
    by_cat = post(client, cat, "cat's")
    assert announced(1)[0]["to"] == [uuids["cat"]]
    client.post(f"/api/activities/{by_cat['uuid']}/repost", headers=bob)
    [repost] = announced(1)
    assert (repost["uuid"], repost["by"]) == (by_cat["uuid"], uuids["bob"])
    assert sorted(repost["to"]) == sorted([uuids["ann"], uuids["bob"]])
    # A reply is on nobody's home.
    client.post(f"/api/activities/{by_bob['uuid']}/reply", json={"message": "a reply"}, headers=cat)
    assert subscription.get_message(timeout=0.5) is None
    # A very-followed writer's followers are not named: the announcement says whose followers they are.
    sql("UPDATE users SET followers_count = very_followed_threshold() + 1 WHERE handle = 'dan'")
    by_dan = post(client, people["dan"], "to very many")
    assert announced(1) == [{"uuid": by_dan["uuid"], "by": None, "followers_of": uuids["dan"], "to": [uuids["dan"]]}]
    # Many followers: in messages of at most HOME_CHUNK viewers, every one of them named once.
    sql(
        "WITH made AS (INSERT INTO users (cognito_user_id, handle, email, display_name)"
        " SELECT 'many-' || n, 'many_' || n, 'many' || n || '@example.com', 'Many ' || n"
        " FROM generate_series(1, %s) AS n RETURNING uuid)"
        " INSERT INTO follows (follower_uuid, followed_uuid) SELECT made.uuid, %s FROM made",
        (HOME_CHUNK + 10, uuids["cat"]),
    )
    to_many = post(client, cat, "to many")
    chunks = announced(2)
    assert [len(chunk["to"]) for chunk in chunks] == [HOME_CHUNK, 11]
    assert {chunk["uuid"] for chunk in chunks} == {to_many["uuid"]}
    named = [viewer for chunk in chunks for viewer in chunk["to"]]
    assert len(set(named)) == len(named) and uuids["cat"] in named
    subscription.close()


@pytest.mark.slow  # walks many homes page by page
def test_follows_unfollows_unreposts_deletions_and_expiry_in_between(app, client, people, sql, redis_server, fan_out):
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    client.post("/api/users/@bob/follow", headers=ann)
    sql("busy_home.sql")
    timelines = Timelines.from_url(redis_server.url)
    ann_uuid = uuid_of(sql, "ann")
    assert_same_home(app, sql, ann_uuid, timelines)
    # A follow: cat's earlier cruds belong on ann's home at once.
    client.post("/api/users/@cat/follow", headers=ann)
    assert_same_home(app, sql, ann_uuid, timelines)
    # A repost, then an unrepost: cat 41 is back where cat posted it, not where bob had reposted it.
    [[cat_41]] = sql("SELECT uuid FROM activities WHERE message = 'cat 41'")
    assert client.post(f"/api/activities/{cat_41}/repost", headers=bob).status_code == 200
    assert wait_until(lambda: ("cat 41", "bob", False, False) in home_pages(app, sql, ann_uuid, 7, timelines))
    assert_same_home(app, sql, ann_uuid, timelines)
    assert client.delete(f"/api/activities/{cat_41}/repost", headers=bob).status_code == 200
    assert ("cat 41", None, False, False) in home_pages(app, sql, ann_uuid, 7, timelines)
    assert_same_home(app, sql, ann_uuid, timelines)
    # A deletion and an expiry.
    deleted = post(client, cat, "deleted soon")
    [[bob_80]] = sql("SELECT uuid FROM activities WHERE message = 'bob 80'")
    sql("UPDATE activities SET expires_at = now() - interval '1 second' WHERE uuid = %s", (bob_80,))
    assert wait_until(lambda: ("deleted soon", None, False, False) in home_pages(app, sql, ann_uuid, 7, timelines))
    client.delete(f"/api/activities/{deleted['uuid']}", headers=cat)
    assert_same_home(app, sql, ann_uuid, timelines)
    # An unfollow: none of bob's cruds or reposts is left.
    client.delete("/api/users/@bob/follow", headers=ann)
    pages = home_pages(app, sql, ann_uuid, 7, timelines)
    assert pages == home_pages(app, sql, ann_uuid, 7)
    assert not [entry for entry in pages if entry[0].startswith("bob") or entry[1] == "bob"]


def test_losing_the_store_loses_nothing(app, client, people, sql, redis_server, fan_out):
    ann = people["ann"]
    for followed in ("bob", "cat"):
        client.post(f"/api/users/@{followed}/follow", headers=ann)
    sql("busy_home.sql")
    timelines = Timelines.from_url(redis_server.url)
    ann_uuid = uuid_of(sql, "ann")
    assert_same_home(app, sql, ann_uuid, timelines)
    redis_server.client.flushall()
    post(client, people["bob"], "written while the store was empty")
    assert_same_home(app, sql, ann_uuid, timelines)
    assert ("written while the store was empty", None, False, False) in home_pages(app, sql, ann_uuid, 7, timelines)
    # With Redis gone altogether, PostgreSQL answers every page.
    redis_server.stop()
    post(client, people["cat"], "written while the store was down")
    assert_same_home(app, sql, ann_uuid, timelines)


def test_a_restarted_fan_out_makes_every_timeline_cold(app, client, people, sql, redis_server, config):
    ann = people["ann"]
    client.post("/api/users/@bob/follow", headers=ann)
    post(client, people["bob"], "seen")
    timelines = Timelines.from_url(redis_server.url)
    ann_uuid = uuid_of(sql, "ann")
    assert_same_home(app, sql, ann_uuid, timelines)
    # Nobody listened when this was written: only the new generation's rebuild can show it.
    missed = post(client, people["bob"], "written while the fan-out was down")
    with running_fan_out(config.database_url, redis_server.url):
        assert redis_server.client.get("timelines:generation") == b"1"
        assert home_pages(app, sql, ann_uuid, 7, timelines)[0][0] == "written while the fan-out was down"
        assert redis_server.client.zscore(f"timeline:1:{ann_uuid}", f"{missed['uuid']}|") is not None


def test_people_with_very_many_followers_are_merged_when_read(app, client, people, sql, redis_server, config):
    ann, bob = people["ann"], people["bob"]
    for followed in ("bob", "cat"):
        client.post(f"/api/users/@{followed}/follow", headers=ann)
    sql("busy_home.sql")
    # bob counts as very followed (the count is what the fan-out and the read go by); cat does not.
    sql("UPDATE users SET followers_count = very_followed_threshold() + 1 WHERE handle = 'bob'")
    with running_fan_out(config.database_url, redis_server.url):
        timelines = Timelines.from_url(redis_server.url)
        ann_uuid = uuid_of(sql, "ann")
        assert_same_home(app, sql, ann_uuid, timelines)
        key = f"timeline:{int(redis_server.client.get('timelines:generation'))}:{ann_uuid}"
        by_bob = post(client, bob, "bob, to many followers")
        by_cat = post(client, people["cat"], "cat, to a few")
        assert wait_until(lambda: redis_server.client.zscore(key, f"{by_cat['uuid']}|") is not None)
        assert redis_server.client.zscore(key, f"{by_bob['uuid']}|") is None
        assert home_pages(app, sql, ann_uuid, 7, timelines)[:2] == [
            ("cat, to a few", None, False, False),
            ("bob, to many followers", None, False, False),
        ]
        assert_same_home(app, sql, ann_uuid, timelines)


def test_the_served_home_reads_the_timeline(make_app, people, sql, redis_server):
    served = make_app(timelines_url=redis_server.url).test_client()
    ann = people["ann"]
    served.post("/api/users/@bob/follow", headers=ann)
    post(served, people["bob"], "on ann's timeline")
    assert [c["message"] for c in served.get("/api/activities/home", headers=ann).json["items"]] == [
        "on ann's timeline"
    ]
    assert redis_server.client.zcard(f"timeline:0:{uuid_of(sql, 'ann')}") == 1


def test_one_rebuild_at_a_time_and_the_others_read_postgres(app, client, people, sql, redis_server):
    ann = people["ann"]
    client.post("/api/users/@bob/follow", headers=ann)
    sql("busy_home.sql")
    timelines = Timelines.from_url(redis_server.url)
    ann_uuid = uuid_of(sql, "ann")
    # Another request's rebuild is under way: this read neither waits for it nor starts a second one.
    token = timelines.start_rebuild(ann_uuid)
    assert token and timelines.start_rebuild(ann_uuid) is None
    assert_same_home(app, sql, ann_uuid, timelines)
    assert redis_server.client.get(f"timeline:0:{ann_uuid}:state") == f"building:{token}".encode()
    # A rebuild that never finishes (its process died) gives way after its time.
    redis_server.client.expire(f"timeline:0:{ann_uuid}:state", 1)
    assert wait_until(
        lambda: home_pages(app, sql, ann_uuid, 7, timelines) and redis_server.client.zcard(f"timeline:0:{ann_uuid}") > 0
    )
    assert redis_server.client.get(f"timeline:0:{ann_uuid}:state") == b"-inf"
