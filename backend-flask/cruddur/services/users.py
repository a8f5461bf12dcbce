"""Who is signed in, and the users row behind every confirmed Cognito account."""
import re

from ..errors import ApiError
from ..observability.tracing import service_span
from . import notifications

HANDLE = re.compile(r"^[a-z0-9_]{3,20}$")


@service_span
def resolve_viewer(db, directory, cognito_user_id, access_token):
    """The users row for a verified token; made from Cognito's attributes when Postgres lacks it,
    so a failed confirmation trigger heals itself."""
    user = db.one("users/by_cognito_user_id", cognito_user_id=cognito_user_id)
    if user is not None:
        return user
    attributes = directory.attributes(access_token)
    return provision(
        db,
        cognito_user_id=cognito_user_id,
        handle=attributes.get("preferred_username", ""),
        email=attributes.get("email", ""),
        display_name=attributes.get("name", ""),
    )


@service_span
def provision(db, cognito_user_id, handle, email, display_name):
    handle = handle.strip().lower()
    if not HANDLE.match(handle):
        raise ApiError(422, "invalid_handle", "The account's username must be 3-20 of a-z, 0-9 and _", "handle")
    display_name = display_name.strip()[:50] or handle
    with db.transaction() as tx:
        user = tx.one("users/create", cognito_user_id=cognito_user_id, handle=handle,
                      email=email, display_name=display_name)
        if user is None:
            # Another request made it first, or the same person's account was recreated in Cognito.
            user = (tx.one("users/by_cognito_user_id", cognito_user_id=cognito_user_id)
                    or tx.one("users/relink", cognito_user_id=cognito_user_id, handle=handle, email=email))
    if user is None:
        raise ApiError(409, "handle_taken", f"The username @{handle} belongs to someone else", "handle")
    return user


def _unknown(handle):
    return ApiError.not_found("user_not_found", f"No one is called @{handle}")


@service_span
def short(db, handle):
    user = db.one("users/short", handle=handle) if HANDLE.match(handle.lower()) else None
    if user is None:
        raise _unknown(handle)
    return user


@service_span
def profile(db, handle, viewer_uuid=None):
    row = db.one("users/profile", handle=handle, viewer_uuid=viewer_uuid) if HANDLE.match(handle.lower()) else None
    if row is None:
        raise _unknown(handle)
    return row


@service_span
def follow(db, follower_uuid, handle, on):
    """Follows (on) or unfollows someone; repeating either changes nothing. Answers their profile."""
    target = short(db, handle)
    if target["uuid"] == follower_uuid:
        raise ApiError.bad_request("cannot_follow_yourself", "You cannot follow yourself", "handle")
    with db.transaction() as tx:
        changed = tx.run("users/follow" if on else "users/unfollow", follower_uuid=follower_uuid,
                         followed_uuid=target["uuid"])
        if changed:
            tell = notifications.notify if on else notifications.withdraw
            tell(tx, target["uuid"], follower_uuid, "follow")
    return profile(db, handle, follower_uuid)
