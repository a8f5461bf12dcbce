"""Finding cruds and people: search, trending hashtags, suggested people to follow."""

from cruddur_shared.limits import SEARCH_TERM_MAX
from cruddur_shared.text import normalized_hashtag, written_hashtags

from ..observability.spans import service_span
from ..pagination import page
from .media import with_media
from .text import checked
from .viewer_state import with_viewer_state

# Word searches rank the newest this many matches, so a word in every tenth crud costs what a rare one does.
SEARCH_WINDOW = 300
# Ranks are below 1, so every match comes before this position.
BEST_FIRST = (1e9, "infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff")


def _checked_term(term):
    return checked(term or "", "term", SEARCH_TERM_MAX)


def split_term(term):
    """(words, hashtags): '#AWS cloud #café' → ('cloud', ['aws', 'café']); a token that is one whole hashtag
    is looked for as the hashtag, normalized as cruds' hashtags are stored."""
    words, tags = [], []
    for token in term.split():
        if written_hashtags(token) == [token]:
            tags.append(normalized_hashtag(token))
        else:
            words.append(token)
    return " ".join(words), sorted(set(tags))


@service_span
def search_cruds(db, term, viewer_uuid, limit, position=None):
    words, hashtags = split_term(_checked_term(term))
    before = position or BEST_FIRST
    params = {
        "words": words,
        "hashtags": hashtags,
        "before_rank": before[0],
        "before_created_at": before[1],
        "before_uuid": before[2],
        "limit": limit + 1,
        "window": SEARCH_WINDOW,
    }
    rows = db.all("activities/search_words" if words else "activities/search_hashtags", **params)
    items, next_position = page(rows, limit, position=lambda row: (row["rank"], row["created_at"], row["uuid"]))
    return with_media(db, with_viewer_state(db, items, viewer_uuid)), next_position


def _like_prefix(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@service_span
def search_people(db, term, limit):
    prefix = _checked_term(term).lstrip("@")
    if not prefix:
        return []
    return db.all("users/search", prefix=_like_prefix(prefix), limit=limit)


@service_span
def trends(db, limit):
    return db.all("activities/trending_hashtags", limit=limit)


@service_span
def suggested_people(db, viewer_uuid, limit):
    return db.all("users/suggested", viewer_uuid=viewer_uuid, limit=limit)
