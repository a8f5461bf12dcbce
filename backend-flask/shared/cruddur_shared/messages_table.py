"""Key shapes of the direct messages table (one DynamoDB table; access patterns in docs/messages-table.md),
for the API, which writes and reads it, and the stream handler Lambda, which keeps conversation lists.

Every item has the string keys `pk` and `sk`:
  conversation entry  USER#<member>           GROUP#<group>           one per member, with the last message
  message             GROUP#<group>           MSG#<created_at>#<uuid>
  pair lookup         PAIR#<lower>#<higher>   PAIR                    the conversation between two people
The local index LAST_MESSAGE_INDEX sorts a member's entries by `last_message_sort` (<created_at>#<uuid> of
the last message), which the stream handler moves forward.
"""

LAST_MESSAGE_INDEX = "conversations_by_last_message"
PAIR_SK = "PAIR"
_MESSAGE = "MSG#"
_GROUP = "GROUP#"


def member_pk(user_uuid):
    return f"USER#{user_uuid}"


def group_key(message_group_uuid):
    return f"{_GROUP}{message_group_uuid}"


def pair_pk(user_uuid, other_uuid):
    # Sorted, so both people find the same item whoever starts.
    return "PAIR#{}#{}".format(*sorted((str(user_uuid), str(other_uuid))))


def message_sort(created_at, message_uuid):
    """What orders messages (and conversation entries by their last message): fixed-width times sort as
    the times do, and the uuid breaks ties."""
    return f"{created_at}#{message_uuid}"


def message_sk(created_at, message_uuid):
    return f"{_MESSAGE}{message_sort(created_at, message_uuid)}"


def is_message_key(pk, sk):
    return pk.startswith(_GROUP) and sk.startswith(_MESSAGE)


def sort_of_message_sk(sk):
    """The last_message_sort of a message's sort key."""
    return sk.removeprefix(_MESSAGE)
