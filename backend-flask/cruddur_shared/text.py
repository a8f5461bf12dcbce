"""What text Cruddur stores and shows (shared/API.md, Conventions): the one place the API and the Lambdas
check people's words and names, and find hashtags.

Refused everywhere: what cannot be stored (lone surrogates, NUL) and control characters other than tab and
line breaks. Refused in names: bidirectional controls, which can make a name read as another. Refused where
something must be said: text made only of whitespace and invisible characters. Emoji sequences (ZWJ, skin
tones, flags, variation selectors) are text like any other.
"""
import unicodedata

# Characters that reorder the text around them when shown.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and marks that draw nothing, though Unicode does not call them format characters.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e")
_KEPT_CONTROLS = frozenset("\t\n\r")

INVALID_CHARACTERS = "invalid_characters"
BLANK = "blank"
TOO_LONG = "too_long"


class TextRejected(ValueError):
    """Text a rule refuses: `reason` is INVALID_CHARACTERS, BLANK or TOO_LONG."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _variation_selector(char):
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _invisible(char):
    return (char.isspace() or char in BLANK_LOOKING or _variation_selector(char)
            or unicodedata.category(char) in ("Cf", "Cc"))


def _edge_invisible(char):
    # Whitespace and format characters at either end show nothing and only make look-alikes. Bidirectional
    # controls stay: cutting a closing one would leave its opening one reordering what follows.
    return char.isspace() or unicodedata.category(char) == "Cf" and char not in BIDI_CONTROLS


def check_storable(text):
    """Raises TextRejected for lone surrogates, NUL and control characters other than tab and line breaks."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TextRejected(INVALID_CHARACTERS, "The text has characters that are not valid Unicode "
                                               "(lone surrogates)") from exc
    if any(unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS for char in text):
        raise TextRejected(INVALID_CHARACTERS, "The text has control characters (such as NUL)")


def is_blank(text):
    """True when nothing in the text would show: only whitespace and invisible characters."""
    return all(_invisible(char) for char in text)


def trimmed(text):
    start, end = 0, len(text)
    while start < end and _edge_invisible(text[start]):
        start += 1
    while end > start and _edge_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def checked_text(text, *, maximum, required=True, name=False):
    """`text` trimmed, or TextRejected: characters that cannot be stored; bidirectional controls in a name;
    nothing visible where something must be said; more than `maximum` characters (code points)."""
    check_storable(text)
    if name and any(char in BIDI_CONTROLS for char in text):
        raise TextRejected(INVALID_CHARACTERS, "Names cannot contain right-to-left or left-to-right controls")
    text = trimmed(text)
    if required and is_blank(text):
        raise TextRejected(BLANK, "Nothing in it would show")
    if len(text) > maximum:
        raise TextRejected(TOO_LONG, f"It is longer than {maximum} characters")
    return text


def _tag_character(char):
    category = unicodedata.category(char)
    return char == "_" or category[0] in "LM" or category == "Nd"


def written_hashtags(text):
    """Each hashtag as it stands in the text, '#' included: '#' not right after a letter, mark, digit or '_',
    then one or more Unicode letters, combining marks, decimal digits or '_'."""
    tags, at = [], text.find("#")
    while at != -1:
        end = at + 1
        while end < len(text) and _tag_character(text[end]):
            end += 1
        if end > at + 1 and not (at > 0 and _tag_character(text[at - 1])):
            tags.append(text[at:end])
        at = text.find("#", max(end, at + 1))
    return tags


def normalized_hashtag(tag):
    """How a hashtag is stored, searched and trended: without '#', NFC, case-folded."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", tag.lstrip("#")).casefold())


def hashtags(text):
    """The text's hashtags, normalized, each once, in order of first appearance."""
    return list(dict.fromkeys(normalized_hashtag(tag) for tag in written_hashtags(text)))
