"""Cognito post-confirmation trigger: makes the users row of a person who just confirmed their sign-up.

Errors are raised, not swallowed, so Cognito reports the failure; the API also heals a missing row
from Cognito on the person's first request.
"""
import os
from pathlib import Path

import boto3
import psycopg

INSERT_USER = Path(__file__).with_name("insert_user.sql").read_text()
_database_url = None


def database_url():
    """DATABASE_URL, or the SecureString named by DATABASE_URL_SSM_PARAMETER (read once per container)."""
    global _database_url
    if _database_url is None:
        parameter = os.environ.get("DATABASE_URL_SSM_PARAMETER")
        if parameter:
            ssm = boto3.client("ssm")
            _database_url = ssm.get_parameter(Name=parameter, WithDecryption=True)["Parameter"]["Value"]
        else:
            _database_url = os.environ["DATABASE_URL"]
    return _database_url


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
    with psycopg.connect(database_url(), connect_timeout=5) as conn:
        conn.execute(INSERT_USER, row)
    return event
