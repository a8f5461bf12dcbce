"""The messages table's access patterns, on moto's DynamoDB."""

import uuid

import pytest

from cruddur.ddb.messages import MessagesStore, conversations_position, messages_position
from cruddur.errors import InvalidCursor
from cruddur_shared.messages_table import pair_pk


@pytest.fixture
def store(config):
    return MessagesStore().open(config)


def people(count):
    return [str(uuid.uuid4()) for _ in range(count)]


def test_starting_writes_the_pair_both_entries_and_the_first_message(store):
    ana, ben = people(2)
    message = store.start_conversation(ana, ben, "hello")

    group_uuid = message["message_group_uuid"]
    assert store.conversation_between(ben, ana) == group_uuid
    for owner, other in ((ana, ben), (ben, ana)):
        entry = store.conversation_entry(owner, group_uuid)
        assert (entry["other_user_uuid"], entry["last_message"], entry["last_message_at"]) == (
            other,
            "hello",
            message["created_at"],
        )
    assert store.messages(group_uuid, 10) == ([message], None)


def test_the_loser_of_a_race_to_start_finds_the_winners_conversation(store):
    ana, ben = people(2)
    # Both looked for a conversation and found none; then both start one.
    assert store.conversation_between(ana, ben) is None
    winner = store.start_conversation(ana, ben, "from ana")
    loser = store.start_conversation(ben, ana, "from ben")

    assert loser is None
    assert store.conversation_between(ben, ana) == winner["message_group_uuid"]
    assert [item["message"] for item in store.messages(winner["message_group_uuid"], 10)[0]] == ["from ana"]
    assert [entry["message_group_uuid"] for entry in store.conversations(ben, 10)[0]] == [winner["message_group_uuid"]]


def test_the_pair_key_is_the_same_whoever_asks():
    ana, ben = people(2)
    assert pair_pk(ana, ben) == pair_pk(ben, ana)


def test_positions_are_the_sort_keys_and_other_shapes_are_refused(store):
    ana, ben = people(2)
    group_uuid = store.start_conversation(ana, ben, "first")["message_group_uuid"]
    second = store.add_message(group_uuid, ana, ben, "second")
    page, position = store.messages(group_uuid, 1)
    assert (page, position) == ([second], {"sk": second["sk"]})
    assert messages_position(position) == position
    assert [item["message"] for item in store.messages(group_uuid, 1, position)[0]] == ["first"]
    for forged in (
        {"sk": second["sk"], "pk": "GROUP#other"},
        {"sk": "PAIR"},
        {"sk": 1},
        [second["sk"]],
        {"sk": second["sk"].replace("+00:00", "Z")},
    ):
        with pytest.raises(InvalidCursor):
            messages_position(forged)
    with pytest.raises(InvalidCursor):
        conversations_position({"sk": f"GROUP#{group_uuid}"})


def test_a_start_whose_first_answer_was_lost_is_still_the_senders(store):
    # The client sends the transaction again when its answer does not come back in time (read timeout): the
    # retry finds the pair taken by the first attempt. DynamoDB answers it as a success (client request token);
    # moto does not, so the store must know its own write rather than send the message a second time.
    ana, ben = people(2)
    client = store.table.meta.client
    sent = []

    def send_again_once(attempts, **_):
        sent.append(attempts)
        return 0 if attempts == 1 else None

    client.meta.events.register("needs-retry.dynamodb.TransactWriteItems", send_again_once)
    try:
        started = store.start_conversation(ana, ben, "hi")
    finally:
        client.meta.events.unregister("needs-retry.dynamodb.TransactWriteItems", send_again_once)
    assert sent[:2] == [1, 2]
    assert started is not None and started["message"] == "hi"
    assert [item["message"] for item in store.messages(started["message_group_uuid"], 10)[0]] == ["hi"]
