"""The authorization matrix: for every endpoint that touches someone's data, another signed-in person and an
anonymous caller are refused (or see only their own), and the owner's data is unchanged."""
import pytest

ANONYMOUS = {}


@pytest.fixture
def world(client, auth):
    """Ann owns a crud, notifications and a conversation with Bob; Eve is someone else."""
    people = {handle: auth.headers(handle) for handle in ("ann", "bob", "eve")}
    for headers in people.values():
        client.get("/api/users/me", headers=headers)
    crud = client.post("/api/activities", json={"message": "ann's", "ttl": "1-day"}, headers=people["ann"]).json
    client.post(f"/api/activities/{crud['uuid']}/like", headers=people["bob"])
    message = client.post("/api/messages", json={"message": "hi ann", "handle": "ann"}, headers=people["bob"]).json
    return {**people, "crud": crud["uuid"], "group": message["message_group_uuid"]}


def requests_on_anns_data(world):
    """(method, path, json body) of each request that reads or changes something of Ann's."""
    return [
        ("DELETE", f"/api/activities/{world['crud']}", None),
        ("GET", f"/api/messages/{world['group']}", None),
        ("POST", "/api/messages", {"message": "let me in", "message_group_uuid": world["group"]}),
    ]


def call(client, method, path, body, headers):
    return client.open(path, method=method, json=body, headers=headers)


def test_another_person_is_refused(client, world):
    for method, path, body in requests_on_anns_data(world):
        response = call(client, method, path, body, world["eve"])
        assert response.status_code in (403, 404), (method, path, response.status_code)
        assert response.json["errors"][0]["code"] in ("not_author", "message_group_not_found")


def test_anonymous_is_refused_everywhere_it_must_be(client, world):
    signed_in_only = requests_on_anns_data(world) + [
        ("GET", "/api/users/me", None),
        ("POST", "/api/profile/update", {"bio": "hacked"}),
        ("GET", "/api/activities/notifications", None),
        ("POST", "/api/activities/notifications/read", {}),
        ("GET", "/api/message_groups", None),
        ("GET", "/api/message_groups/@bob", None),
        ("POST", "/api/activities", {"message": "x", "ttl": "1-day"}),
        ("POST", f"/api/activities/{world['crud']}/reply", {"message": "x"}),
        ("POST", f"/api/activities/{world['crud']}/like", None),
        ("DELETE", f"/api/activities/{world['crud']}/like", None),
        ("POST", f"/api/activities/{world['crud']}/repost", None),
        ("DELETE", f"/api/activities/{world['crud']}/repost", None),
        ("POST", "/api/users/@ann/follow", None),
        ("DELETE", "/api/users/@ann/follow", None),
        ("POST", "/api/avatars/presign", {"content_type": "image/png", "size": 1000}),
    ]
    for method, path, body in signed_in_only:
        response = call(client, method, path, body, ANONYMOUS)
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.json["errors"][0]["code"] == "missing_token"


def test_people_only_ever_see_their_own(client, world):
    eve = world["eve"]
    assert client.get("/api/message_groups", headers=eve).json["items"] == []
    assert client.get("/api/message_groups/@bob", headers=eve).status_code == 404
    assert client.get("/api/activities/notifications", headers=eve).json["items"] == []
    client.post("/api/activities/notifications/read", json={}, headers=eve)
    client.post("/api/profile/update", json={"bio": "eve's bio"}, headers=eve)

    ann = world["ann"]
    assert client.get("/api/activities/notifications", headers=ann).json["unread_count"] == 2  # the like, the message
    assert client.get("/api/users/me", headers=ann).json["bio"] == ""
    assert client.get(f"/api/activities/@ann/status/{world['crud']}").status_code == 200
    assert [m["message"] for m in client.get(f"/api/messages/{world['group']}", headers=ann).json["items"]] == ["hi ann"]
