"""What makes a users row from a Cognito account, for the API and the post-confirmation Lambda alike."""
import re

from .text import TextRejected, checked_text

# A handle: 3 to 20 of a-z, 0-9 and _, unique whatever its case (the users table checks it too).
HANDLE = re.compile(r"[a-z0-9_]{3,20}")
DISPLAY_NAME_MAX = 50


def normalized_handle(handle):
    """The handle as stored (lower case), or None when it is not one."""
    handle = handle.strip().lower()
    return handle if HANDLE.fullmatch(handle) else None


def display_name_from_sign_up(name, handle):
    """The name given at sign-up if the text rules take it, cut to DISPLAY_NAME_MAX; else the handle. Cognito
    takes any name, and a sign-up must not fail for it: the person can change it on their profile."""
    try:
        return checked_text(name or "", maximum=10_000, name=True)[:DISPLAY_NAME_MAX].rstrip() or handle
    except TextRejected:
        return handle
