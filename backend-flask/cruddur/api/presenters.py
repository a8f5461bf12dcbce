"""Rows as the contract's objects (Crud, Media, Profile, UserShort, MessageGroup, Message). The objects the
real-time stream also sends are presented by cruddur/presentation.py, which both web layers share."""

from .. import presentation
from .extensions import current_config, current_media_urls
from .parsing import next_cursor


def _assets_base_url():
    return current_config().assets_base_url


def avatar_url(avatar_key):
    return presentation.avatar_url(avatar_key, _assets_base_url())


def user_short(row):
    return presentation.user_short(row, _assets_base_url())


def media(row, expires_at):
    return presentation.media(row, expires_at, current_media_urls())


def crud(row):
    return presentation.crud(row, _assets_base_url(), current_media_urls())


def crud_page(items, next_position):
    return {"items": [crud(row) for row in items], "next_cursor": next_cursor(next_position)}


def user_list(rows):
    return {"items": [user_short(row) for row in rows], "next_cursor": None}


def notification(row):
    return presentation.notification(row, _assets_base_url(), current_media_urls())


def profile(row, viewer_uuid):
    body = {
        "uuid": row["uuid"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "bio": row["bio"],
        "avatar_url": avatar_url(row["avatar_key"]),
        "cruds_count": row["cruds_count"],
        "followers_count": row["followers_count"],
        "following_count": row["following_count"],
        "created_at": row["created_at"],
    }
    if viewer_uuid is not None:
        body["following"] = row["following"]
        body["is_me"] = row["uuid"] == viewer_uuid
    return body


def message_group(row):
    """A conversation as its member sees it: the other member's name card, the last message, and whether the
    other member sent messages the caller has not read."""
    return {
        "message_group_uuid": row["message_group_uuid"],
        **user_short(row),
        "message": row["message"],
        "created_at": row["created_at"],
        "unread": row["unread"],
    }


def message(row):
    return presentation.message(row, _assets_base_url())
