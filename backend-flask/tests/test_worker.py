"""The local worker: the messages table's stream, through the stream handler, to the conversations' order."""
import threading
import time
from datetime import datetime, timezone

import boto3
import pytest

from devstack import worker

WAIT_SECONDS = 15


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
        threads.append(threading.Thread(target=worker.Worker(worker.pollers(config)).run, args=(stopped,),
                                        daemon=True))
        threads[-1].start()
    yield start
    stopped.set()
    for thread in threads:
        thread.join(timeout=5)


@pytest.fixture
def stream_arn(config):
    dynamodb = boto3.client("dynamodb", region_name=config.aws_region, endpoint_url=config.aws_endpoint_url)
    return dynamodb.describe_table(TableName=config.dynamodb_table_name)["Table"]["LatestStreamArn"]


def wait_for(check):
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.1)


def test_a_reply_moves_the_conversation_to_the_top_through_the_stream(client, auth, start_worker):
    ana, ben, cat = (auth.headers(handle) for handle in ("ana", "ben", "cat"))
    for headers in (ben, cat):
        client.get("/api/users/me", headers=headers)
    with_ben = client.post("/api/messages", json={"message": "hi ben", "handle": "ben"}, headers=ana).json
    client.post("/api/messages", json={"message": "hi cat", "handle": "cat"}, headers=ana)
    client.post("/api/messages", json={"message": "hi ana", "message_group_uuid": with_ben["message_group_uuid"]},
                headers=ben)

    def anas_list():
        return [(g["handle"], g["message"]) for g in client.get("/api/message_groups", headers=ana).json["items"]]

    # Only the stream handler moves a conversation on; nothing has run it yet.
    assert anas_list() == [("cat", "hi cat"), ("ben", "hi ben")]
    start_worker()
    wait_for(lambda: anas_list() == [("ben", "hi ana"), ("cat", "hi cat")])


def test_records_reach_the_handler_as_lambda_delivers_them(config, stream_arn):
    batches = []

    def handler(event, context):
        batches.append(event)
        return {"batchItemFailures": []}

    poller = worker.StreamPoller(boto3.client("dynamodbstreams", region_name=config.aws_region,
                                              endpoint_url=config.aws_endpoint_url), stream_arn, handler)
    while poller.poll():
        pass

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


def test_a_failed_record_is_retried_from_where_it_failed_then_skipped(client, auth, config, stream_arn):
    ana, ben = auth.headers("ana"), auth.headers("ben")
    client.get("/api/users/me", headers=ben)
    failing, seen = threading.Event(), []

    def handler(event, context):
        if not failing.is_set():
            return {"batchItemFailures": []}
        seen.append([record["dynamodb"]["SequenceNumber"] for record in event["Records"]])
        return {"batchItemFailures": [{"itemIdentifier": seen[-1][-1]}]}

    poller = worker.StreamPoller(boto3.client("dynamodbstreams", region_name=config.aws_region,
                                              endpoint_url=config.aws_endpoint_url), stream_arn, handler)
    while poller.poll():  # past everything earlier tests wrote
        pass
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
    created = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
    record = {"eventName": "INSERT", "eventSource": "aws:dynamodb",
              "dynamodb": {"ApproximateCreationDateTime": created, "SequenceNumber": "1", "Keys": {}}}

    shaped = worker.lambda_stream_record(record, "arn:stream")

    assert shaped["eventSourceARN"] == "arn:stream"
    assert shaped["dynamodb"]["ApproximateCreationDateTime"] == created.timestamp()
    assert record["dynamodb"]["ApproximateCreationDateTime"] is created
