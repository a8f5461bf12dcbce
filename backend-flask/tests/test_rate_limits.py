"""Rate limits: per user and per IP on writes, per IP on sign-in-adjacent requests; counts shared by every
process through PostgreSQL (the default) or Redis."""

import shutil
import subprocess
import time

import pytest

from conftest import free_port
from cruddur.api.rate_limits import RedisCounter
from cruddur.config import Limit


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


def test_counts_are_shared_between_processes(make_app, auth):
    first = make_app(rate_limit_writes_per_user="2/minute").test_client()
    second = make_app(rate_limit_writes_per_user="2/minute").test_client()
    ann = auth.headers("ann")
    assert crud(first, ann).status_code == 201 and crud(second, ann).status_code == 201
    assert_limited(crud(first, ann), 2)


def test_the_client_address_behind_a_trusted_proxy(make_app, auth):
    client = make_app(rate_limit_writes_per_ip="1/minute", trusted_proxy_hops=1).test_client()
    ann = auth.headers("ann")
    behind = {"X-Forwarded-For": "203.0.113.9"}
    assert crud(client, {**ann, **behind}).status_code == 201
    assert_limited(crud(client, {**ann, **behind}), 1)
    assert crud(client, {**ann, "X-Forwarded-For": "203.0.113.10"}).status_code == 201


@pytest.mark.parametrize(
    "spec, limit", [("60/minute", Limit(60, 60)), (" 5 / second ", Limit(5, 1)), ("100/hour", Limit(100, 3600))]
)
def test_limit_specs(spec, limit):
    assert Limit.parse(spec) == limit


@pytest.mark.parametrize("spec", ["", "0/minute", "ten/minute", "5/day", "5"])
def test_bad_limit_specs(spec):
    with pytest.raises(ValueError):
        Limit.parse(spec)


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    assert server, "bin/test installs redis-server"
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    counter = RedisCounter(url)
    for _ in range(100):
        try:
            counter.redis.ping()
            break
        except Exception:  # not listening yet
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(5)


def test_redis_storage_shares_counts(make_app, auth, redis_url):
    first = make_app(rate_limit_storage_url=redis_url, rate_limit_writes_per_user="2/minute").test_client()
    second = make_app(rate_limit_storage_url=redis_url, rate_limit_writes_per_user="2/minute").test_client()
    ann = auth.headers("ann")
    assert crud(first, ann).headers["X-RateLimit-Remaining"] == "1"
    assert crud(second, ann).headers["X-RateLimit-Remaining"] == "0"
    assert_limited(crud(first, ann), 2)
    keys = RedisCounter(redis_url).redis.keys("cruddur:rate:writes_per_user:*")
    assert len(keys) == 1 and 0 < RedisCounter(redis_url).redis.ttl(keys[0]) <= 60
