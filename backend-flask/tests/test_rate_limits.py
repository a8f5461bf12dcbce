"""Rate limits: per user and per IP on writes, per IP on sign-in-adjacent requests; counts
shared by every process through Redis, in memory for a lone process or while Redis is down."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from cruddur.api.rate_limits import MEMORY_COUNTERS_PRUNED_AT, REDIS_RETRY_SECONDS, MemoryWindows, RedisWindows
from cruddur.config import ConfigError


def crud(client, headers, **environ):
    return client.post(
        "/api/activities", json={"message": "hi", "ttl": "1-hour"}, headers=headers, environ_base=environ
    )


def assert_limited(response, limit):
    assert response.status_code == 429
    assert response.json["errors"][0]["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert response.headers["X-RateLimit-Limit"] == str(limit)
    assert response.headers["X-RateLimit-Remaining"] == "0"


def test_writes_per_user(make_app, auth):
    client = make_app(rate_limit_writes_per_user="3/minute").test_client()
    ann, bob = auth.headers("ann"), auth.headers("bob")
    remaining = [crud(client, ann).headers["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    assert_limited(crud(client, ann), 3)
    assert crud(client, bob).status_code == 201
    assert client.get("/api/activities/home", headers=ann).status_code == 200  # reads are not limited


def test_people_writing_at_once_are_counted_apart(make_app, auth):
    # The per-person limit is checked inside the request, on threads: one person's writes never count
    # against another's.
    client = make_app(rate_limit_writes_per_user="5/minute").test_client()
    people = {handle: auth.headers(handle) for handle in ("ann", "bob")}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda handle: (handle, crud(client, people[handle]).status_code), ["ann", "bob"] * 8))
    for handle in people:
        statuses = sorted(status for who, status in answers if who == handle)
        assert statuses == [201] * 5 + [429] * 3


def test_writes_per_ip_across_people(make_app, auth):
    client = make_app(rate_limit_writes_per_ip="2/minute").test_client()
    ann, bob = auth.headers("ann"), auth.headers("bob")
    assert crud(client, ann).status_code == 201 and crud(client, bob).status_code == 201
    assert_limited(crud(client, bob), 2)
    assert crud(client, bob, REMOTE_ADDR="10.1.2.3").status_code == 201


def test_guesses_per_ip_failed_tokens_and_username_look_ups(make_app, auth):
    client = make_app(rate_limit_sign_in_per_ip="3/minute").test_client()
    ann = auth.headers("ann")
    assert client.get("/api/users/me", headers={"Authorization": "Bearer not.a.token"}).status_code == 401
    assert client.get("/api/activities/home", headers={"Authorization": "Bearer x.y.z"}).status_code == 401
    assert client.get("/api/handles/somebody").status_code == 200
    assert_limited(client.get("/api/handles/somebody_else"), 3)
    assert_limited(client.get("/api/activities/home", headers={"Authorization": "Bearer x.y.z"}), 3)
    # Normal use is not guessing: a signed-in person behind the same address is never refused for reading.
    for _ in range(5):
        assert client.get("/api/users/me", headers=ann).status_code == 200
    assert client.get("/api/activities/home", headers=ann).status_code == 200


def test_people_behind_one_address_reload_freely(make_app, auth):
    # The web app asks for the profile on every page load; an office of people sharing an address must not
    # run into the sign-in limit doing that (issue 14, item 8).
    client = make_app(rate_limit_sign_in_per_ip="3/minute").test_client()
    people = [auth.headers(handle) for handle in ("ann", "bob", "cat")]
    assert all(client.get("/api/users/me", headers=person).status_code == 200 for person in people * 4)


def test_the_client_address_behind_a_trusted_proxy(make_app, auth):
    client = make_app(rate_limit_writes_per_ip="1/minute", trusted_proxy_hops=1).test_client()
    ann = auth.headers("ann")
    behind = {"X-Forwarded-For": "203.0.113.9"}
    assert crud(client, {**ann, **behind}).status_code == 201
    assert_limited(crud(client, {**ann, **behind}), 1)
    assert crud(client, {**ann, "X-Forwarded-For": "203.0.113.10"}).status_code == 201


@pytest.mark.parametrize("spec", ["60/minute", " 5 / second ", "100/hour", "1000/day"])
def test_limit_specs(config, spec):
    config.with_overrides(rate_limit_writes_per_user=spec).validate()


# Several limits in one spec would count only the first of them.
@pytest.mark.parametrize("spec", ["", "0/minute", "ten/minute", "5", "10/minute;100/hour", "10/minute, 100/hour"])
def test_bad_limit_specs(config, spec):
    with pytest.raises(ConfigError):
        config.with_overrides(rate_limit_sign_in_per_ip=spec).validate()


def test_redis_shares_counts_between_processes(make_app, auth, redis_server):
    limits = {"rate_limit_storage_url": redis_server.url, "rate_limit_writes_per_user": "2/minute"}
    first, second = make_app(**limits).test_client(), make_app(**limits).test_client()
    ann = auth.headers("ann")
    assert crud(first, ann).headers["X-RateLimit-Remaining"] == "1"
    assert crud(second, ann).headers["X-RateLimit-Remaining"] == "0"
    assert_limited(crud(first, ann), 2)
    # One counter per person and window, which Redis forgets once the window is over.
    keys = [key for key in redis_server.client.keys("*") if b"writes_per_user" in key]
    assert len(keys) == 1 and 0 < redis_server.client.ttl(keys[0]) <= 60


def test_writes_go_on_while_redis_is_down(make_app, auth, redis_server):
    client = make_app(rate_limit_storage_url=redis_server.url, rate_limit_writes_per_user="3/minute").test_client()
    ann = auth.headers("ann")
    assert crud(client, ann).status_code == 201
    redis_server.stop()
    # The process counts in memory meanwhile: writes are answered, and the limit still holds.
    assert [crud(client, ann).status_code for _ in range(3)] == [201, 201, 201]
    assert_limited(crud(client, ann), 3)


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_window_in_memory_starts_at_its_first_request_and_ends_after_its_time():
    clock = Clock()
    windows = MemoryWindows(clock)
    assert windows.hit("ann", 60) == (1, 60)
    clock.now += 59
    assert windows.hit("ann", 60) == (2, 1) and windows.hit("bob", 60) == (1, 60)
    clock.now += 1
    assert windows.hit("ann", 60) == (1, 60)


def test_counts_go_back_to_redis_once_it_answers_again(redis_server):
    clock = Clock()
    windows = RedisWindows(redis_server.url, MemoryWindows(clock), clock)
    assert windows.hit("cruddur:writes_per_user:ann", 60)[0] == 1
    redis_server.stop()
    assert windows.hit("cruddur:writes_per_user:ann", 60)[0] == 1  # in memory now
    redis_server.start()
    assert windows.hit("cruddur:writes_per_user:ann", 60)[0] == 2  # memory until the retry is due
    clock.now += REDIS_RETRY_SECONDS
    count, left = windows.hit("cruddur:writes_per_user:ann", 60)
    assert count == 1 and 59 < left <= 60  # Redis again (its counts started afresh with the server)
    assert redis_server.client.ttl("cruddur:writes_per_user:ann") in (59, 60)


def test_memory_counters_full_of_live_windows_are_not_pruned_on_every_request():
    """Live windows cannot be dropped (that would forget counts): past the pruning size with all of them live,
    a prune per request would copy every counter under the lock for every request."""
    clock = Clock()
    windows = MemoryWindows(clock)
    for n in range(MEMORY_COUNTERS_PRUNED_AT):
        windows.hit(f"cruddur:writes_per_ip:10.0.{n // 256}.{n % 256}", 60)
    counters_seen = [windows.windows]
    for n in range(1000):
        windows.hit(f"cruddur:writes_per_ip:10.1.{n // 256}.{n % 256}", 60)
        if counters_seen[-1] is not windows.windows:
            counters_seen.append(windows.windows)
    assert len(counters_seen) <= 2
    # Nothing live was dropped; once the windows end, they go when the counters have grown enough again.
    assert windows.hit("cruddur:writes_per_ip:10.0.0.0", 60)[0] == 2
    clock.now += 60
    for n in range(12_000):
        windows.hit(f"cruddur:writes_per_ip:10.2.{n // 256}.{n % 256}", 60)
    assert "cruddur:writes_per_ip:10.0.0.0" not in windows.windows
    assert len(windows.windows) <= 12_000
