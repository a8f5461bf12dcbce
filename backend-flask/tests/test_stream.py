"""The real-time stream (cruddur/stream) as its clients see it: a stream server in a process of its own,
PostgreSQL NOTIFY as the broker, the fan-out (cruddur/fanout, in a thread here) announcing on a real Redis
who got each crud and repost on their home, and writes made through the API (in this process, or served by
gunicorn in another). Objects in events must equal what the REST lists answer."""

import json
import time

import pytest
import requests
from receivers import wait_until
from servers import Gunicorn, RedisServer, StreamProcess, environment
from sse import EventStream
from tokens import access_claims, other_private_key_pem, sign

from conftest import REGION, running_fan_out
from cruddur.config import Config
from cruddur.timelines.store import Timelines

# Not in `bin/test quick`: a stream server in a subprocess, and the API served by gunicorn in some.
pytestmark = pytest.mark.slow

# Short, so the heartbeat test does not wait 20 s.
HEARTBEAT_SECONDS = 0.5
# The contract: an event reaches a stream within 2 s of its write.
WITHIN = 2.0


@pytest.fixture(scope="module")
def home_redis(tmp_path_factory):
    """The timelines' Redis, which the fan-out announces home events on, for the module."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fan_out(database_url, home_redis):
    with running_fan_out(database_url, home_redis.url) as running:
        yield running


def stream_config(database_url, local_aws):
    return Config(
        environment="test",
        database_url=database_url,
        aws_region=REGION,
        aws_endpoint_url=local_aws["endpoint"],
        cognito_user_pool_id=local_aws["pool_id"],
        cognito_user_pool_client_id=local_aws["client_id"],
        assets_base_url="http://assets.test",
    )


def start_stream(config, redis_url, **extra):
    server = StreamProcess(
        environment(config, TIMELINES_URL=redis_url, **extra),
        heartbeat_seconds=HEARTBEAT_SECONDS,
        listener_retry_max_seconds=0.5,
    )
    assert wait_until(lambda: server.health().get("home_events") is True), "home events are not subscribed"
    return server


@pytest.fixture(scope="module")
def stream_server(database_url, local_aws, home_redis, fan_out):
    """One stream server for the module, with the fan-out running; the tables are emptied between tests by
    `config`."""
    server = start_stream(stream_config(database_url, local_aws), home_redis.url)
    yield server
    server.stop()


@pytest.fixture
def open_stream(stream_server):
    opened = []

    def open_(headers, url=None):
        opened.append(EventStream(url or stream_server.url, headers))
        return opened[-1]

    yield open_
    for stream in opened:
        stream.close()


def post_crud(client, headers, message="Hello stream"):
    response = client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=headers)
    assert response.status_code == 201
    return response.get_json()


def test_no_or_bad_token_is_401_as_json(open_stream, config):
    missing = open_stream({})
    assert missing.status_code == 401
    assert missing.body["errors"][0]["code"] == "missing_token"
    assert "aiohttp" not in missing.response.headers["Server"]
    garbled = open_stream({"Authorization": "Bearer not-a-jwt"})
    assert garbled.status_code == 401
    assert garbled.body["errors"][0]["code"] == "malformed_token"
    forged = sign(access_claims(config.cognito_issuer, config.cognito_user_pool_client_id), key=other_private_key_pem())
    assert open_stream({"Authorization": f"Bearer {forged}"}).status_code == 401


def test_a_message_reaches_both_members_within_2s(client, person, open_stream):
    alice, bob = person("alice"), person("bob")
    alice_stream, bob_stream = open_stream(alice), open_stream(bob)
    assert bob_stream.status_code == 200
    assert bob_stream.response.headers["Content-Type"].startswith("text/event-stream")
    started = time.monotonic()
    sent = client.post("/api/messages", json={"message": "Hi Bob ✨", "handle": "bob"}, headers=alice)
    assert sent.status_code == 201
    for stream in (bob_stream, alice_stream):
        event = stream.next(name="message", seconds=WITHIN)
        assert event is not None, "no message event within 2 s"
        assert event["data"] == {"message": sent.get_json()}
        assert int(event["id"]) > 0
    assert time.monotonic() - started < WITHIN + 0.5
    # Bob is notified of it too; the one who sent it is not.
    notified = bob_stream.next(name="notification", seconds=WITHIN)
    assert notified["data"]["notification"]["type"] == "message"
    assert alice_stream.next(name="notification", seconds=0.5) is None


def test_notifications_come_with_the_unread_count(client, person, open_stream):
    alice, bob, carol = person("alice"), person("bob"), person("carol")
    crud = post_crud(client, alice)
    alice_stream = open_stream(alice)
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=bob).status_code == 200
    liked = alice_stream.next(name="notification", seconds=WITHIN)
    listed = client.get("/api/activities/notifications", headers=alice).get_json()
    assert liked["data"] == {"notification": listed["items"][0], "unread_count": 1}
    assert liked["data"]["notification"]["type"] == "like"
    assert liked["data"]["notification"]["activity"]["uuid"] == crud["uuid"]

    assert client.post("/api/users/@alice/follow", headers=carol).status_code == 200
    followed = alice_stream.next(name="notification", seconds=WITHIN)
    listed = client.get("/api/activities/notifications", headers=alice).get_json()
    assert followed["data"] == {"notification": listed["items"][0], "unread_count": 2}
    assert followed["data"]["notification"]["type"] == "follow"
    assert followed["data"]["notification"]["actor"]["handle"] == "carol"


def uuid_of(sql, handle):
    return str(sql("SELECT uuid FROM users WHERE handle = %s", (handle,))[0][0])


def test_home_gets_followed_peoples_posts_and_reposts(client, person, open_stream):
    alice, bob, carol = person("alice"), person("bob"), person("carol")
    assert client.post("/api/users/@alice/follow", headers=bob).status_code == 200
    bob_stream, carol_stream = open_stream(bob), open_stream(carol)

    posted = post_crud(client, alice, "From Alice")
    event = bob_stream.next(name="home", seconds=WITHIN)
    assert event is not None, "no home event within 2 s"
    home = client.get("/api/activities/home", headers=bob).get_json()["items"]
    assert event["data"] == {"crud": home[0]}
    assert event["data"]["crud"]["uuid"] == posted["uuid"]
    assert event["data"]["crud"]["liked"] is False
    # Carol does not follow Alice.
    assert carol_stream.next(name="home", seconds=0.5) is None

    # Someone Bob does not follow: nothing. Until Alice reposts it.
    carols = post_crud(client, carol, "From Carol")
    assert bob_stream.next(name="home", seconds=1.0) is None
    assert client.post(f"/api/activities/{carols['uuid']}/repost", headers=alice).status_code == 200
    event = bob_stream.next(name="home", seconds=WITHIN)
    home = client.get("/api/activities/home", headers=bob).get_json()["items"]
    assert event["data"] == {"crud": home[0]}
    assert event["data"]["crud"]["uuid"] == carols["uuid"]
    assert event["data"]["crud"]["reposted_by"] == {"handle": "alice", "display_name": "Alice"}

    # Bob's own post comes to his home; a reply does not.
    own = post_crud(client, bob, "From Bob")
    assert bob_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == own["uuid"]
    reply = client.post(f"/api/activities/{own['uuid']}/reply", json={"message": "Me again"}, headers=bob)
    assert reply.status_code == 201
    assert bob_stream.next(name="home", seconds=1.0) is None


def test_home_events_are_what_the_fan_out_announces(client, person, open_stream, home_redis, sql):
    """Whose home gets a crud is the fan-out's to say: the stream process sends a `home` event to the viewers
    an announcement names (rendered for each), whoever they follow, and to nobody else."""
    alice, bob, carol = person("alice"), person("bob"), person("carol")
    bob_stream, carol_stream = open_stream(bob), open_stream(carol)
    posted = post_crud(client, alice, "Announced by hand")
    assert client.post(f"/api/activities/{posted['uuid']}/like", headers=bob).status_code == 200
    Timelines.from_url(home_redis.url).publish_home(posted["uuid"], None, [uuid_of(sql, "bob")])
    event = bob_stream.next(name="home", seconds=WITHIN)
    assert event["data"]["crud"]["uuid"] == posted["uuid"]
    assert event["data"]["crud"]["liked"] is True
    assert carol_stream.next(name="home", seconds=0.5) is None


def test_announcements_it_cannot_read_leave_home_events_flowing(client, person, open_stream, home_redis, sql):
    """Whatever lands on the channel (a bug, an older fan-out, someone with access to that Redis), the stream
    process skips what it cannot read and goes on hearing the rest."""
    alice, bob = person("alice"), person("bob")
    bob_stream = open_stream(bob)
    posted = post_crud(client, alice, "After the odd ones")
    bob_uuid = uuid_of(sql, "bob")
    for odd in (
        "[" * 100_000,  # nested deeper than the JSON parser recurses
        "not json",
        json.dumps({"uuid": posted["uuid"], "to": "bob"}),
        json.dumps({"uuid": posted["uuid"], "by": ["x"], "to": [bob_uuid]}),
        json.dumps({"uuid": "not-a-uuid", "to": [bob_uuid]}),
        json.dumps({"uuid": posted["uuid"], "to": [], "followers_of": {"a": 1}}),
    ):
        home_redis.client.publish("timelines:home", odd)
    Timelines.from_url(home_redis.url).publish_home(posted["uuid"], None, [bob_uuid])
    event = bob_stream.next(name="home", seconds=WITHIN)
    assert event is not None, "home events stopped after an announcement the stream could not read"
    assert event["data"]["crud"]["uuid"] == posted["uuid"]


def test_a_very_followed_writers_cruds_and_reposts_reach_their_followers(client, person, open_stream, sql):
    """The fan-out does not name the followers of someone above very_followed_threshold(): each stream process
    finds them among its own viewers."""
    alice, bob, carol = person("alice"), person("bob"), person("carol")
    assert client.post("/api/users/@alice/follow", headers=bob).status_code == 200
    sql("UPDATE users SET followers_count = very_followed_threshold() + 1 WHERE handle = 'alice'")
    alice_stream, bob_stream, carol_stream = open_stream(alice), open_stream(bob), open_stream(carol)

    posted = post_crud(client, alice, "To very many")
    event = bob_stream.next(name="home", seconds=WITHIN)
    assert event is not None, "a very-followed writer's crud did not reach a follower"
    assert event["data"] == {"crud": client.get("/api/activities/home", headers=bob).get_json()["items"][0]}
    assert event["data"]["crud"]["uuid"] == posted["uuid"]
    assert alice_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == posted["uuid"]
    assert carol_stream.next(name="home", seconds=0.5) is None

    carols = post_crud(client, carol, "Reposted by someone very followed")
    assert carol_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == carols["uuid"]
    assert client.post(f"/api/activities/{carols['uuid']}/repost", headers=alice).status_code == 200
    event = bob_stream.next(name="home", seconds=WITHIN)
    assert event["data"]["crud"]["uuid"] == carols["uuid"]
    assert event["data"]["crud"]["reposted_by"] == {"handle": "alice", "display_name": "Alice"}
    assert carol_stream.next(name="home", seconds=0.5) is None


def test_follows_made_while_streaming_change_what_home_gets(client, person, open_stream):
    alice, bob = person("alice"), person("bob")
    bob_stream = open_stream(bob)
    assert client.post("/api/users/@alice/follow", headers=bob).status_code == 200
    # The fan-out hears of the post after the follow committed, and reads the followers then.
    posted = post_crud(client, alice, "Now followed")
    assert bob_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == posted["uuid"]
    assert client.delete("/api/users/@alice/follow", headers=bob).status_code == 200
    post_crud(client, alice, "No longer followed")
    assert bob_stream.next(name="home", seconds=1.0) is None


def test_deletions_reach_streams_and_expiry_does_not(client, person, open_stream, app, sql):
    from cruddur.db.purge import purge_expired

    alice, bob = person("alice"), person("bob")
    doomed, expiring = post_crud(client, alice, "Deleted soon"), post_crud(client, alice, "Expiring soon")
    bob_stream = open_stream(bob)
    assert client.delete(f"/api/activities/{doomed['uuid']}", headers=alice).status_code == 204
    event = bob_stream.next(name="delete", seconds=WITHIN)
    assert event["data"] == {"uuid": doomed["uuid"]}

    # Clients drop a crud at its expires_at themselves: the purge's deletion is announced to no one.
    sql(
        "UPDATE activities SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second'"
        " WHERE uuid = %s",
        (expiring["uuid"],),
    )
    assert purge_expired(app.extensions["db"], batch_size=10) == 1
    assert bob_stream.next(name="delete", seconds=1.0) is None
    # A deletion after it still is.
    later = post_crud(client, alice, "Deleted later")
    assert client.delete(f"/api/activities/{later['uuid']}", headers=alice).status_code == 204
    assert bob_stream.next(name="delete", seconds=WITHIN)["data"] == {"uuid": later["uuid"]}


def test_a_third_person_hears_nothing_of_others(client, person, open_stream):
    alice, bob, carol = person("alice"), person("bob"), person("carol")
    carol_stream = open_stream(carol)
    bob_stream = open_stream(bob)
    crud = post_crud(client, alice, "Alice's")
    assert client.post("/api/messages", json={"message": "Private", "handle": "bob"}, headers=alice).status_code == 201
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=bob).status_code == 200
    assert client.post("/api/users/@bob/follow", headers=alice).status_code == 200
    post_crud(client, bob, "Bob's")
    # Bob hears his message and notification; Carol (who follows nobody) nothing at all.
    assert bob_stream.next(name="message", seconds=WITHIN) is not None
    assert carol_stream.events(seconds=1.5) == []


def test_a_ping_comes_between_events(person, open_stream):
    stream = open_stream(person("alice"))
    assert stream.next(kind="comment", seconds=1.0) == "connected"
    assert stream.next(kind="comment", seconds=HEARTBEAT_SECONDS * 3) == "ping"


def test_the_stream_ends_when_its_token_expires(person, open_stream, config, sql):
    person("alice")
    [(cognito_user_id,)] = sql("SELECT cognito_user_id FROM users WHERE handle = 'alice'")
    # A real access token of Alice's, signed with the local Cognito's key, that expires in 2 s.
    token = sign(
        access_claims(
            config.cognito_issuer, config.cognito_user_pool_client_id, sub=cognito_user_id, exp=int(time.time()) + 2
        )
    )
    stream = open_stream({"Authorization": f"Bearer {token}"})
    assert stream.status_code == 200
    assert stream.ended.wait(timeout=5), "the stream outlived its token"
    assert stream.next(kind="comment", name=None, seconds=0.1) is not None


def test_written_through_a_served_api_delivered_by_the_stream_process(config, auth, open_stream):
    """Two processes and one broker: gunicorn (two workers) writes, the stream process delivers."""
    api = Gunicorn(environment(config))
    try:
        alice, bob = auth.headers("alice"), auth.headers("bob")
        for headers in (alice, bob):
            assert requests.get(f"{api.url}/api/users/me", headers=headers, timeout=10).status_code == 200
        bob_stream = open_stream(bob)
        sent = requests.post(f"{api.url}/api/messages", json={"message": "Across", "handle": "bob"}, headers=alice)
        assert sent.status_code == 201
        assert bob_stream.next(name="message", seconds=WITHIN)["data"] == {"message": sent.json()}
        assert requests.post(f"{api.url}/api/users/@alice/follow", headers=bob, timeout=10).status_code == 200
        posted = requests.post(
            f"{api.url}/api/activities", json={"message": "Served", "ttl": "1-day"}, headers=alice, timeout=10
        )
        assert bob_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == posted.json()["uuid"]
    finally:
        api.stop()


def test_a_dropped_listener_reconnects_and_writes_go_on(client, person, open_stream, stream_server, sql):
    alice, bob = person("alice"), person("bob")
    bob_stream = open_stream(bob)
    terminated = sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = 'cruddur-stream-listener' AND datname = current_database()"
    )
    assert terminated == [(True,)]
    # Writes never wait for the broker's listeners.
    assert client.post("/api/messages", json={"message": "During", "handle": "bob"}, headers=alice).status_code == 201
    assert wait_until(stream_server.listening, seconds=10), "the listener did not reconnect"
    # The open stream carries on with what is written after.
    sent = client.post("/api/messages", json={"message": "After", "handle": "bob"}, headers=alice)
    event = bob_stream.next(name="message", seconds=WITHIN)
    while event is not None and event["data"]["message"]["message"] != "After":
        event = bob_stream.next(name="message", seconds=WITHIN)
    assert event["data"] == {"message": sent.get_json()}
    assert not bob_stream.ended.is_set()


def test_deliveries_are_traced_and_streams_logged(config, client, person, otlp_collector, home_redis):
    """A stream process exporting to the loopback OTLP collector: a `stream.deliver` span per delivered event,
    JSON log lines when a stream opens and closes, and the counts of streams and events now and then."""
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    traced = StreamProcess(
        environment(
            config,
            TIMELINES_URL=home_redis.url,
            OTEL_EXPORTER_OTLP_ENDPOINT=otlp_collector.url,
            OTEL_BSP_SCHEDULE_DELAY="100",
        ),
        heartbeat_seconds=HEARTBEAT_SECONDS,
        counts_log_seconds=0.5,
    )
    try:
        alice, bob = person("alice"), person("bob")
        bob_stream = EventStream(traced.url, bob)
        assert client.post("/api/messages", json={"message": "Traced", "handle": "bob"}, headers=alice).status_code
        assert bob_stream.next(name="message", seconds=WITHIN) is not None

        def counted_one_stream():
            lines = [json.loads(line) for line in traced.printed().splitlines() if line.startswith("{")]
            return any(line["message"] == "stream counts" and line["open_streams"] == 1 for line in lines)

        assert wait_until(counted_one_stream, seconds=10)
        bob_stream.close()

        def delivered():
            spans = [
                span
                for path, _, body in otlp_collector.requests
                if path == "/v1/traces"
                for r in ExportTraceServiceRequest.FromString(body).resource_spans
                for s in r.scope_spans
                for span in s.spans
                if span.name == "stream.deliver"
            ]
            return {a.key: a.value for a in spans[0].attributes} if spans else None

        assert wait_until(delivered, seconds=10)
        attributes = delivered()
        assert attributes["cruddur.stream.event"].string_value == "message"
        assert attributes["cruddur.stream.recipients"].int_value == 1
        assert wait_until(lambda: '"message": "stream closed"' in traced.printed(), seconds=10)
    finally:
        printed = traced.stop()
    lines = [json.loads(line) for line in printed.splitlines() if line.startswith("{")]
    opened = next(line for line in lines if line["message"] == "stream opened")
    closed = next(line for line in lines if line["message"] == "stream closed")
    assert opened["event"] == "stream_open" and opened["open_streams"] == 1
    assert closed["event"] == "stream_close" and closed["reason"] == "client_gone" and closed["events"] >= 1
    assert closed["open_streams"] == 0
    counts = [line for line in lines if line["message"] == "stream counts"]
    assert counts and all(line["event"] == "stream_counts" for line in counts)
    assert any(line["open_streams"] == 1 and line["events_delivered"] >= 1 for line in counts)


def test_home_events_come_back_after_redis_or_the_fan_out_restarts(config, client, person, tmp_path):
    """Redis (the fan-out's announcements) stopped and started again, empty, under an open stream: the stream
    process stays up and its other events go on; once Redis is back, home events do too. A crud written while
    the fan-out is down gets no home event (nothing is replayed); once it listens again, the next one does."""
    redis_server = RedisServer(tmp_path)
    server = start_stream(config, redis_server.url)
    try:
        alice, bob = person("alice"), person("bob")
        assert client.post("/api/users/@alice/follow", headers=bob).status_code == 200
        bob_stream = EventStream(server.url, bob)
        with running_fan_out(config.database_url, redis_server.url):
            before = post_crud(client, alice, "Before the restart")
            assert bob_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == before["uuid"]

            redis_server.stop()
            assert wait_until(lambda: server.health().get("home_events") is False, seconds=10)
            sent = client.post("/api/messages", json={"message": "Meanwhile", "handle": "bob"}, headers=alice)
            assert bob_stream.next(name="message", seconds=WITHIN)["data"] == {"message": sent.get_json()}
            redis_server.start()
            assert wait_until(lambda: server.health().get("home_events") is True, seconds=10)

            after = post_crud(client, alice, "After the restart")
            event = bob_stream.next(name="home", seconds=WITHIN)
            assert event is not None, "no home event after Redis came back"
            assert event["data"]["crud"]["uuid"] == after["uuid"]

        post_crud(client, alice, "While the fan-out is down")
        assert bob_stream.next(name="home", seconds=1.0) is None
        with running_fan_out(config.database_url, redis_server.url):
            again = post_crud(client, alice, "After the fan-out came back")
            assert bob_stream.next(name="home", seconds=WITHIN)["data"]["crud"]["uuid"] == again["uuid"]
        assert not bob_stream.ended.is_set() and server.process.poll() is None
        bob_stream.close()
    finally:
        printed = server.stop()
        redis_server.stop()
    assert "Traceback" not in printed, printed
    assert "home events subscription lost" in printed
