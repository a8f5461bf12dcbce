"""The local stand-in for S3 invoking a Lambda: the local uploads bucket sends its events to an SQS queue,
and this poller hands each one to the handler with the event S3 would have invoked it with."""

import json
import logging

log = logging.getLogger("devstack.worker")

BATCH_SIZE = 10


class QueuePoller:
    """Receives S3 event messages and calls `handler` with each; a message is deleted once handled. One
    the handler fails comes back after the queue's visibility timeout, up to `max_attempts` times (Lambda
    retries an asynchronous invocation twice), and is then logged and dropped."""

    def __init__(self, sqs, queue_url, handler, max_attempts):
        self.sqs = sqs
        self.queue_url = queue_url
        self.handler = handler
        self.max_attempts = max_attempts

    def poll(self):
        messages = self.sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=BATCH_SIZE, AttributeNames=["ApproximateReceiveCount"]
        ).get("Messages", [])
        for message in messages:
            if self._deliver(message):
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return bool(messages)

    def _deliver(self, message):
        """Whether the message is done with (handled, not an event, or out of attempts)."""
        event = json.loads(message["Body"])
        if "Records" not in event:
            return True  # the s3:TestEvent S3 sends when the notification is set up
        try:
            self.handler(event, None)
            return True
        except Exception:  # as on Lambda, an invocation that raises is tried again
            attempts = int(message["Attributes"]["ApproximateReceiveCount"])
            log.exception("the S3 event handler raised (attempt %d of %d)", attempts, self.max_attempts)
            return attempts >= self.max_attempts
