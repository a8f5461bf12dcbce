"""Rows as the contract's objects, with no web framework: the API (api/presenters.py) and the real-time
stream (stream/) present the same rows the same way. `assets_base_url` is the configured one; `media_urls`
signs photos' URLs (s3/media.py's signer)."""


def avatar_url(avatar_key, assets_base_url):
    if not avatar_key:
        return None
    return f"{assets_base_url.rstrip('/')}/{avatar_key}"


def user_short(row, assets_base_url):
    return {
        "uuid": row["uuid"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"], assets_base_url),
    }


def media(row, expires_at, media_urls):
    """A photo; its URLs (once ready) are signed to stop working at `expires_at`, its crud's expiry."""
    ready = row["status"] == "ready"
    return {
        "uuid": row["uuid"],
        "status": row["status"],
        "url": media_urls.url(row["full_key"], expires_at) if ready else None,
        "preview_url": media_urls.url(row["preview_key"], expires_at) if ready else None,
        "width": row["width"],
        "height": row["height"],
        "alt": row["alt"],
        "reason": row["reason"],
    }


def crud(row, assets_base_url, media_urls):
    body = {
        "uuid": row["uuid"],
        "message": row["message"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"], assets_base_url),
        "created_at": row["created_at"],
        "expires_at": row["expires_at"],
        "reply_to_activity_uuid": row["reply_to_activity_uuid"],
        # live_cruds has it; a crud just posted (create.sql) is top-level.
        "reply_to_handle": row.get("reply_to_handle"),
        "replies_count": row["replies_count"],
        "likes_count": row["likes_count"],
        "reposts_count": row["reposts_count"],
        "media": [media(photo, row["expires_at"], media_urls) for photo in row["media"]],
    }
    for viewer_field in ("liked", "reposted"):
        if viewer_field in row:
            body[viewer_field] = row[viewer_field]
    if row.get("reposter_handle"):
        body["reposted_by"] = {"handle": row["reposter_handle"], "display_name": row["reposter_display_name"]}
    return body


def notification(row, assets_base_url, media_urls):
    return {
        "uuid": row["uuid"],
        "type": row["type"],
        "created_at": row["created_at"],
        "read": row["read"],
        "actor": {
            "uuid": row["actor_uuid"],
            "handle": row["actor_handle"],
            "display_name": row["actor_display_name"],
            "avatar_url": avatar_url(row["actor_avatar_key"], assets_base_url),
        },
        "activity": crud(row["activity"], assets_base_url, media_urls) if row["activity"] else None,
    }


def message(row, assets_base_url):
    return {
        "uuid": row["uuid"],
        "message_group_uuid": row["message_group_uuid"],
        "message": row["message"],
        "handle": row["handle"],
        "display_name": row["display_name"],
        "avatar_url": avatar_url(row["avatar_key"], assets_base_url),
        "created_at": row["created_at"],
    }
