"""The local stand-in for Lambda's event source mappings: `python -m devstack.worker` (bin/worker) reads the
local AWS and calls the same handlers Lambda runs on AWS, with the same event shapes.

Each event source is a poller whose `poll()` delivers what is waiting and answers whether it delivered
anything; the worker loops over its pollers and rests while none has work: the messages table's stream,
and the queue the uploads bucket sends its events to (queue_poller.py). Another source is one more poller
in `pollers()`.
"""
import logging
import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import boto3

from cruddur.config import Config

from .aws import UPLOAD_EVENTS_QUEUE
from .queue_poller import QueuePoller

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "aws" / "lambdas"))
from message_stream import handler as message_stream  # noqa: E402  (the Lambdas live outside this package)
from process_avatar import handler as process_avatar  # noqa: E402

log = logging.getLogger("devstack.worker")

IDLE_SECONDS = 0.5
BATCH_SIZE = 100
# Like the event source mapping's MaximumRetryAttempts: a batch that keeps failing is logged and skipped.
MAX_ATTEMPTS = 3
SHARD_REFRESH_SECONDS = 10


def lambda_stream_record(record, stream_arn):
    """A GetRecords record as Lambda delivers it: with the stream's ARN, and the time in epoch seconds."""
    dynamodb = dict(record["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": dynamodb, "eventSourceARN": stream_arn}


class _Shard:
    def __init__(self, shard_id):
        self.shard_id = shard_id
        # Where to read from when there is no iterator: the start, then after what was handled.
        self.position = {"ShardIteratorType": "TRIM_HORIZON"}
        self.iterator = None
        self.failed_attempts = 0


class StreamPoller:
    """Reads every shard of a DynamoDB stream, in order, and hands each batch to `handler`. Failures the
    handler reports are retried from the first of them, as Lambda does with ReportBatchItemFailures."""

    def __init__(self, streams, stream_arn, handler):
        self.streams = streams
        self.stream_arn = stream_arn
        self.handler = handler
        self.shards = {}
        self.finished_shards = set()
        self.shards_refreshed_at = None

    def poll(self):
        now = time.monotonic()
        if self.shards_refreshed_at is None or now - self.shards_refreshed_at >= SHARD_REFRESH_SECONDS:
            self._follow_new_shards()
            self.shards_refreshed_at = now
        return any([self._poll_shard(shard) for shard in list(self.shards.values())])

    def _follow_new_shards(self):
        page = {}
        while True:
            description = self.streams.describe_stream(StreamArn=self.stream_arn, **page)["StreamDescription"]
            for shard in description["Shards"]:
                known = shard["ShardId"] in self.shards or shard["ShardId"] in self.finished_shards
                # A child shard is read once its parent is done, so one conversation's records stay in order.
                parent_pending = shard.get("ParentShardId") in self.shards
                if not known and not parent_pending:
                    self.shards[shard["ShardId"]] = _Shard(shard["ShardId"])
            if not description.get("LastEvaluatedShardId"):
                return
            page = {"ExclusiveStartShardId": description["LastEvaluatedShardId"]}

    def _poll_shard(self, shard):
        if shard.iterator is None:
            shard.iterator = self.streams.get_shard_iterator(
                StreamArn=self.stream_arn, ShardId=shard.shard_id, **shard.position)["ShardIterator"]
        try:
            response = self.streams.get_records(ShardIterator=shard.iterator, Limit=BATCH_SIZE)
        except self.streams.exceptions.ExpiredIteratorException:
            shard.iterator = None
            return False
        records, shard.iterator = response["Records"], response.get("NextShardIterator")
        if not records:
            if shard.iterator is None:  # the shard is closed and read to its end
                del self.shards[shard.shard_id]
                self.finished_shards.add(shard.shard_id)
                self.shards_refreshed_at = None
            else:
                # Renewed from the position on the next poll: iterators expire on AWS, and moto swaps the
                # shard object when it rolls a cancelled transaction back.
                shard.iterator = None
            return False
        return self._deliver(shard, records)

    def _deliver(self, shard, records):
        event = {"Records": [lambda_stream_record(record, self.stream_arn) for record in records]}
        try:
            failed = [int(failure["itemIdentifier"]) for failure in self.handler(event, None)["batchItemFailures"]]
        except Exception:  # a handler that raises fails the whole batch, as on Lambda
            log.exception("the stream handler raised")
            failed = [int(records[0]["dynamodb"]["SequenceNumber"])]
        last = records[-1]["dynamodb"]["SequenceNumber"]
        if failed and shard.failed_attempts + 1 < MAX_ATTEMPTS:
            shard.failed_attempts += 1
            shard.position = {"ShardIteratorType": "AT_SEQUENCE_NUMBER", "SequenceNumber": str(min(failed))}
            shard.iterator = None
            return False
        if failed:
            log.error("skipping stream records up to %s after %d failed attempts", last, MAX_ATTEMPTS)
        shard.failed_attempts = 0
        shard.position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
        return True


class Worker:
    def __init__(self, pollers):
        self.pollers = pollers

    def run(self, stopped):
        """Polls until `stopped` (a threading.Event) is set; a poller that fails is retried after a rest."""
        while not stopped.is_set():
            delivered = False
            for poller in self.pollers:
                try:
                    delivered = poller.poll() or delivered
                except Exception as exc:  # the local AWS restarting, say: try again on the next round
                    log.warning("%s failed: %s", type(poller).__name__, exc)
            if not delivered:
                stopped.wait(IDLE_SECONDS)


def pollers(config):
    """The event sources of the local stack, each wired to the handler Lambda runs for it on AWS."""
    aws = {"region_name": config.aws_region, "endpoint_url": config.aws_endpoint_url}
    table = boto3.client("dynamodb", **aws).describe_table(TableName=config.dynamodb_table_name)["Table"]
    sqs = boto3.client("sqs", **aws)
    return [StreamPoller(boto3.client("dynamodbstreams", **aws), table["LatestStreamArn"], message_stream.handler),
            QueuePoller(sqs, sqs.get_queue_url(QueueName=UPLOAD_EVENTS_QUEUE)["QueueUrl"], process_avatar.handler,
                        MAX_ATTEMPTS)]


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    config = Config.from_env()
    if not config.aws_endpoint_url:
        raise SystemExit("the worker is for the local AWS only (AWS_ENDPOINT_URL must point at it)")
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    log.info("polling the local AWS at %s", config.aws_endpoint_url)
    Worker(pollers(config)).run(stopped)


if __name__ == "__main__":
    main()
