"""What every text people post must be: something, after trimming, and not too long."""
from ..errors import ApiError


def checked_message(message, maximum, noun):
    """`message` trimmed; 400 when nothing is left or it is longer than `maximum` characters."""
    message = message.strip()
    if not message:
        raise ApiError.bad_request("message_blank", "Write something first", "message")
    if len(message) > maximum:
        raise ApiError.bad_request("message_too_long", f"{noun} is at most {maximum} characters", "message")
    return message
