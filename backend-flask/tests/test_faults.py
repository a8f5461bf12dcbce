"""Faults against the API as production serves it: Postgres stopped under load and back again (and a pool
connecting again soon after a long outage), the local AWS down (messages answer 503, feeds and cached
sign-in keys keep working), and a worker killed with SIGKILL under write load (every acknowledged crud is
in the database)."""

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import psutil
import psycopg
import psycopg_pool
import pytest
import requests
from moto.server import ThreadedMotoServer
from receivers import wait_until
from servers import BACKEND, Gunicorn, StreamProcess, environment
from sse import EventStream

from conftest import AuthActions, free_port
from cruddur.db.database import Database
from cruddur.db.migrate import migrate
from devstack import aws

# Not in `bin/test quick`: gunicorn and PostgreSQL stopped and started.
pytestmark = pytest.mark.slow

# The served API's database timeout: no request may hang much past it.
DB_TIMEOUT_SECONDS = 2
# Each worker's pool retries a lost connection for this long (reconnect_timeout), then gives up until the next
# request: an outage that outlasts it shows the API answering, and later reconnecting, after the pools gave up.
POOL_RETRIES_FOR_SECONDS = 2 * DB_TIMEOUT_SECONDS
# Longer than a request waits for a connection, so a worker that has not reconnected shows within it as a 503
# or as a request still waiting.
STEADY_SECONDS = DB_TIMEOUT_SECONDS + 1
LOAD_CLIENTS = 4
# The load asks for the anonymous home page, which the API keeps this long (as in production): only requests
# made later than this after PostgreSQL stopped must find it down.
PUBLIC_PAGE_CACHE_SECONDS = 1
# Acknowledged cruds wanted before a worker is killed, and again after, so the kill lands amid steady writing.
WRITES_EACH_SIDE_OF_THE_KILL = 50
# The contract: an event reaches a stream within 2 s of its write.
STREAM_WITHIN_SECONDS = 2.0


@dataclass
class Call:
    """One request of the load: made by `client` at `started`; `finished` stays None until it is over, and
    `status` None if it got no HTTP answer."""

    client: int
    started: float
    finished: float | None = None
    status: int | None = None
    retry_after: str | None = None

    @property
    def seconds(self):
        return self.finished - self.started


class Load:
    """LOAD_CLIENTS threads, each GETting the home feed one request after another until `stop()`; every call
    is kept, those still waiting included."""

    def __init__(self, url):
        self.url = f"{url}/api/activities/home"
        self.calls = []
        self._stopping = threading.Event()
        self._clients = [threading.Thread(target=self._client, args=(n,)) for n in range(LOAD_CLIENTS)]
        for thread in self._clients:
            thread.start()

    def _client(self, client):
        while not self._stopping.is_set():
            call = Call(client, time.monotonic())
            self.calls.append(call)
            try:
                response = requests.get(self.url, timeout=30)
                call.status, call.retry_after = response.status_code, response.headers.get("Retry-After")
            except requests.RequestException:
                pass
            call.finished = time.monotonic()

    def stop(self):
        self._stopping.set()
        for thread in self._clients:
            thread.join()

    def every_client_answered(self, status, made_after=0.0):
        answered = {call.client for call in list(self.calls) if call.started > made_after and call.status == status}
        return len(answered) == LOAD_CLIENTS

    def only_200_for(self, seconds, since):
        """Whether, for the last `seconds` (all after `since`), every answer was 200, every client had one, and
        no request has been waiting longer."""
        window_starts = time.monotonic() - seconds
        if window_starts < since:
            return False
        calls = list(self.calls)
        if any(call.finished is None and call.started < window_starts for call in calls):
            return False
        in_window = [call for call in calls if call.finished is not None and call.finished >= window_starts]
        return all(call.status == 200 for call in in_window) and {call.client for call in in_window} == set(
            range(LOAD_CLIENTS)
        )


def embedded_postgres(command, data_dir):
    """Starts (answering its URL) or stops a PostgreSQL as bin/dev does: from a short-lived process, since
    pgserver stops a server only when no other live process holds a handle to it."""
    done = subprocess.run(
        [sys.executable, "-m", "devstack.postgres", command, str(data_dir), "cruddur"],
        cwd=BACKEND,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


@pytest.fixture
def own_postgres(tmp_path_factory):
    """A PostgreSQL of this test's own, so stopping it disturbs no other test."""
    data_dir = tmp_path_factory.mktemp("faults") / "pg"
    url = embedded_postgres("start", data_dir)
    migrate(url)
    yield data_dir, url
    embedded_postgres("stop", data_dir)


def test_postgres_down_under_load_then_back(config, own_postgres):
    data_dir, url = own_postgres
    server = Gunicorn(
        environment(
            config.with_overrides(database_url=url, db_timeout_seconds=DB_TIMEOUT_SECONDS),
            PUBLIC_PAGE_CACHE_MS=str(PUBLIC_PAGE_CACHE_SECONDS * 1000),
        )
    )
    load = Load(server.url)
    try:
        assert wait_until(lambda: load.every_client_answered(200), seconds=30), "the load was never served"
        embedded_postgres("stop", data_dir)
        stopped_at = time.monotonic()
        health = requests.get(f"{server.url}/api/health-check", timeout=30)
        assert wait_until(
            lambda: load.every_client_answered(503, made_after=stopped_at + POOL_RETRIES_FOR_SECONDS),
            seconds=POOL_RETRIES_FOR_SECONDS + 3 * DB_TIMEOUT_SECONDS,
        ), "requests made after the pools gave up reconnecting were not all answered 503 in time"
        restarting_at = time.monotonic()
        embedded_postgres("start", data_dir)
        restarted_at = time.monotonic()
        # Each worker's pool connects afresh on the next request; from then on every request is served. The
        # steady stretch must begin within 3 × DB_TIMEOUT_SECONDS of PostgreSQL being back.
        recovered = wait_until(
            lambda: load.only_200_for(STEADY_SECONDS, since=restarted_at),
            seconds=3 * DB_TIMEOUT_SECONDS + STEADY_SECONDS,
        )
    finally:
        load.stop()
        server.stop()

    assert health.status_code == 503 and health.headers["Retry-After"]
    assert recovered, f"the API did not answer only 200 for {STEADY_SECONDS} s without a restart"
    during = [call for call in load.calls if call.started < restarting_at and call.finished > stopped_at]
    assert {call.status for call in during} <= {200, 503}
    assert all(call.retry_after for call in during if call.status == 503)
    assert max(call.seconds for call in during) < DB_TIMEOUT_SECONDS * 3
    # Only a request in flight as PostgreSQL stopped or started, or answered with the kept page, may be 200.
    made_and_answered_while_down = [
        call
        for call in during
        if call.finished < restarting_at and call.started > stopped_at + PUBLIC_PAGE_CACHE_SECONDS
    ]
    assert {call.status for call in made_and_answered_while_down} == {503}
    print(f"postgres down: {len(during)} requests, all 503 or 200 within {DB_TIMEOUT_SECONDS * 3} s")


def test_pool_connects_again_within_seconds_of_a_long_outage(config, own_postgres):
    data_dir, url = own_postgres
    db = Database().open(config.with_overrides(database_url=url, db_timeout_seconds=1))

    def ping():
        try:
            return db.one("maintenance/ping") is not None
        except (psycopg.OperationalError, psycopg_pool.PoolTimeout):
            return False

    try:
        assert ping()
        embedded_postgres("stop", data_dir)
        # Long enough that doubling retry delays (attempts 1, 3, 7, 15 s after the loss) would leave the next
        # attempt seconds away.
        outage_ends = time.monotonic() + 8
        while time.monotonic() < outage_ends:
            assert not ping()
        embedded_postgres("start", data_dir)
        back_at = time.monotonic()
        reconnected = wait_until(ping, seconds=30)
        recovered_in = time.monotonic() - back_at
    finally:
        db.close()
    # Each attempt to reconnect gives up after 2 × DB_TIMEOUT_SECONDS; the next request then connects afresh.
    assert reconnected and recovered_in < 3, f"connected again {recovered_in:.1f} s after PostgreSQL was back"


@pytest.fixture
def own_aws(database_url):
    """A local AWS of this test's own, so stopping it disturbs no other test."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    settings = aws.bootstrap(endpoint, "us-east-1")
    yield server, endpoint, settings
    server.stop()


def test_local_aws_down_messages_503_feeds_and_cached_keys_fine(config, own_aws):
    moto, endpoint, settings = own_aws
    served_config = config.with_overrides(
        aws_endpoint_url=endpoint,
        cognito_user_pool_id=settings["COGNITO_USER_POOL_ID"],
        cognito_user_pool_client_id=settings["COGNITO_USER_POOL_CLIENT_ID"],
    )
    auth = AuthActions(endpoint, settings["COGNITO_USER_POOL_ID"], settings["COGNITO_USER_POOL_CLIENT_ID"])
    headers, friends_headers = auth.headers("faulty"), auth.headers("friend")
    server = Gunicorn(environment(served_config), workers=1)
    try:
        assert requests.get(f"{server.url}/api/users/me", headers=headers).status_code == 200  # keys now cached
        assert requests.get(f"{server.url}/api/users/me", headers=friends_headers).status_code == 200
        assert requests.get(f"{server.url}/api/message_groups", headers=headers).status_code == 200
        moto.stop()
        messages = requests.get(f"{server.url}/api/message_groups", headers=headers, timeout=30)
        send = requests.post(
            f"{server.url}/api/messages", json={"message": "hi", "handle": "friend"}, headers=headers, timeout=30
        )
        send_to_yourself = requests.post(
            f"{server.url}/api/messages", json={"message": "hi", "handle": "faulty"}, headers=headers, timeout=30
        )
        feed = requests.get(f"{server.url}/api/activities/home", headers=headers, timeout=30)
        posted = requests.post(
            f"{server.url}/api/activities", json={"message": "still here", "ttl": "1-hour"}, headers=headers, timeout=30
        )
    finally:
        server.stop()
    for unavailable in (messages, send):
        assert unavailable.status_code == 503 and unavailable.headers["Retry-After"]
        assert unavailable.json()["errors"][0]["code"] == "messages_unavailable"
    # Refused before DynamoDB is asked: bad input stays a 400 while messaging is down.
    assert send_to_yourself.status_code == 400
    assert send_to_yourself.json()["errors"][0]["code"] == "cannot_message_yourself"
    assert feed.status_code == 200, "feeds do not need the local AWS"
    assert posted.status_code == 201, "cached sign-in keys keep verifying with the JWKS endpoint down"


def worker_pids(server):
    return {child.pid for child in psutil.Process(server.process.pid).children()}


def clients_served_by(pid, server):
    port = int(server.url.rsplit(":", 1)[1])
    return [
        connection
        for connection in psutil.Process(pid).net_connections(kind="tcp")
        if connection.status == psutil.CONN_ESTABLISHED and connection.laddr.port == port
    ]


def test_worker_killed_under_write_load_loses_no_acknowledged_crud(config, auth):
    headers = auth.headers("writer")
    server = Gunicorn(environment(config), workers=2)
    acknowledged, failures, stop = [], [], threading.Event()

    def write():
        session = requests.Session()
        while not stop.is_set():
            try:
                response = session.post(
                    f"{server.url}/api/activities",
                    json={"message": "keep me", "ttl": "1-hour"},
                    headers=headers,
                    timeout=30,
                )
            except requests.RequestException:
                failures.append(None)
                continue
            if response.status_code == 201:
                acknowledged.append(response.json()["uuid"])
            else:
                failures.append(response.status_code)

    writers = [threading.Thread(target=write) for _ in range(6)]
    try:
        requests.get(f"{server.url}/api/users/me", headers=headers)
        for thread in writers:
            thread.start()
        assert wait_until(lambda: len(acknowledged) >= WRITES_EACH_SIDE_OF_THE_KILL, seconds=30), (
            "the writes were not being acknowledged"
        )
        # The writers keep their connections open, so a worker holding none of them would die without a write
        # in flight: kill the one holding the most.
        killed = max(worker_pids(server), key=lambda pid: len(clients_served_by(pid, server)))
        assert clients_served_by(killed, server)
        os.kill(killed, signal.SIGKILL)
        acknowledged_before_the_kill = len(acknowledged)
        # Writing goes on through the other worker while gunicorn replaces the killed one.
        assert wait_until(
            lambda: (
                len(acknowledged) >= acknowledged_before_the_kill + WRITES_EACH_SIDE_OF_THE_KILL
                and killed not in worker_pids(server)
                and len(worker_pids(server)) == 2
            ),
            seconds=30,
        ), "writing did not go on, or gunicorn did not replace the killed worker"
    finally:
        stop.set()
        for thread in writers:
            thread.join()
        server.stop()

    with psycopg.connect(config.database_url) as conn:
        stored = {
            str(row[0])
            for row in conn.execute(
                "SELECT a.uuid FROM activities a JOIN users u ON u.uuid = a.user_uuid WHERE u.handle = 'writer'"
            )
        }
    assert set(acknowledged) <= stored, f"{len(set(acknowledged) - stored)} acknowledged cruds are missing"
    print(f"acknowledged {len(acknowledged)} writes, {len(stored)} rows, {len(failures)} failed requests")


def test_broker_restarted_while_streams_are_open(config, own_postgres, auth, redis_server):
    """PostgreSQL is the broker: stopped and started again under an open stream. The stream process stays up
    (its health check says when it is not listening), the stream stays open or ends cleanly, and once the
    database is back a message sent through the API reaches the stream (or the one its client opens again)."""
    data_dir, url = own_postgres
    served = environment(config.with_overrides(database_url=url, db_timeout_seconds=DB_TIMEOUT_SECONDS))
    api = Gunicorn(served)
    # The stream also hears the fan-out's home events on Redis (not under test here).
    stream_server = StreamProcess(
        {**served, "TIMELINES_URL": redis_server.url}, heartbeat_seconds=0.5, listener_retry_max_seconds=0.5
    )
    try:
        alice, bob = auth.headers("alice"), auth.headers("bob")
        for headers in (alice, bob):
            assert requests.get(f"{api.url}/api/users/me", headers=headers, timeout=10).status_code == 200
        bob_stream = EventStream(stream_server.url, bob)
        assert bob_stream.status_code == 200

        def send(text):
            answer = requests.post(
                f"{api.url}/api/messages", json={"message": text, "handle": "bob"}, headers=alice, timeout=10
            )
            assert answer.status_code == 201
            return answer.json()

        before = send("Before the restart")
        assert bob_stream.next(name="message", seconds=STREAM_WITHIN_SECONDS)["data"] == {"message": before}

        embedded_postgres("stop", data_dir)
        assert wait_until(lambda: stream_server.health().get("listening") is False, seconds=15)
        embedded_postgres("start", data_dir)
        assert wait_until(stream_server.listening, seconds=15), "the listener did not come back"
        assert stream_server.process.poll() is None

        if bob_stream.ended.is_set():  # closed cleanly: the client connects again, as the SPA does
            bob_stream = EventStream(stream_server.url, bob)
            assert bob_stream.status_code == 200
        # Each gunicorn worker's pool reconnects on its next request: until then a send may answer 503.
        sent = []

        def sent_after_restart():
            body = {"message": "After the restart", "handle": "bob"}
            answer = requests.post(f"{api.url}/api/messages", json=body, headers=alice, timeout=10)
            assert answer.status_code in (201, 503)
            if answer.status_code == 201:
                sent.append(answer.json())
            return bool(sent)

        assert wait_until(sent_after_restart, seconds=15)
        event = bob_stream.next(name="message", seconds=STREAM_WITHIN_SECONDS)
        assert event is not None, "no event after the broker came back"
        assert event["data"] == {"message": sent[0]}
        bob_stream.close()
    finally:
        printed = stream_server.stop()
        api.stop()
    assert "Traceback" not in printed, printed
