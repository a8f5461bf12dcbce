"""The local worker: the messages table's stream, through the stream handler, to the conversations' order;
where it keeps its place in the stream; and the supervisor bin/dev runs it under."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from devstack import worker

# Not in `bin/test quick`: supervised worker processes killed and restarted.
pytestmark = pytest.mark.slow

WAIT_SECONDS = 15
BACKEND = Path(__file__).resolve().parents[1]


@pytest.fixture
def local_aws_env(monkeypatch, local_aws):
    """The environment bin/worker runs with, which the stream handler reads as it does on Lambda."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", local_aws["endpoint"])


@pytest.fixture
def start_worker(config, local_aws_env):
    """Starts bin/worker's loop in a thread; it stops when the test ends."""
    stopped = threading.Event()
    threads = []

    def start():
        threads.append(threading.Thread(target=worker.Worker(worker.pollers(config)).run, args=(stopped,), daemon=True))
        threads[-1].start()

    yield start
    stopped.set()
    for thread in threads:
        thread.join(timeout=5)


@pytest.fixture
def dynamodb(config):
    return boto3.client("dynamodb", region_name=config.aws_region, endpoint_url=config.aws_endpoint_url)


@pytest.fixture
def stream_arn(config, dynamodb):
    return dynamodb.describe_table(TableName=config.dynamodb_table_name)["Table"]["LatestStreamArn"]


@pytest.fixture
def streams(config):
    return boto3.client("dynamodbstreams", region_name=config.aws_region, endpoint_url=config.aws_endpoint_url)


def wait_for(check):
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.1)


def recording(records):
    """A stream handler that keeps every record it is given and fails none."""

    def handler(event, context):
        records.extend(event["Records"])
        return {"batchItemFailures": []}

    return handler


def read_to_the_end(poller):
    while poller.poll():
        pass


def sequence_numbers(records):
    return [record["dynamodb"]["SequenceNumber"] for record in records]


def messages(records):
    return [
        record["dynamodb"]["NewImage"]["message"]["S"]
        for record in records
        if "message" in record["dynamodb"].get("NewImage", {})
    ]


def test_a_reply_moves_the_conversation_to_the_top_through_the_stream(client, auth, start_worker):
    ana, ben, cat = (auth.headers(handle) for handle in ("ana", "ben", "cat"))
    for headers in (ben, cat):
        client.get("/api/users/me", headers=headers)
    with_ben = client.post("/api/messages", json={"message": "hi ben", "handle": "ben"}, headers=ana).json
    client.post("/api/messages", json={"message": "hi cat", "handle": "cat"}, headers=ana)
    client.post(
        "/api/messages", json={"message": "hi ana", "message_group_uuid": with_ben["message_group_uuid"]}, headers=ben
    )

    def anas_list():
        return [(g["handle"], g["message"]) for g in client.get("/api/message_groups", headers=ana).json["items"]]

    # Only the stream handler moves a conversation on; nothing has run it yet.
    assert anas_list() == [("cat", "hi cat"), ("ben", "hi ben")]
    start_worker()
    wait_for(lambda: anas_list() == [("ben", "hi ana"), ("cat", "hi cat")])


def test_records_reach_the_handler_as_lambda_delivers_them(streams, stream_arn):
    batches = []

    def handler(event, context):
        batches.append(event)
        return {"batchItemFailures": []}

    read_to_the_end(worker.StreamPoller(streams, stream_arn, handler))

    records = [record for batch in batches for record in batch["Records"]]
    assert records, "the bootstrap and earlier tests wrote to the table"
    record = records[-1]
    assert record["eventSource"] == "aws:dynamodb" and record["eventSourceARN"] == stream_arn
    assert record["eventName"] in ("INSERT", "MODIFY", "REMOVE")
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], float)
    assert {"Keys", "SequenceNumber", "StreamViewType"} <= set(record["dynamodb"])
    assert set(record["dynamodb"]["Keys"]["pk"]) == {"S"}  # DynamoDB JSON, as on Lambda
    sequence_numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert sequence_numbers == sorted(sequence_numbers)
    assert len(batches) == -(-len(records) // worker.BATCH_SIZE)


def test_a_failed_record_is_retried_from_where_it_failed_then_skipped(client, auth, streams, stream_arn):
    ana, ben = auth.headers("ana"), auth.headers("ben")
    client.get("/api/users/me", headers=ben)
    failing, seen = threading.Event(), []

    def handler(event, context):
        if not failing.is_set():
            return {"batchItemFailures": []}
        seen.append([record["dynamodb"]["SequenceNumber"] for record in event["Records"]])
        return {"batchItemFailures": [{"itemIdentifier": seen[-1][-1]}]}

    poller = worker.StreamPoller(streams, stream_arn, handler)
    read_to_the_end(poller)  # past everything earlier tests wrote
    failing.set()
    client.post("/api/messages", json={"message": "one", "handle": "ben"}, headers=ana)
    for _ in range(worker.MAX_ATTEMPTS):
        poller.poll()

    started = seen[0]
    assert len(started) == 4  # the pair, both entries and the first message, written together
    assert seen[1:] == [[started[-1]]] * (worker.MAX_ATTEMPTS - 1)
    [shard] = poller.shards.values()
    assert shard.position == {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": started[-1]}


def test_a_stream_record_gets_the_lambda_shape():
    created = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    record = {
        "eventName": "INSERT",
        "eventSource": "aws:dynamodb",
        "dynamodb": {"ApproximateCreationDateTime": created, "SequenceNumber": "1", "Keys": {}},
    }

    shaped = worker.lambda_stream_record(record, "arn:stream")

    assert shaped["eventSourceARN"] == "arn:stream"
    assert shaped["dynamodb"]["ApproximateCreationDateTime"] == created.timestamp()
    assert record["dynamodb"]["ApproximateCreationDateTime"] is created


def test_a_restarted_poller_resumes_after_what_it_handled(client, auth, streams, stream_arn, tmp_path):
    checkpoint = tmp_path / "checkpoint.json"
    ana, ben = auth.headers("ana"), auth.headers("ben")
    client.get("/api/users/me", headers=ben)
    client.post("/api/messages", json={"message": "before the restart", "handle": "ben"}, headers=ana)
    before, after = [], []
    read_to_the_end(worker.StreamPoller(streams, stream_arn, recording(before), checkpoint))

    client.post("/api/messages", json={"message": "while it was down", "handle": "ben"}, headers=ana)
    read_to_the_end(worker.StreamPoller(streams, stream_arn, recording(after), checkpoint))

    assert "before the restart" in messages(before)
    assert messages(after) == ["while it was down"]
    assert not set(sequence_numbers(before)) & set(sequence_numbers(after))


@pytest.fixture
def earlier_stream_arn(dynamodb):
    """The stream of another table, standing in for the one an earlier run of the local AWS had: moto gives
    every stream the same shard id and first sequence number, so only the ARN tells them apart."""
    name = f"earlier-{secrets.token_hex(4)}"
    table = dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]
    for n in range(2):
        dynamodb.put_item(TableName=name, Item={"pk": {"S": str(n)}})
    yield table["LatestStreamArn"]
    dynamodb.delete_table(TableName=name)


def test_a_checkpoint_of_another_stream_is_ignored(client, auth, streams, stream_arn, earlier_stream_arn, tmp_path):
    checkpoint = tmp_path / "checkpoint.json"
    read_to_the_end(worker.StreamPoller(streams, earlier_stream_arn, recording([]), checkpoint))
    ana = auth.headers("ana")
    client.get("/api/users/me", headers=auth.headers("ben"))
    client.post("/api/messages", json={"message": "hi ben", "handle": "ben"}, headers=ana)
    from_the_start, resumed = [], []

    read_to_the_end(worker.StreamPoller(streams, stream_arn, recording(from_the_start)))
    read_to_the_end(worker.StreamPoller(streams, stream_arn, recording(resumed), checkpoint))

    assert len(from_the_start) > 2  # more than the earlier stream's sequence numbers cover
    assert sequence_numbers(resumed) == sequence_numbers(from_the_start)


def test_a_checkpoint_the_stream_no_longer_holds_is_read_from_the_trim_horizon(tmp_path, caplog):
    """AWS keeps stream records for 24 hours; moto keeps them all, so the stream is botocore's Stubber."""
    stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2026-11-27T10:00:00.000"
    shard_id = "shardId-00000001764237600000-0123abcd"
    trimmed, oldest_kept = "100000000000000000005", "100000000000000000009"
    checkpoint = tmp_path / "checkpoint.json"
    worker.StreamCheckpoint(checkpoint, stream_arn).save(shard_id, trimmed)
    streams = boto3.client(
        "dynamodbstreams", region_name="us-east-1", aws_access_key_id="stub", aws_secret_access_key="stub"
    )
    stream = Stubber(streams)
    where = {"StreamArn": stream_arn, "ShardId": shard_id}
    stream.add_response(
        "describe_stream", {"StreamDescription": {"Shards": [{"ShardId": shard_id}]}}, {"StreamArn": stream_arn}
    )
    stream.add_client_error(
        "get_shard_iterator", "TrimmedDataAccessException", expected_params={**where, **worker.after(trimmed)}
    )
    stream.add_response("get_shard_iterator", {"ShardIterator": "from-the-start"}, {**where, **worker.TRIM_HORIZON})
    record = {"eventName": "INSERT", "dynamodb": {"SequenceNumber": oldest_kept, "Keys": {"pk": {"S": "a"}}}}
    stream.add_response(
        "get_records",
        {"Records": [record], "NextShardIterator": "next"},
        {"ShardIterator": "from-the-start", "Limit": worker.BATCH_SIZE},
    )
    handled = []
    poller = worker.StreamPoller(streams, stream_arn, recording(handled), checkpoint)

    with stream:
        assert poller.poll() is False
        assert poller.poll() is True

    assert sequence_numbers(handled) == [oldest_kept]
    assert f"shard {shard_id} no longer holds the records after {trimmed}" in caplog.text
    assert json.loads(checkpoint.read_text()) == {"stream_arn": stream_arn, "shards": {shard_id: oldest_kept}}


RESTART = re.compile(r"the worker \(pid (\d+)\) (.+?) after [\d.]+ s; restarting it in ([\d.]+) s")
STARTED = re.compile(r"started the worker \(pid (\d+)\)")


class SupervisorRun:
    """`python -m devstack.supervisor` in a process group of its own, as bin/dev's run_in_background starts it."""

    def __init__(self, log_path, command, options, env):
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "devstack.supervisor", "--name", "worker", *options, "--", *command],
                cwd=BACKEND,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self):
        return self.log_path.read_text()

    def restarts(self):
        """(pid, how it ended, delay in seconds) for each restart the supervisor logged."""
        return [(int(pid), how, float(delay)) for pid, how, delay in RESTART.findall(self.log())]

    def started_pids(self):
        return [int(pid) for pid in STARTED.findall(self.log())]

    def stop(self):
        """What stop_started does: SIGTERM to the whole group. Answers the supervisor's exit status."""
        os.killpg(self.process.pid, signal.SIGTERM)
        return self.process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def supervise(tmp_path):
    runs = []

    def start(command, *options, env=None):
        runs.append(SupervisorRun(tmp_path / f"supervisor-{len(runs)}.log", command, options, env))
        return runs[-1]

    yield start
    for run in runs:
        if run.process.poll() is None:
            os.killpg(run.process.pid, signal.SIGKILL)
            run.process.wait()


def running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_supervisor_restarts_a_dying_command_later_each_time_and_stops_on_sigterm(supervise):
    run = supervise([sys.executable, "-c", "raise SystemExit(3)"], "--first-delay", "0.1", "--max-delay", "0.4")

    wait_for(lambda: len(run.restarts()) >= 4)

    restarts = run.restarts()[:4]
    assert [delay for _, _, delay in restarts] == [0.1, 0.2, 0.4, 0.4]
    assert {how for _, how, _ in restarts} == {"exited with status 3"}
    assert [pid for pid, _, _ in restarts] == run.started_pids()[:4]
    assert run.stop() == 0


def test_the_supervisor_waits_the_first_delay_again_after_a_long_enough_run(supervise, tmp_path):
    # The third run lasts past --healthy-after; the others end at once.
    runs = tmp_path / "runs"
    command = ["sh", "-c", 'echo >> "$1"; [ "$(wc -l < "$1")" -eq 3 ] && sleep 1.5; exit 1', "sh", str(runs)]
    run = supervise(command, "--first-delay", "0.1", "--healthy-after", "0.8")

    wait_for(lambda: len(run.restarts()) >= 4)

    assert [delay for _, _, delay in run.restarts()[:4]] == [0.1, 0.2, 0.1, 0.2]


def test_a_worker_killed_with_sigkill_is_started_again_and_resumes(supervise, client, auth, local_aws_env, tmp_path):
    checkpoint = tmp_path / "checkpoint.json"
    run = supervise(
        [sys.executable, "-m", "devstack.worker"],
        "--first-delay",
        "0.2",
        env={**os.environ, "WORKER_CHECKPOINT_FILE": str(checkpoint)},
    )
    ana = auth.headers("ana")
    client.get("/api/users/me", headers=auth.headers("ben"))
    client.post("/api/messages", json={"message": "hi ben", "handle": "ben"}, headers=ana)
    wait_for(checkpoint.exists)
    [killed] = run.started_pids()

    os.kill(killed, signal.SIGKILL)

    wait_for(lambda: len(run.started_pids()) == 2 and "resuming shard" in run.log())
    assert run.restarts() == [(killed, "was killed by SIGKILL", 0.2)]
    restarted = run.started_pids()[1]
    assert running(restarted) and not running(killed)
    assert run.stop() == 0
    with pytest.raises(ProcessLookupError):  # nothing left in the group: no orphaned worker
        os.killpg(run.process.pid, 0)
