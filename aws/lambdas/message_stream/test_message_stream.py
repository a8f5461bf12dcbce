"""The stream handler on moto's DynamoDB, with stream records shaped as Lambda delivers them."""

import socket
import uuid

import pytest
from boto3.dynamodb.types import TypeSerializer
from moto.server import ThreadedMotoServer

from cruddur.config import Config
from cruddur.ddb.messages import MessagesStore
from devstack import aws
from message_stream import handler

REGION = "us-east-1"
TABLE = "cruddur-messages-lambda-test"
STREAM_ARN = f"arn:aws:dynamodb:{REGION}:123456789012:table/{TABLE}/stream/2026-11-27T10:00:00.000"
_serialize = TypeSerializer().serialize


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def local_dynamodb():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    aws.ensure_messages_table(aws.dynamodb_client(endpoint, REGION), TABLE)
    yield endpoint
    server.stop()


@pytest.fixture
def store(local_dynamodb, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", local_dynamodb)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    return MessagesStore().open(Config(aws_region=REGION, aws_endpoint_url=local_dynamodb, dynamodb_table_name=TABLE))


class Stream:
    """Makes records as a DynamoDB stream with NEW_IMAGE carries them, numbered in order."""

    def __init__(self):
        self.sequence = 4_000_000_000_000_000_000

    def record(self, event_name, item, source_arn=STREAM_ARN):
        self.sequence += 100
        dynamodb = {
            "ApproximateCreationDateTime": 1795773600.0,
            "Keys": {"pk": _serialize(item["pk"]), "sk": _serialize(item["sk"])},
            "SequenceNumber": str(self.sequence),
            "SizeBytes": 256,
            "StreamViewType": "NEW_IMAGE",
        }
        if event_name != "REMOVE":
            dynamodb["NewImage"] = {name: _serialize(value) for name, value in item.items()}
        return {
            "eventID": uuid.uuid4().hex,
            "eventName": event_name,
            "eventVersion": "1.1",
            "eventSource": "aws:dynamodb",
            "awsRegion": REGION,
            "dynamodb": dynamodb,
            "eventSourceARN": source_arn,
        }


@pytest.fixture
def stream():
    return Stream()


def deliver(*records):
    return handler.handler({"Records": list(records)}, None)


def previews(store, group_uuid, *members):
    return [store.conversation_entry(member, group_uuid)["last_message"] for member in members]


def conversation(store):
    ana, ben = str(uuid.uuid4()), str(uuid.uuid4())
    first = store.start_conversation(ana, ben, "first")
    return ana, ben, first["message_group_uuid"]


def test_a_new_message_becomes_both_members_preview_and_tops_their_lists(store, stream):
    ana, ben, group = conversation(store)
    other = store.start_conversation(ana, str(uuid.uuid4()), "to someone else")
    reply = store.add_message(group, ben, ana, "a reply")

    assert deliver(stream.record("INSERT", reply)) == {"batchItemFailures": []}

    assert previews(store, group, ana, ben) == ["a reply", "a reply"]
    entry = store.conversation_entry(ana, group)
    assert (entry["last_message_at"], entry["last_message_sort"]) == (
        reply["created_at"],
        f"{reply['created_at']}#{reply['message_uuid']}",
    )
    assert [e["message_group_uuid"] for e in store.conversations(ana, 10)[0]] == [group, other["message_group_uuid"]]


def test_every_record_of_a_batch_is_handled(store, stream):
    first_ana, first_ben, first_group = conversation(store)
    second_ana, second_ben, second_group = conversation(store)
    records = [
        stream.record("INSERT", store.add_message(first_group, first_ana, first_ben, "1a")),
        stream.record("INSERT", store.add_message(second_group, second_ben, second_ana, "2a")),
        stream.record("INSERT", store.add_message(first_group, first_ben, first_ana, "1b")),
    ]

    assert deliver(*records) == {"batchItemFailures": []}

    assert previews(store, first_group, first_ana, first_ben) == ["1b", "1b"]
    assert previews(store, second_group, second_ana, second_ben) == ["2a", "2a"]


def test_redelivery_changes_nothing(store, stream):
    ana, ben, group = conversation(store)
    records = [stream.record("INSERT", store.add_message(group, ana, ben, text)) for text in ("one", "two")]
    deliver(*records)
    entry = store.conversation_entry(ana, group)

    assert deliver(*records) == {"batchItemFailures": []}
    assert deliver(records[0]) == {"batchItemFailures": []}

    assert store.conversation_entry(ana, group) == entry
    assert entry["last_message"] == "two"


def test_an_older_message_arriving_late_never_replaces_a_newer_one(store, stream):
    ana, ben, group = conversation(store)
    older = store.add_message(group, ana, ben, "older")
    newer = store.add_message(group, ben, ana, "newer")

    assert deliver(stream.record("INSERT", newer), stream.record("INSERT", older)) == {"batchItemFailures": []}

    assert previews(store, group, ana, ben) == ["newer", "newer"]


def test_a_changed_latest_message_updates_the_preview_and_a_changed_older_one_does_not(store, stream):
    ana, ben, group = conversation(store)
    older = store.add_message(group, ana, ben, "older")
    latest = store.add_message(group, ana, ben, "latest")
    deliver(stream.record("INSERT", older), stream.record("INSERT", latest))

    deliver(stream.record("MODIFY", {**older, "message": "older, edited"}))
    assert previews(store, group, ana, ben) == ["latest", "latest"]
    deliver(stream.record("MODIFY", {**latest, "message": "latest, edited"}))
    assert previews(store, group, ana, ben) == ["latest, edited", "latest, edited"]


def test_records_it_does_not_own_are_ignored(store, stream):
    ana, ben, group = conversation(store)
    entry = store.conversation_entry(ana, group)
    removed = store.add_message(group, ana, ben, "removed")
    pair = {"pk": f"PAIR#{ana}#{ben}", "sk": "PAIR", "message_group_uuid": group}
    other_source = {**stream.record("INSERT", removed), "eventSource": "aws:sqs"}

    result = deliver(
        stream.record("MODIFY", {**entry, "last_message": "changed by the handler itself"}),
        stream.record("INSERT", pair),
        stream.record("REMOVE", removed),
        other_source,
    )

    assert result == {"batchItemFailures": []}
    assert previews(store, group, ana, ben) == ["first", "first"]


def test_a_record_that_fails_is_reported_and_the_others_still_apply(store, stream):
    ana, ben, group = conversation(store)
    good = store.add_message(group, ana, ben, "good")
    malformed = stream.record(
        "INSERT", {"pk": f"GROUP#{group}", "sk": "MSG#2026-11-27T10:00:00.000000+00:00#x", "message": "no members"}
    )
    later_ana, later_ben, later_group = conversation(store)
    later = store.add_message(later_group, later_ben, later_ana, "later")

    result = deliver(stream.record("INSERT", good), malformed, stream.record("INSERT", later))

    assert result == {"batchItemFailures": [{"itemIdentifier": malformed["dynamodb"]["SequenceNumber"]}]}
    assert previews(store, group, ana, ben) == ["good", "good"]
    assert previews(store, later_group, later_ana, later_ben) == ["later", "later"]


def test_dynamodb_unreachable_reports_every_record_it_owns(store, stream, monkeypatch):
    ana, ben, group = conversation(store)
    messages = [stream.record("INSERT", store.add_message(group, ana, ben, text)) for text in ("one", "two")]
    not_owned = stream.record("REMOVE", store.add_message(group, ana, ben, "gone"))
    port = free_port()
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")

    result = deliver(messages[0], not_owned, messages[1])

    assert result == {"batchItemFailures": [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in messages]}


def test_an_empty_batch_has_no_failures():
    assert deliver() == {"batchItemFailures": []}
