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

import psutil
import psycopg
import psycopg_pool
import pytest
import requests
from moto.server import ThreadedMotoServer

from conftest import AuthActions, free_port
from cruddur.db import Database
from cruddur.migrations import migrate
from devstack import aws
from servers import BACKEND, Gunicorn, environment

# The served API's database timeout: no request may hang much past it.
DB_TIMEOUT_SECONDS = 2


def hammer(url, stop, results, headers=None, path="/api/activities/home"):
    """GETs `path` until told to stop, noting (status, seconds taken, Retry-After)."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            response = requests.get(f"{url}{path}", headers=headers, timeout=30)
            results.append((response.status_code, time.monotonic() - started, response.headers.get("Retry-After")))
        except requests.RequestException:
            results.append((None, time.monotonic() - started, None))


def embedded_postgres(command, data_dir):
    """Starts (answering its URL) or stops a PostgreSQL as bin/dev does: from a short-lived process, since
    pgserver stops a server only when no other live process holds a handle to it."""
    done = subprocess.run([sys.executable, "-m", "devstack.postgres", command, str(data_dir), "cruddur"],
                          cwd=BACKEND, check=True, capture_output=True, text=True)
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
    server = Gunicorn(environment(config.with_overrides(database_url=url, db_timeout_seconds=DB_TIMEOUT_SECONDS)))
    stop, results = threading.Event(), []
    load = [threading.Thread(target=hammer, args=(server.url, stop, results)) for _ in range(4)]
    try:
        for thread in load:
            thread.start()
        time.sleep(1)
        embedded_postgres("stop", data_dir)
        down_since = len(results)
        time.sleep(DB_TIMEOUT_SECONDS * 3)
        health = requests.get(f"{server.url}/api/health-check", timeout=30)
        during = results[down_since:]
        embedded_postgres("start", data_dir)
        # Each worker's pool reconnects within 2 × DB_TIMEOUT_SECONDS; from then on every request is served.
        time.sleep(DB_TIMEOUT_SECONDS * 3)
        back_since = len(results)
        time.sleep(2)
        after = results[back_since:]
    finally:
        stop.set()
        for thread in load:
            thread.join()
        server.stop()

    assert health.status_code == 503 and health.headers["Retry-After"]
    assert during and {status for status, _, _ in during} <= {200, 503}
    assert any(status == 503 for status, _, _ in during)
    assert all(retry for status, _, retry in during if status == 503)
    assert max(seconds for _, seconds, _ in during) < DB_TIMEOUT_SECONDS * 3
    assert after and all(status == 200 for status, _, _ in after), "the API recovers without a restart"
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
        while not ping() and time.monotonic() - back_at < 30:
            pass
        recovered_in = time.monotonic() - back_at
    finally:
        db.close()
    # Each attempt to reconnect gives up after 2 × DB_TIMEOUT_SECONDS; the next request then connects afresh.
    assert recovered_in < 3, f"connected again {recovered_in:.1f} s after PostgreSQL was back"


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
    served_config = config.with_overrides(aws_endpoint_url=endpoint,
                                          cognito_user_pool_id=settings["COGNITO_USER_POOL_ID"],
                                          cognito_user_pool_client_id=settings["COGNITO_USER_POOL_CLIENT_ID"])
    auth = AuthActions(endpoint, settings["COGNITO_USER_POOL_ID"], settings["COGNITO_USER_POOL_CLIENT_ID"])
    headers = auth.headers("faulty")
    server = Gunicorn(environment(served_config), workers=1)
    try:
        assert requests.get(f"{server.url}/api/users/me", headers=headers).status_code == 200  # keys now cached
        assert requests.get(f"{server.url}/api/message_groups", headers=headers).status_code == 200
        moto.stop()
        messages = requests.get(f"{server.url}/api/message_groups", headers=headers, timeout=30)
        send = requests.post(f"{server.url}/api/messages", json={"message": "hi", "handle": "faulty"},
                             headers=headers, timeout=30)
        feed = requests.get(f"{server.url}/api/activities/home", headers=headers, timeout=30)
        posted = requests.post(f"{server.url}/api/activities", json={"message": "still here", "ttl": "1-hour"},
                               headers=headers, timeout=30)
    finally:
        server.stop()
    assert messages.status_code == 503 and messages.headers["Retry-After"]
    assert messages.json()["errors"][0]["code"] == "messages_unavailable"
    assert send.status_code in (400, 503)  # messaging yourself is refused before DynamoDB is asked
    assert feed.status_code == 200, "feeds do not need the local AWS"
    assert posted.status_code == 201, "cached sign-in keys keep verifying with the JWKS endpoint down"


def test_worker_killed_under_write_load_loses_no_acknowledged_crud(config, auth):
    headers = auth.headers("writer")
    server = Gunicorn(environment(config), workers=2)
    acknowledged, failures, stop = [], [], threading.Event()

    def write():
        session = requests.Session()
        while not stop.is_set():
            try:
                response = session.post(f"{server.url}/api/activities", json={"message": "keep me", "ttl": "1-hour"},
                                        headers=headers, timeout=30)
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
        time.sleep(2)
        workers = psutil.Process(server.process.pid).children()
        os.kill(workers[0].pid, signal.SIGKILL)
        time.sleep(3)
    finally:
        stop.set()
        for thread in writers:
            thread.join()
        server.stop()

    with psycopg.connect(config.database_url) as conn:
        stored = {str(row[0]) for row in conn.execute(
            "SELECT a.uuid FROM activities a JOIN users u ON u.uuid = a.user_uuid WHERE u.handle = 'writer'")}
    assert len(acknowledged) > 50
    assert set(acknowledged) <= stored, f"{len(set(acknowledged) - stored)} acknowledged cruds are missing"
    print(f"acknowledged {len(acknowledged)} writes, {len(stored)} rows, {len(failures)} failed requests")
