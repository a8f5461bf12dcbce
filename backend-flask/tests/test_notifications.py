"""Notifications: reply, like, repost, follow and mention from others; unread count; gone with their crud."""

import pytest

from cruddur.services.notifications import mentioned_handles


def post(client, headers, message, ttl="1-day"):
    return client.post("/api/activities", json={"message": message, "ttl": ttl}, headers=headers).json


def notifications(client, headers, query=""):
    return client.get(f"/api/activities/notifications{query}", headers=headers).json


def test_each_kind_newest_first_with_actor_and_crud(client, people):
    ann, bob = people["ann"], people["bob"]
    crud = post(client, ann, "hello world")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob)
    client.post(f"/api/activities/{crud['uuid']}/repost", headers=bob)
    reply = client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "hi @ann"}, headers=bob).json
    client.post("/api/users/@ann/follow", headers=bob)
    mention = post(client, bob, "look at @ANN and @cat and @nobody")

    page = notifications(client, ann)
    assert [n["type"] for n in page["items"]] == ["mention", "follow", "reply", "repost", "like"]
    assert page["unread_count"] == 5 and page["next_cursor"] is None
    by_type = {n["type"]: n for n in page["items"]}
    assert by_type["reply"]["activity"]["uuid"] == reply["uuid"]  # the reply itself, told once
    assert by_type["mention"]["activity"]["uuid"] == mention["uuid"]
    assert by_type["like"]["activity"]["uuid"] == crud["uuid"] and by_type["like"]["activity"]["likes_count"] == 1
    assert by_type["follow"]["activity"] is None
    assert by_type["like"]["actor"] == {
        "uuid": by_type["like"]["actor"]["uuid"],
        "handle": "bob",
        "display_name": "Bob",
        "avatar_url": None,
    }
    assert all(n["read"] is False for n in page["items"])
    assert [n["type"] for n in notifications(client, people["cat"])["items"]] == ["mention"]


def test_never_for_your_own_actions(client, people):
    ann = people["ann"]
    crud = post(client, ann, "talking to @ann myself")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=ann)
    client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "me again"}, headers=ann)
    assert notifications(client, ann) == {
        "items": [],
        "next_cursor": None,
        "unread_count": 0,
        "unread_messages_count": 0,
    }


def test_undoing_withdraws_and_redoing_tells_once(client, people):
    ann, bob = people["ann"], people["bob"]
    crud = post(client, ann, "toggle me")
    for _ in range(3):
        client.post(f"/api/activities/{crud['uuid']}/like", headers=bob)
        client.delete(f"/api/activities/{crud['uuid']}/like", headers=bob)
    assert notifications(client, ann)["items"] == []
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob)
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob)
    assert [n["type"] for n in notifications(client, ann)["items"]] == ["like"]


def test_mark_all_read(client, people):
    ann, bob = people["ann"], people["bob"]
    client.post("/api/users/@ann/follow", headers=bob)
    assert client.post("/api/activities/notifications/read", json={}, headers=ann).status_code == 204
    page = notifications(client, ann)
    assert page["unread_count"] == 0 and page["items"][0]["read"] is True
    assert client.post("/api/activities/notifications/read", json=[], headers=ann).status_code == 400
    assert client.post("/api/activities/notifications/read", json={}).status_code == 401
    assert client.get("/api/activities/notifications").status_code == 401


def test_gone_when_the_crud_expires_or_is_deleted(client, people, sql):
    ann, bob = people["ann"], people["bob"]
    kept, expiring, deleted = (post(client, ann, m) for m in ("kept", "expiring", "deleted"))
    for crud in (kept, expiring, deleted):
        client.post(f"/api/activities/{crud['uuid']}/like", headers=bob)
    sql(
        "UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
        "WHERE uuid = %s",
        (expiring["uuid"],),
    )
    client.delete(f"/api/activities/{deleted['uuid']}", headers=ann)
    page = notifications(client, ann)
    assert [n["activity"]["uuid"] for n in page["items"]] == [kept["uuid"]] and page["unread_count"] == 1


def test_pages(client, people, sql):
    ann = people["ann"]
    crud = post(client, ann, "popular")
    sql(
        """INSERT INTO notifications (user_uuid, actor_uuid, type, activity_uuid, created_at)
           SELECT a.user_uuid, b.uuid, 'mention', a.uuid, now() - n * interval '1 minute'
           FROM activities a, users b, generate_series(1, 25) n WHERE a.uuid = %s AND b.handle = 'bob'""",
        (crud["uuid"],),
    )
    first = notifications(client, ann, "?limit=10")
    second = notifications(client, ann, f"?limit=10&cursor={first['next_cursor']}")
    third = notifications(client, ann, f"?limit=10&cursor={second['next_cursor']}")
    uuids = [n["uuid"] for page in (first, second, third) for n in page["items"]]
    assert len(uuids) == len(set(uuids)) == 25 and third["next_cursor"] is None


@pytest.mark.parametrize(
    "message, handles",
    [
        ("hi @Ann and @bob_2!", ["ann", "bob_2"]),
        ("mail me@example.com", []),
        ("@ab too short, @" + "x" * 21 + " too long", []),
    ],
)
def test_mentions_are_found(message, handles):
    assert mentioned_handles(message) == handles


def test_new_messages_notify_once_until_read(client, people):
    ann, bob = people["ann"], people["bob"]
    for text in ("hi", "are you there?"):
        assert client.post("/api/messages", json={"message": text, "handle": "ann"}, headers=bob).status_code == 201
    [told] = notifications(client, ann)["items"]
    assert (told["type"], told["actor"]["handle"], told["activity"]) == ("message", "bob", None)
    client.post("/api/activities/notifications/read", json={}, headers=ann)
    client.post("/api/messages", json={"message": "hello again", "handle": "ann"}, headers=bob)
    page = notifications(client, ann)
    assert [n["read"] for n in page["items"]] == [False, True] and page["unread_count"] == 1
    assert notifications(client, bob)["items"] == []
