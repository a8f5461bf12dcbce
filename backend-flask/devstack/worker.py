"""The local stand-in for Lambda's event source mappings: `python -m devstack.worker` (bin/worker) reads the
local AWS and calls the same handlers Lambda runs on AWS, with the same event shapes.

Each event source is a poller whose `poll()` delivers what is waiting and answers whether it delivered
anything; the worker loops over its pollers and rests while none has work: the messages table's stream,
and the queue the uploads bucket sends its events to (queue_poller.py), routed by key prefix to the avatar
or the media handler. Another source is one more poller
in `pollers()`.

Like an event source mapping, the stream poller keeps its place in each shard: with WORKER_CHECKPOINT_FILE
set (bin/worker sets it), a restarted worker resumes after the last record it handled instead of replaying
the stream. bin/dev runs the worker under devstack.supervisor, which restarts it when it stops.
"""

import json
import logging
import os
import signal
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote_plus

import boto3

from cruddur.config import Config
from message_stream import handler as message_stream
from process_avatar import handler as process_avatar
from process_media import handler as process_media

from .aws import UPLOAD_EVENTS_QUEUE
from .queue_poller import QueuePoller

log = logging.getLogger("devstack.worker")

IDLE_SECONDS = 0.5
BATCH_SIZE = 100
# Like the event source mapping's MaximumRetryAttempts: a batch that keeps failing is logged and skipped.
MAX_ATTEMPTS = 3
SHARD_REFRESH_SECONDS = 10
TRIM_HORIZON = {"ShardIteratorType": "TRIM_HORIZON"}


def lambda_stream_record(record, stream_arn):
    """A GetRecords record as Lambda delivers it: with the stream's ARN, and the time in epoch seconds."""
    dynamodb = dict(record["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": dynamodb, "eventSourceARN": stream_arn}


def after(sequence_number):
    return {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": sequence_number}


class StreamCheckpoint:
    """The last sequence number handled in each shard of one stream, in a JSON file replaced atomically, so
    that a worker killed at any moment finds either the old checkpoint or the new one. A file about another
    stream is ignored: the local AWS keeps its state in memory, so each run of it has a new stream, whose
    shard ids and sequence numbers repeat the old one's."""

    def __init__(self, path, stream_arn):
        self.path = Path(path)
        self.stream_arn = stream_arn
        self.sequence_numbers = self._load()

    def _load(self):
        try:
            saved = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        if saved["stream_arn"] != self.stream_arn:
            log.info(
                "%s is about another stream (an earlier run of the local AWS): reading %s from its start",
                self.path,
                self.stream_arn,
            )
            return {}
        return saved["shards"]

    def position(self, shard_id):
        """Where to start reading a shard: after its checkpoint, or at its start."""
        if shard_id not in self.sequence_numbers:
            return TRIM_HORIZON
        log.info(
            "resuming shard %s after sequence number %s (%s)", shard_id, self.sequence_numbers[shard_id], self.path
        )
        return after(self.sequence_numbers[shard_id])

    def save(self, shard_id, sequence_number):
        self.sequence_numbers[shard_id] = sequence_number
        self.path.parent.mkdir(parents=True, exist_ok=True)
        written = self.path.with_name(f"{self.path.name}.tmp")
        written.write_text(json.dumps({"stream_arn": self.stream_arn, "shards": self.sequence_numbers}))
        os.replace(written, self.path)


class _Shard:
    def __init__(self, shard_id, position):
        self.shard_id = shard_id
        # Where to read from when there is no iterator: the checkpoint or the start, then after what was handled.
        self.position = position
        self.iterator = None
        self.failed_attempts = 0


class StreamPoller:
    """Reads every shard of a DynamoDB stream, in order, and hands each batch to `handler`. Failures the
    handler reports are retried from the first of them, as Lambda does with ReportBatchItemFailures. With a
    `checkpoint_path`, where each shard was left is kept there and read back on start."""

    def __init__(self, streams, stream_arn, handler, checkpoint_path=None):
        self.streams = streams
        self.stream_arn = stream_arn
        self.handler = handler
        self.checkpoint = StreamCheckpoint(checkpoint_path, stream_arn) if checkpoint_path else None
        self.shards = {}
        self.finished_shards = set()
        self.shards_refreshed_at = None

    def poll(self):
        now = time.monotonic()
        if self.shards_refreshed_at is None or now - self.shards_refreshed_at >= SHARD_REFRESH_SECONDS:
            self._follow_new_shards()
            self.shards_refreshed_at = now
        # Every shard is polled, whether or not an earlier one had records.
        delivered = [self._poll_shard(shard) for shard in list(self.shards.values())]
        return any(delivered)

    def _follow_new_shards(self):
        page = {}
        while True:
            description = self.streams.describe_stream(StreamArn=self.stream_arn, **page)["StreamDescription"]
            for shard in description["Shards"]:
                known = shard["ShardId"] in self.shards or shard["ShardId"] in self.finished_shards
                # A child shard is read once its parent is done, so one conversation's records stay in order.
                parent_pending = shard.get("ParentShardId") in self.shards
                if not known and not parent_pending:
                    self.shards[shard["ShardId"]] = _Shard(shard["ShardId"], self._start_of(shard["ShardId"]))
            if not description.get("LastEvaluatedShardId"):
                return
            page = {"ExclusiveStartShardId": description["LastEvaluatedShardId"]}

    def _start_of(self, shard_id):
        return self.checkpoint.position(shard_id) if self.checkpoint else TRIM_HORIZON

    def _poll_shard(self, shard):
        try:
            if shard.iterator is None:
                shard.iterator = self.streams.get_shard_iterator(
                    StreamArn=self.stream_arn, ShardId=shard.shard_id, **shard.position
                )["ShardIterator"]
            response = self.streams.get_records(ShardIterator=shard.iterator, Limit=BATCH_SIZE)
        except self.streams.exceptions.ExpiredIteratorException:
            shard.iterator = None
            return False
        except self.streams.exceptions.TrimmedDataAccessException:
            # The stream keeps records for a limited time (24 hours on AWS): what is gone cannot be read.
            log.warning(
                "shard %s no longer holds the records after %s: reading it from its trim horizon",
                shard.shard_id,
                shard.position.get("SequenceNumber"),
            )
            shard.position, shard.iterator = TRIM_HORIZON, None
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
        shard.position = after(last)
        if self.checkpoint:
            self.checkpoint.save(shard.shard_id, last)
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


# Which handler takes an upload, by its key's prefix: on AWS the uploads bucket's notifications filter the same
# way (aws/cfn/media), one Lambda a prefix.
UPLOAD_HANDLERS = {"uploads/": process_avatar.handler, "media/": process_media.handler}


def upload_events(event, context):
    """Hands each record of an S3 event to the handler of its key's prefix, as the bucket's filtered
    notifications do on AWS; a record no prefix names is left alone (as on AWS, where nothing is invoked)."""
    for prefix, handler in UPLOAD_HANDLERS.items():
        # S3 events carry keys URL-encoded (media%2F...).
        records = [r for r in event["Records"] if unquote_plus(r["s3"]["object"]["key"]).startswith(prefix)]
        if records:
            handler({**event, "Records": records}, context)


def pollers(config, checkpoint_path=None):
    """The event sources of the local stack, each wired to the handler Lambda runs for it on AWS; the stream
    poller keeps its place in `checkpoint_path`, if given."""
    aws = {"region_name": config.aws_region, "endpoint_url": config.aws_endpoint_url}
    table = boto3.client("dynamodb", **aws).describe_table(TableName=config.dynamodb_table_name)["Table"]
    sqs = boto3.client("sqs", **aws)
    return [
        StreamPoller(
            boto3.client("dynamodbstreams", **aws), table["LatestStreamArn"], message_stream.handler, checkpoint_path
        ),
        QueuePoller(sqs, sqs.get_queue_url(QueueName=UPLOAD_EVENTS_QUEUE)["QueueUrl"], upload_events, MAX_ATTEMPTS),
    ]


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    config = Config.from_env()
    if not config.aws_endpoint_url:
        raise SystemExit("the worker is for the local AWS only (AWS_ENDPOINT_URL must point at it)")
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    log.info("polling the local AWS at %s", config.aws_endpoint_url)
    Worker(pollers(config, os.environ.get("WORKER_CHECKPOINT_FILE") or None)).run(stopped)


if __name__ == "__main__":
    main()
