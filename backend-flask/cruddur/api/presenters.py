"""Rows as the contract's objects (Crud, Media, Profile, UserShort, MessageGroup, Message)."""

from .extensions import current_config, current_media_urls
from .parsing import next_cursor


def avatar_url(avatar_key):
    if not avatar_key:
        return None
    return f"{current_config().assets_base_url.rstrip('/')}/{avatar_key}"


def user_short(row):
    return {
        "uuid": row["uuid"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"]),
    }


def media(row, expires_at):
    """A photo; its URLs (once ready) are signed to stop working at `expires_at`, its crud's expiry."""
    urls = current_media_urls()
    ready = row["status"] == "ready"
    return {
        "uuid": row["uuid"],
        "status": row["status"],
        "url": urls.url(row["full_key"], expires_at) if ready else None,
        "preview_url": urls.url(row["preview_key"], expires_at) if ready else None,
        "width": row["width"],
        "height": row["height"],
        "alt": row["alt"],
        "reason": row["reason"],
    }


def crud(row):
    body = {
        "uuid": row["uuid"],
        "message": row["message"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"]),
        "created_at": row["created_at"],
        "expires_at": row["expires_at"],
        "reply_to_activity_uuid": row["reply_to_activity_uuid"],
        # live_cruds has it; a crud just posted (create.sql) is top-level.
        "reply_to_handle": row.get("reply_to_handle"),
        "replies_count": row["replies_count"],
        "likes_count": row["likes_count"],
        "reposts_count": row["reposts_count"],
        "media": [media(photo, row["expires_at"]) for photo in row["media"]],
    }
    for viewer_field in ("liked", "reposted"):
        if viewer_field in row:
            body[viewer_field] = row[viewer_field]
    if row.get("reposter_handle"):
        body["reposted_by"] = {"handle": row["reposter_handle"], "display_name": row["reposter_display_name"]}
    return body


def crud_page(items, next_position):
    return {"items": [crud(row) for row in items], "next_cursor": next_cursor(next_position)}


def user_list(rows):
    return {"items": [user_short(row) for row in rows], "next_cursor": None}


def notification(row):
    return {
        "uuid": row["uuid"],
        "type": row["type"],
        "created_at": row["created_at"],
        "read": row["read"],
        "actor": {
            "uuid": row["actor_uuid"],
            "handle": row["actor_handle"],
            "display_name": row["actor_display_name"],
            "avatar_url": avatar_url(row["actor_avatar_key"]),
        },
        "activity": crud(row["activity"]) if row["activity"] else None,
    }


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
    return {
        "uuid": row["uuid"],
        "message_group_uuid": row["message_group_uuid"],
        "message": row["message"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"]),
        "created_at": row["created_at"],
    }
