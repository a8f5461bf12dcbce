"""Finding cruds and people: search, trending hashtags, suggested people to follow."""
import re

from ..db import StatementTimeout
from ..errors import ApiError
from ..observability.tracing import service_span
from ..pagination import page
from .viewer_state import with_viewer_state

TERM_MAX = 100
HASHTAG = re.compile(r"^#([A-Za-z0-9_]+)$")
# Word searches rank the newest this many matches, so a word in every tenth crud costs what a rare one does.
# Below about 250 the planner reads even words it has no statistics for newest first (bin/bench at 1M).
SEARCH_WINDOW = 300
# Ranks are below 1, so every match comes before this position.
BEST_FIRST = (1e9, "infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff")


def _checked_term(term):
    term = (term or "").strip()
    if not term:
        raise ApiError.bad_request("missing_term", "Say what to search for", "term")
    if "\x00" in term:
        raise ApiError.bad_request("invalid_characters", "Search terms must not contain NUL characters", "term")
    if len(term) > TERM_MAX:
        raise ApiError.bad_request("term_too_long", f"Search terms are at most {TERM_MAX} characters", "term")
    return term


def split_term(term):
    """(words, hashtags): '#aws cloud fun' → ('cloud fun', ['aws'])."""
    words, hashtags = [], []
    for token in term.split():
        match = HASHTAG.match(token)
        if match:
            hashtags.append(match.group(1).lower())
        else:
            words.append(token)
    return " ".join(words), sorted(set(hashtags))


@service_span
def search_cruds(db, term, viewer_uuid, limit, cursor=None):
    words, hashtags = split_term(_checked_term(term))
    before = cursor or BEST_FIRST
    params = {"words": words, "hashtags": hashtags, "before_rank": before[0], "before_created_at": before[1],
              "before_uuid": before[2], "limit": limit + 1, "window": SEARCH_WINDOW}
    query = "activities/search_words" if words else "activities/search_hashtags"
    # Terms are looked for newest first or through their index, as the planner judges from how common each
    # one is. Terms common alone yet rarely together would be read newest first through every crud: that
    # read is cut off (DB_BOUNDED_STATEMENT_MS) and the few matches are read through the index instead.
    try:
        rows = db.all_bounded(query, **params)
    except StatementTimeout:
        rows = db.all(f"{query}_by_index", **params)
    items, next_cursor = page(rows, limit, position=lambda row: (row["rank"], row["created_at"], row["uuid"]))
    return with_viewer_state(db, items, viewer_uuid), next_cursor


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
