"""Direct messages between two people: only members read or write a conversation; others get 404."""

from cruddur_shared.limits import DIRECT_MESSAGE_MAX

from ..errors import Invalid, NotFound, Unavailable
from ..observability.spans import service_span
from . import notifications, realtime, users
from .text import checked_message

# A start that loses a race re-reads the winner's conversation; more rounds than this means DynamoDB is busy.
START_ATTEMPTS = 3


def _not_a_member(message_group_uuid):
    return NotFound("message_group_not_found", f"Conversation {message_group_uuid} does not exist")


def _membership(store, member_uuid, message_group_uuid):
    entry = store.conversation_entry(member_uuid, message_group_uuid)
    if entry is None:
        raise _not_a_member(message_group_uuid)
    return entry


def _people(db, user_uuids):
    """users rows by uuid, for at most one page of items."""
    return {str(row["uuid"]): row for row in db.all("users/by_uuids", uuids=sorted(set(user_uuids)))}


def _conversation(entry, other, unread):
    return {
        **other,
        "message_group_uuid": entry["message_group_uuid"],
        "message": entry["last_message"],
        "created_at": entry["last_message_at"],
        "unread": unread,
    }


def _one_conversation(db, viewer_uuid, entry, other):
    unread = notifications.unread_message_senders(db, viewer_uuid, [str(other["uuid"])])
    return _conversation(entry, other, str(other["uuid"]) in unread)


def _message(item, sender):
    return {
        **sender,
        "uuid": item["message_uuid"],
        "message_group_uuid": item["message_group_uuid"],
        "message": item["message"],
        "created_at": item["created_at"],
    }


@service_span
def conversations(store, db, viewer_uuid, limit, position=None):
    """The viewer's conversations, the latest message first, each with the other member's name card.
    Someone whose account is gone takes their conversations with them."""
    entries, next_position = store.conversations(viewer_uuid, limit, position)
    people = _people(db, [entry["other_user_uuid"] for entry in entries])
    unread = notifications.unread_message_senders(db, viewer_uuid, list(people))
    return [
        _conversation(entry, people[entry["other_user_uuid"]], entry["other_user_uuid"] in unread)
        for entry in entries
        if entry["other_user_uuid"] in people
    ], next_position


@service_span
def conversation(store, db, viewer_uuid, message_group_uuid):
    """One of the viewer's conversations, with the other member's name card; 404 for anyone else."""
    entry = _membership(store, viewer_uuid, message_group_uuid)
    other = _people(db, [entry["other_user_uuid"]]).get(entry["other_user_uuid"])
    if other is None:  # the other member's account is gone, and their conversations with it
        raise _not_a_member(message_group_uuid)
    return _one_conversation(db, viewer_uuid, entry, other)


@service_span
def mark_read(store, db, viewer_uuid, message_group_uuid):
    """The viewer has read the conversation: the notice of the other member's new messages is read too."""
    entry = _membership(store, viewer_uuid, message_group_uuid)
    notifications.messages_read(db, viewer_uuid, entry["other_user_uuid"])


@service_span
def conversation_with(store, db, viewer_uuid, handle):
    """The viewer's conversation with the person called `handle`; 404 when they have none."""
    other = users.short(db, handle)
    message_group_uuid = store.conversation_between(viewer_uuid, other["uuid"])
    entry = message_group_uuid and store.conversation_entry(viewer_uuid, message_group_uuid)
    if not entry:
        raise NotFound("message_group_not_found", f"You have no conversation with @{other['handle']}")
    return _one_conversation(db, viewer_uuid, entry, other)


@service_span
def messages(store, db, viewer_uuid, message_group_uuid, limit, position=None):
    """One page of a conversation: the newest page first, oldest first within the page."""
    _membership(store, viewer_uuid, message_group_uuid)
    items, next_position = store.messages(message_group_uuid, limit, position)
    people = _people(db, [item["sender_uuid"] for item in items])
    page = [_message(item, people[item["sender_uuid"]]) for item in reversed(items) if item["sender_uuid"] in people]
    return page, next_position


@service_span
def send(store, db, sender, message, handle=None, message_group_uuid=None):
    """Sends to an existing conversation, or to a person by handle (starting a conversation if there is none)."""
    message = checked_message(message, DIRECT_MESSAGE_MAX, "A message")
    if handle is None and message_group_uuid is None:
        raise Invalid("missing_field", "handle or message_group_uuid is required", "handle")
    if handle is not None and message_group_uuid is not None:
        raise Invalid("ambiguous_recipient", "Send handle or message_group_uuid, not both", "message_group_uuid")
    if message_group_uuid is not None:
        entry = _membership(store, sender["uuid"], message_group_uuid)
        recipient_uuid = entry["other_user_uuid"]
        item = store.add_message(message_group_uuid, sender["uuid"], recipient_uuid, message)
    else:
        recipient_uuid = users.short(db, handle)["uuid"]
        if recipient_uuid == sender["uuid"]:
            raise Invalid("cannot_message_yourself", "You cannot send a message to yourself", "handle")
        item = _send_to(store, sender["uuid"], recipient_uuid, message)
    sent = _message(item, sender)
    realtime.message_sent(db, sent, members=(sender["uuid"], recipient_uuid))
    notifications.message_received(db, recipient_uuid, sender["uuid"])
    return sent


def _send_to(store, sender_uuid, recipient_uuid, message):
    """Continues the two people's conversation, or starts it; of two simultaneous starts, one wins and the
    other's message goes into the winner's conversation."""
    for _ in range(START_ATTEMPTS):
        existing = store.conversation_between(sender_uuid, recipient_uuid)
        if existing is not None:
            return store.add_message(existing, sender_uuid, recipient_uuid, message)
        started = store.start_conversation(sender_uuid, recipient_uuid, message)
        if started is not None:
            return started
    raise Unavailable("messages_busy", "Starting this conversation conflicted with another, try again")
