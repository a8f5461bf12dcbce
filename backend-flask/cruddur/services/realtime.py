"""Announcing what the real-time stream (cruddur/stream) sends. Changes in PostgreSQL are announced by its
triggers (migration 0015); a message lives in DynamoDB, so sending one announces it here, through the same
broker (PostgreSQL NOTIFY on 'cruddur_events'). An announcement that cannot be made is logged, never an
error: the message is stored either way."""

import json
import logging

import psycopg
import psycopg_pool
from opentelemetry import trace

log = logging.getLogger(__name__)
tracer = trace.get_tracer("cruddur.stream")

# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
PAYLOAD_MAX_BYTES = 7999
# What the stream needs to present a Message as the API does (presentation.message), and no more.
MESSAGE_FIELDS = ("uuid", "message_group_uuid", "message", "handle", "display_name", "avatar_key", "created_at")


def message_sent(db, message_row, members):
    """Tells both members' streams about a message (`message_row` as services.messages presents it)."""
    payload = json.dumps(
        {
            "t": "message",
            "to": [str(member) for member in members],
            "message": {field: message_row[field] for field in MESSAGE_FIELDS},
        },
        default=str,
        ensure_ascii=False,
    )
    # The triggers' announcements are made inside the write's own statement (its SQL span); this one is a
    # statement of its own, with a span that says what it published.
    with tracer.start_as_current_span("stream.publish") as span:
        span.set_attribute("cruddur.stream.event", "message")
        span.set_attribute("cruddur.stream.recipients", len(members))
        size = len(payload.encode())
        span.set_attribute("cruddur.stream.payload_bytes", size)
        if size > PAYLOAD_MAX_BYTES:
            log.warning("message not announced: its payload is over %s bytes", PAYLOAD_MAX_BYTES)
            span.set_attribute("cruddur.stream.published", False)
            return False
        try:
            db.one("stream/publish", payload=payload)
        except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
            log.warning("message not announced to the streams: %s", exc.__class__.__name__)
            span.set_attribute("cruddur.stream.published", False)
            return False
        span.set_attribute("cruddur.stream.published", True)
        return True
