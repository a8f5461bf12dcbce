"""What makes a users row from a Cognito account, for the API and the post-confirmation Lambda alike."""

import re

from .limits import DISPLAY_NAME_MAX, HANDLE_PATTERN
from .text import TextRejected, checked_text

HANDLE = re.compile(HANDLE_PATTERN)


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
