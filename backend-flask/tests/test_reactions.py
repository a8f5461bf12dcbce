"""Likes and reposts: idempotent toggles with exact counts, even when clicks race."""

import threading
import uuid

import pytest


@pytest.fixture
def crud(client, auth):
    author = auth.headers("amy")
    return client.post("/api/activities", json={"message": "like me", "ttl": "1-day"}, headers=author).json


@pytest.mark.parametrize(
    "reaction, count, flag", [("like", "likes_count", "liked"), ("repost", "reposts_count", "reposted")]
)
def test_toggle_is_idempotent(client, auth, crud, reaction, count, flag):
    ben = auth.headers("ben")
    path = f"/api/activities/{crud['uuid']}/{reaction}"
    for _ in range(2):
        on = client.post(path, headers=ben)
        assert on.status_code == 200 and on.json[count] == 1 and on.json[flag] is True
    for _ in range(2):
        off = client.delete(path, headers=ben)
        assert off.status_code == 200 and off.json[count] == 0 and off.json[flag] is False
    assert client.get(f"/api/activities/@amy/status/{crud['uuid']}", headers=ben).json["activity"][count] == 0


def test_viewer_state_on_every_list(client, auth, crud):
    ben = auth.headers("ben")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=ben)
    for path in ("/api/activities/explore", "/api/activities/@amy"):
        [item] = client.get(path, headers=ben).json["items"]
        assert item["liked"] is True and item["reposted"] is False and item["likes_count"] == 1
    assert client.get(f"/api/activities/@amy/status/{crud['uuid']}", headers=ben).json["activity"]["liked"] is True


def test_concurrent_likes_keep_exact_counts(app, auth, crud):
    people = [auth.headers(f"fan{n}") for n in range(8)]
    for headers in people:  # make their rows first, so the race is only about likes
        app.test_client().get("/api/users/me", headers=headers)
    errors = []

    def click(headers, times):
        client = app.test_client()
        for n in range(times):
            method = client.post if n % 2 == 0 else client.delete
            response = method(f"/api/activities/{crud['uuid']}/like", headers=headers)
            if response.status_code != 200:
                errors.append(response.status_code)

    # Each fan clicks like/unlike an odd number of times concurrently: each ends liked.
    threads = [threading.Thread(target=click, args=(headers, 7)) for headers in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    status = app.test_client().get(f"/api/activities/@amy/status/{crud['uuid']}").json["activity"]
    assert status["likes_count"] == len(people)


def test_reacting_needs_a_live_crud_and_sign_in(client, auth, crud, sql):
    ben = auth.headers("ben")
    assert client.post(f"/api/activities/{crud['uuid']}/like").status_code == 401
    missing = client.post(f"/api/activities/{uuid.uuid4()}/repost", headers=ben)
    assert missing.status_code == 404 and missing.json["errors"][0]["code"] == "activity_not_found"
    assert client.post("/api/activities/nope/like", headers=ben).status_code == 400
    sql("UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'")
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=ben).status_code == 404
