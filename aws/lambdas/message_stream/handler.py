"""The messages table's stream handler: moves a conversation to the top of both members' lists with the
latest message as its preview (key shapes: cruddur_shared.messages_table, which the API writes them by).

Lambda delivers batches of stream records, possibly again (redelivery) and not necessarily in the order the
messages were written across shards. Each member's entry is updated only when the message is not older than
the one it shows, so any order and any number of deliveries end in the same state. Records of other items
(conversation entries, pair lookups) and removals are not this handler's. Failed records are reported by
sequence number, so Lambda retries from the first of them (ReportBatchItemFailures).

Runs on Lambda and in the local worker (backend-flask/devstack/worker.py) alike; the table is the one the
record's stream belongs to, and AWS_ENDPOINT_URL points at the local AWS when set.
"""

import functools
import logging
import os

import boto3
from boto3.dynamodb.types import TypeDeserializer
from botocore.config import Config

from cruddur_shared.messages_table import group_key, is_message_key, member_pk, sort_of_message_sk

log = logging.getLogger(__name__)
_deserialize = TypeDeserializer().deserialize

UPDATE_ENTRY = "SET last_message = :message, last_message_at = :at, last_message_sort = :sort"
# Equal passes, so a redelivered (or edited) latest message is written again, harmlessly.
NOT_OLDER = "attribute_exists(pk) AND last_message_sort <= :sort"


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        try:
            handle_record(record)
        except Exception:  # one bad record must not hide the others' outcome
            log.exception("stream record %s failed", record.get("dynamodb", {}).get("SequenceNumber"))
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
    return {"batchItemFailures": failures}


def handle_record(record):
    message = new_message(record)
    if message is None:
        return
    table = _table(*_region_and_table(record["eventSourceARN"]), os.environ.get("AWS_ENDPOINT_URL") or None)
    values = {":message": message["message"], ":at": message["created_at"], ":sort": sort_of_message_sk(message["sk"])}
    for member_uuid in (message["sender_uuid"], message["recipient_uuid"]):
        try:
            table.update_item(
                Key={"pk": member_pk(member_uuid), "sk": group_key(message["message_group_uuid"])},
                UpdateExpression=UPDATE_ENTRY,
                ConditionExpression=NOT_OLDER,
                ExpressionAttributeValues=values,
            )
        except table.meta.client.exceptions.ConditionalCheckFailedException:
            pass  # the entry already shows a newer message (or is gone): nothing to do


def new_message(record):
    """The message a record writes, as plain values; None for records this handler does not own."""
    if record.get("eventSource") != "aws:dynamodb" or record.get("eventName") not in ("INSERT", "MODIFY"):
        return None
    keys = record["dynamodb"]["Keys"]
    if not is_message_key(keys["pk"].get("S", ""), keys["sk"].get("S", "")):
        return None
    return {name: _deserialize(value) for name, value in record["dynamodb"]["NewImage"].items()}


def _region_and_table(stream_arn):
    # arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>
    _, _, _, region, _, resource = stream_arn.split(":", 5)
    return region, resource.split("/")[1]


@functools.lru_cache(maxsize=8)
def _table(region, table_name, endpoint_url):
    dynamodb = boto3.resource(
        "dynamodb",
        region_name=region,
        endpoint_url=endpoint_url,
        config=Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard"}),
    )
    return dynamodb.Table(table_name)
