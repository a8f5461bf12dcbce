"""Who is signed in, and the users row behind every confirmed Cognito account.

A users row belongs to one Cognito identity (`sub`) for life: nothing an account says about itself (its
email, its wanted username) ever moves a row to it.
"""

from cruddur_shared.accounts import HANDLE, display_name_from_sign_up, normalized_handle

from ..errors import Conflict, Invalid, NotFound, Unprocessable
from ..observability.spans import service_span
from ..timelines.store import TimelineUnavailable
from . import notifications


def _handle_taken(handle):
    return Conflict("handle_taken", f"The username @{handle} belongs to someone else", "handle")


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
    """The account's row, made with the handle it asked for; 409 handle_taken when someone has that handle."""
    wanted = normalized_handle(handle)
    if wanted is None:
        raise Unprocessable("invalid_handle", "The account's username must be 3-20 of a-z, 0-9 and _", "handle")
    user = db.one(
        "users/create",
        cognito_user_id=cognito_user_id,
        handle=wanted,
        email=email,
        display_name=display_name_from_sign_up(display_name, wanted),
    )
    # Nothing made: another request for the same account made it first, or the handle is someone else's.
    user = user or db.one("users/by_cognito_user_id", cognito_user_id=cognito_user_id)
    if user is None:
        raise _handle_taken(wanted)
    return user


def checked_handle(handle):
    wanted = normalized_handle(handle) if isinstance(handle, str) else None
    if wanted is None:
        raise Invalid("invalid_handle", "A username is 3-20 of a-z, 0-9 and _", "handle")
    return wanted


@service_span
def handle_available(db, handle):
    """(handle as stored, whether no one has it)."""
    wanted = checked_handle(handle)
    return wanted, db.one("users/short", handle=wanted) is None


@service_span
def claim_handle(db, directory, cognito_user_id, access_token, handle):
    """For a confirmed account whose wanted username was taken: makes its row with another handle and keeps
    Cognito's preferred_username in step. 400 once the account has a row; 409 if this handle is taken too."""
    wanted = checked_handle(handle)
    if db.one("users/by_cognito_user_id", cognito_user_id=cognito_user_id) is not None:
        raise Invalid("handle_already_set", "This account already has a username", "handle")
    attributes = directory.attributes(access_token)
    with db.transaction() as tx:
        user = tx.one(
            "users/create",
            cognito_user_id=cognito_user_id,
            handle=wanted,
            email=attributes.get("email", ""),
            display_name=display_name_from_sign_up(attributes.get("name", ""), wanted),
        )
        if user is None:
            if tx.one("users/by_cognito_user_id", cognito_user_id=cognito_user_id) is not None:
                raise Invalid("handle_already_set", "This account already has a username", "handle")
            raise _handle_taken(wanted)
        # Inside the transaction: if Cognito cannot be told, the row is not made and the person tries again.
        directory.set_handle(access_token, wanted)
    return user


def _unknown(handle):
    return NotFound("user_not_found", f"No one is called @{handle}")


@service_span
def short(db, handle):
    user = db.one("users/short", handle=handle) if HANDLE.fullmatch(handle.lower()) else None
    if user is None:
        raise _unknown(handle)
    return user


@service_span
def profile(db, handle, viewer_uuid=None):
    row = db.one("users/profile", handle=handle, viewer_uuid=viewer_uuid) if HANDLE.fullmatch(handle.lower()) else None
    if row is None:
        raise _unknown(handle)
    return row


@service_span
def follow(db, follower_uuid, handle, on, timelines=None):
    """Follows (on) or unfollows someone; repeating either changes nothing. Answers their profile.
    A follow makes the follower's home timeline cold, so its next read has the new person's cruds (an unfollow
    needs nothing: a timeline's entries are checked against the follows when read)."""
    target = short(db, handle)
    if target["uuid"] == follower_uuid:
        raise Invalid("cannot_follow_yourself", "You cannot follow yourself", "handle")
    with db.transaction() as tx:
        changed = tx.run(
            "users/follow" if on else "users/unfollow", follower_uuid=follower_uuid, followed_uuid=target["uuid"]
        )
        if changed:
            tell = notifications.notify if on else notifications.withdraw
            tell(tx, target["uuid"], follower_uuid, "follow")
    if on and changed and timelines:
        try:
            timelines.forget(follower_uuid)
        except TimelineUnavailable:
            pass  # the fan-out process forgets it too when it hears of the follow
    return profile(db, handle, follower_uuid)
