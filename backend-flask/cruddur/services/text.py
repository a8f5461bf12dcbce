"""The text rules of cruddur_shared.text as the API's errors: 400 with the field named."""

from cruddur_shared.text import BLANK, INVALID_CHARACTERS, TOO_LONG, TextRejected, checked_text

from ..errors import Invalid

# What each field's refusals are called and say; invalid_characters is the same for every field.
_REFUSALS = {
    ("message", BLANK): ("message_blank", "Write something first"),
    ("message", TOO_LONG): ("message_too_long", "{noun} is at most {maximum} characters"),
    ("display_name", BLANK): ("invalid_display_name", "Display name must show something"),
    ("display_name", TOO_LONG): ("invalid_display_name", "Display name must be 1 to {maximum} characters"),
    ("bio", TOO_LONG): ("bio_too_long", "Bio must be at most {maximum} characters"),
    ("alt", TOO_LONG): ("alt_too_long", "A photo's description is at most {maximum} characters"),
    ("term", BLANK): ("missing_term", "Say what to search for"),
    ("term", TOO_LONG): ("term_too_long", "Search terms are at most {maximum} characters"),
}


def checked(text, field, maximum, *, noun=None, required=True, name=False):
    """`text` trimmed and checked (cruddur_shared.text.checked_text); 400 naming `field` otherwise."""
    try:
        return checked_text(text, maximum=maximum, required=required, name=name)
    except TextRejected as exc:
        if exc.reason == INVALID_CHARACTERS:
            raise Invalid(INVALID_CHARACTERS, exc.message, field) from exc
        code, message = _REFUSALS[(field, exc.reason)]
        raise Invalid(code, message.format(noun=noun, maximum=maximum), field) from exc


def checked_message(message, maximum, noun):
    """A crud, reply or direct message: something visible, at most `maximum` characters."""
    return checked(message, "message", maximum, noun=noun)
