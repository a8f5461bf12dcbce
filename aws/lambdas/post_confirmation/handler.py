"""Cognito post-confirmation trigger: makes the users row of a person who just confirmed their sign-up, by
the rules the API makes rows by (cruddur_shared.accounts).

A username someone else has (taken between sign-up and confirmation), or one that is not a handle, makes no
row and is logged as a warning: the confirmation itself succeeds, and at the first sign-in the API answers
409 handle_taken (or 422 invalid_handle), and the web app asks for another username. Anything else (the
database down) is raised, so Cognito reports the failure; the API also heals a missing row from Cognito on
the person's first request.
"""

import json
import logging
from pathlib import Path

from cruddur_shared.accounts import display_name_from_sign_up, normalized_handle
from lambda_common.database import connect

log = logging.getLogger(__name__)
log.setLevel(logging.INFO)

INSERT_USER = Path(__file__).with_name("insert_user.sql").read_text()


def handler(event, context):
    if event.get("triggerSource") != "PostConfirmation_ConfirmSignUp":
        return event  # a confirmed password reset makes no one new
    attributes = event["request"]["userAttributes"]
    handle = normalized_handle(attributes.get("preferred_username", ""))
    if handle is None:
        _no_row("invalid_handle", attributes)
        return event
    row = {
        "cognito_user_id": attributes["sub"],
        "handle": handle,
        "email": attributes["email"],
        "display_name": display_name_from_sign_up(attributes.get("name"), handle),
    }
    with connect() as conn:
        made = conn.execute(INSERT_USER, row).fetchone()
    if made is not None and made[0] != attributes["sub"]:
        _no_row("handle_taken", attributes)
    return event


def _no_row(reason, attributes):
    # One JSON line, so a metric filter can count these.
    log.warning(
        json.dumps(
            {
                "event": "no_users_row_at_confirmation",
                "reason": reason,
                "sub": attributes["sub"],
                "preferred_username": attributes.get("preferred_username"),
            }
        )
    )
