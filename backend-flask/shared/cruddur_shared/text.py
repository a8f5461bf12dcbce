"""What text Cruddur stores and shows (shared/API.md, Conventions): the one place the API and the Lambdas
check people's words and names, and find hashtags.

Refused everywhere: what cannot be stored (lone surrogates, NUL) and control characters other than tab and
line breaks. Refused in names: bidirectional controls, which can make a name read as another. Refused where
something must be said: text with nothing visible in it (whitespace, invisible characters, and combining
marks with no letter to sit on). Emoji sequences (ZWJ, skin tones, flags, variation selectors) are text like
any other. Text is stored NFC-normalised, so every way of typing "é" is the same text to search.
"""

import unicodedata

# Characters that reorder the text around them when shown.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode's Default_Ignorable_Code_Point characters that are not format characters (Cf), which Python's
# unicodedata cannot tell: fillers, Khmer inherent vowels, Mongolian and other variation selectors, and the
# reserved ranges meant to be ignored (DerivedCoreProperties.txt, Unicode 15).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)
# Drawn as nothing though Unicode does not call it ignorable.
_BLANK_SYMBOLS = frozenset("\u2800")
# Variation selectors and tag characters belong to the character before them (a red heart, not a black one;
# the flag of Scotland), so at the end of text they are kept.
_PART_OF_PREVIOUS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0020, 0xE007F), (0xE0100, 0xE01EF))
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


def _in(ranges, char):
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _invisible(char):
    """Draws nothing by itself."""
    return (
        char.isspace()
        or char in _BLANK_SYMBOLS
        or unicodedata.category(char) in ("Cf", "Cc")
        or _in(_IGNORABLE_RANGES, char)
    )


def _edge_invisible(char):
    # Invisible characters at either end show nothing and only make look-alikes ("Andrew" + a filler).
    # Bidirectional controls stay (cutting a closing one would leave its opening one reordering what
    # follows), and so do the characters that belong to the one before them.
    return _invisible(char) and char not in BIDI_CONTROLS and not _in(_PART_OF_PREVIOUS, char)


def check_storable(text):
    """Raises TextRejected for lone surrogates, NUL and control characters other than tab and line breaks."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TextRejected(
            INVALID_CHARACTERS, "The text has characters that are not valid Unicode (lone surrogates)"
        ) from exc
    if any(unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS for char in text):
        raise TextRejected(INVALID_CHARACTERS, "The text has control characters (such as NUL)")


def is_blank(text):
    """True when nothing in the text would show: only invisible characters and combining marks, which need
    a letter to sit on."""
    return all(_invisible(char) or unicodedata.category(char) in ("Mn", "Me") for char in text)


def trimmed(text):
    start, end = 0, len(text)
    while start < end and _edge_invisible(text[start]):
        start += 1
    while end > start and _edge_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def checked_text(text, *, maximum, required=True, name=False):
    """`text` trimmed and NFC-normalised, or TextRejected: characters that cannot be stored; bidirectional
    controls in a name; nothing visible where something must be said; more than `maximum` characters (code
    points)."""
    check_storable(text)
    if name and any(char in BIDI_CONTROLS for char in text):
        raise TextRejected(INVALID_CHARACTERS, "Names cannot contain right-to-left or left-to-right controls")
    text = unicodedata.normalize("NFC", trimmed(text))
    if required and is_blank(text):
        raise TextRejected(BLANK, "Nothing in it would show")
    if len(text) > maximum:
        raise TextRejected(TOO_LONG, f"It is longer than {maximum} characters")
    return text


def _tag_start(char):
    category = unicodedata.category(char)
    return char == "_" or category[0] == "L" or category == "Nd"


def _tag_character(char):
    return _tag_start(char) or unicodedata.category(char)[0] == "M"


def written_hashtags(text):
    """Each hashtag as it stands in the text, '#' included: '#' not right after a letter, mark, digit or '_',
    then a Unicode letter, decimal digit or '_', and any more of those or combining marks."""
    tags, at = [], text.find("#")
    while at != -1:
        end = at + 1
        while end < len(text) and (_tag_character(text[end]) if end > at + 1 else _tag_start(text[end])):
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
