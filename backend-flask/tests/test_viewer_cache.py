"""The viewer a verified token resolved to, kept a few seconds per process (api/viewer_cache.py)."""

import time

from cruddur.api.viewer_cache import ViewerCache


def post(client, headers, message):
    return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers)


def home_messages(client, headers):
    return [crud["message"] for crud in client.get("/api/activities/home", headers=headers).json["items"]]


def test_reads_reuse_the_viewer_and_the_viewers_own_writes_drop_it(make_app, auth, sql):
    client = make_app(viewer_cache_seconds=60).test_client()
    ann, bob, dan = (auth.headers(handle) for handle in ("ann", "bob", "dan"))
    for headers in (ann, bob, dan):
        client.get("/api/users/me", headers=headers)
    post(client, bob, "bob's")
    post(client, dan, "dan's")
    # ann follows nobody: her home is everyone's, and her row is now kept.
    assert home_messages(client, ann) == ["dan's", "bob's"]
    # A follow written behind the API's back is not seen while the kept row lasts ...
    sql(
        "INSERT INTO follows (follower_uuid, followed_uuid) SELECT a.uuid, b.uuid FROM users a, users b "
        "WHERE a.handle = 'ann' AND b.handle = 'bob'"
    )
    sql("UPDATE users SET following_count = 1 WHERE handle = 'ann'")
    assert home_messages(client, ann) == ["dan's", "bob's"]
    # ... and any write of ann's through the API drops it: her next read has her row as it is.
    assert client.post("/api/profile/update", json={"bio": "Hello"}, headers=ann).status_code == 200
    assert home_messages(client, ann) == ["bob's"]


def test_an_entry_never_outlives_its_token_nor_its_seconds():
    viewer = {"uuid": "a"}
    cache = ViewerCache(seconds=60)
    cache.put("short-lived", {"exp": time.time() + 0.3}, viewer)
    cache.put("long-lived", {"exp": time.time() + 3600}, viewer)
    cache.put("expired", {"exp": time.time() - 1}, viewer)
    assert cache.get("short-lived") and cache.get("long-lived") and cache.get("expired") is None
    time.sleep(0.4)
    assert cache.get("short-lived") is None and cache.get("long-lived")
    brief = ViewerCache(seconds=0.3)
    brief.put("token", {"exp": time.time() + 3600}, viewer)
    time.sleep(0.4)
    assert brief.get("token") is None
    off = ViewerCache(seconds=0)
    off.put("token", {"exp": time.time() + 3600}, viewer)
    assert off.get("token") is None
    cache.forget("a")
    assert cache.get("long-lived") is None
