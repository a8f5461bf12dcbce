"""Direct messages in one DynamoDB table: key shapes in cruddur_shared.messages_table (shared with the stream
handler, aws/lambdas/message_stream), access patterns in docs/messages-table.md."""

import re
import uuid
from datetime import UTC, datetime

import boto3
from botocore.config import Config as BotoConfig

from cruddur_shared.messages_table import (
    LAST_MESSAGE_INDEX,
    PAIR_SK,
    group_key,
    member_pk,
    message_sk,
    message_sort,
    pair_pk,
)

from ..errors import InvalidCursor

_ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# What a position may hold: the sort keys of the last item of a page (the partition key is always the caller's).
_CONVERSATIONS_POSITION = {"sk": re.compile(f"GROUP#{_UUID}"), "last_message_sort": re.compile(f"{_ISO}#{_UUID}")}
_MESSAGES_POSITION = {"sk": re.compile(f"MSG#{_ISO}#{_UUID}")}


def _now():
    # Fixed width (always microseconds, always +00:00), so the strings sort as the times do.
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _message_item(message_group_uuid, sender_uuid, recipient_uuid, text):
    created_at = _now()
    message_uuid = str(uuid.uuid4())
    return {
        "pk": group_key(message_group_uuid),
        "sk": message_sk(created_at, message_uuid),
        "message_uuid": message_uuid,
        "message_group_uuid": str(message_group_uuid),
        "sender_uuid": str(sender_uuid),
        "recipient_uuid": str(recipient_uuid),
        "message": text,
        "created_at": created_at,
    }


def _conversation_entry(owner_uuid, other_uuid, first_message):
    return {
        "pk": member_pk(owner_uuid),
        "sk": group_key(first_message["message_group_uuid"]),
        "message_group_uuid": first_message["message_group_uuid"],
        "other_user_uuid": str(other_uuid),
        "last_message": first_message["message"],
        "last_message_at": first_message["created_at"],
        "last_message_sort": message_sort(first_message["created_at"], first_message["message_uuid"]),
    }


def _checked_position(value, fields):
    """The sort-key part of an ExclusiveStartKey, in only the shapes this module hands out."""
    valid = (
        isinstance(value, dict)
        and set(value) == set(fields)
        and all(isinstance(value[name], str) and pattern.fullmatch(value[name]) for name, pattern in fields.items())
    )
    if not valid:
        raise InvalidCursor("not a position of this list")
    return value


def conversations_position(value):
    """A position in a member's conversations, checked; InvalidCursor otherwise."""
    return _checked_position(value, _CONVERSATIONS_POSITION)


def messages_position(value):
    """A position in a conversation's messages, checked; InvalidCursor otherwise."""
    return _checked_position(value, _MESSAGES_POSITION)


class MessagesStore:
    """Created unbound; `init_app` makes the DynamoDB table handle."""

    def __init__(self):
        self.table = None

    def init_app(self, app, config):
        self.open(config)
        app.extensions["messages"] = self

    def open(self, config):
        # Short timeouts and one retry: when DynamoDB is unreachable the API answers 503 quickly.
        dynamodb = boto3.resource(
            "dynamodb",
            region_name=config.aws_region,
            endpoint_url=config.aws_endpoint_url,
            config=BotoConfig(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "max_attempts": 2}),
        )
        self.table = dynamodb.Table(config.dynamodb_table_name)
        return self

    def conversation_between(self, user_uuid, other_uuid):
        """The uuid of the conversation between two people, or None."""
        item = self.table.get_item(Key={"pk": pair_pk(user_uuid, other_uuid), "sk": PAIR_SK}, ConsistentRead=True).get(
            "Item"
        )
        return item and item["message_group_uuid"]

    def conversation_entry(self, member_uuid, message_group_uuid):
        """A member's entry for a conversation; None when they are not a member (or it does not exist)."""
        return self.table.get_item(
            Key={"pk": member_pk(member_uuid), "sk": group_key(message_group_uuid)}, ConsistentRead=True
        ).get("Item")

    def start_conversation(self, sender_uuid, recipient_uuid, text):
        """Writes the pair lookup, both members' entries and the first message in one transaction. Answers the
        message, or None when the two already have a conversation (someone else started it first)."""
        message = _message_item(uuid.uuid4(), sender_uuid, recipient_uuid, text)
        absent = {"ConditionExpression": "attribute_not_exists(pk)"}
        pair = {
            "pk": pair_pk(sender_uuid, recipient_uuid),
            "sk": PAIR_SK,
            "message_group_uuid": message["message_group_uuid"],
            "created_at": message["created_at"],
        }
        puts = [
            {**absent, "Item": pair},
            {**absent, "Item": _conversation_entry(sender_uuid, recipient_uuid, message)},
            {**absent, "Item": _conversation_entry(recipient_uuid, sender_uuid, message)},
            {"Item": message},
        ]
        client = self.table.meta.client
        try:
            client.transact_write_items(TransactItems=[{"Put": {"TableName": self.table.name, **put}} for put in puts])
        except client.exceptions.TransactionCanceledException as exc:
            reasons = {reason.get("Code") for reason in exc.response.get("CancellationReasons", [])}
            if not reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
                raise
            # A retry of our own write whose first answer was lost (a read timeout) finds the pair taken, by us:
            # DynamoDB answers such a retry as a success (the client request token), moto does not.
            if self.conversation_between(sender_uuid, recipient_uuid) == message["message_group_uuid"]:
                return message
            return None
        return message

    def add_message(self, message_group_uuid, sender_uuid, recipient_uuid, text):
        """Adds a message to a conversation; the stream handler then updates both members' entries."""
        message = _message_item(message_group_uuid, sender_uuid, recipient_uuid, text)
        self.table.put_item(Item=message)
        return message

    def conversations(self, member_uuid, limit, position=None):
        """A member's conversation entries, the latest message first, and the position after them."""
        return self._page(
            _CONVERSATIONS_POSITION,
            limit,
            position,
            member_pk(member_uuid),
            IndexName=LAST_MESSAGE_INDEX,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": member_pk(member_uuid)},
        )

    def messages(self, message_group_uuid, limit, position=None):
        """A conversation's messages, newest first, and the position after them."""
        pk = group_key(message_group_uuid)
        return self._page(
            _MESSAGES_POSITION,
            limit,
            position,
            pk,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :message)",
            ExpressionAttributeValues={":pk": pk, ":message": "MSG#"},
        )

    def _page(self, position_fields, limit, position, pk, **query):
        """One query page, newest first. One extra item is read so the last page has no next position."""
        if position is not None:
            query["ExclusiveStartKey"] = {"pk": pk, **_checked_position(position, position_fields)}
        response = self.table.query(Limit=limit + 1, ScanIndexForward=False, **query)
        items = response["Items"]
        if len(items) > limit:
            items = items[:limit]
            last_key = items[-1]
        else:
            # Fewer items than asked for, yet more to read: DynamoDB stopped at its 1 MB page size.
            last_key = response.get("LastEvaluatedKey")
        return items, ({name: last_key[name] for name in position_fields} if last_key else None)
