"""Cognito post-confirmation trigger: makes the users row of a person who just confirmed their sign-up.

Errors are raised, not swallowed, so Cognito reports the failure; the API also heals a missing row
from Cognito on the person's first request.
"""
from pathlib import Path

from lambda_common.database import connect

INSERT_USER = Path(__file__).with_name("insert_user.sql").read_text()


def handler(event, context):
    if event.get("triggerSource") != "PostConfirmation_ConfirmSignUp":
        return event  # a confirmed password reset makes no one new
    attributes = event["request"]["userAttributes"]
    row = {
        "cognito_user_id": attributes["sub"],
        "handle": attributes["preferred_username"].strip().lower(),
        "email": attributes["email"],
        "display_name": (attributes.get("name") or attributes["preferred_username"]).strip()[:50],
    }
    with connect() as conn:
        conn.execute(INSERT_USER, row)
    return event
