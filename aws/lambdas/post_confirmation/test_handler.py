import json

import boto3
import psycopg
import pytest
from moto import mock_aws

from post_confirmation import handler


def confirmation(
    sub="sub-1", handle="Hana", email="hana@example.com", name="Hana H", trigger="PostConfirmation_ConfirmSignUp"
):
    return {
        "triggerSource": trigger,
        "userPoolId": "us-east-1_test",
        "request": {
            "userAttributes": {
                "sub": sub,
                "preferred_username": handle,
                "email": email,
                "name": name,
                "email_verified": "true",
            }
        },
        "response": {},
    }


def users(database_url):
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT cognito_user_id, handle, email, display_name FROM users").fetchall()


def test_confirmed_sign_up_makes_the_row_and_returns_the_event(database):
    event = confirmation()
    assert handler.handler(event, None) is event
    assert users(database) == [("sub-1", "hana", "hana@example.com", "Hana H")]


def test_redelivery_changes_nothing(database):
    handler.handler(confirmation(), None)
    handler.handler(confirmation(), None)
    assert len(users(database)) == 1


def test_password_reset_confirmation_makes_no_one(database):
    handler.handler(confirmation(trigger="PostConfirmation_ConfirmForgotPassword"), None)
    assert users(database) == []


def test_a_taken_handle_makes_no_row_and_is_logged_not_raised(database, caplog):
    # Raising would show the person an error at confirmation, yet leave them confirmed: the web app asks for
    # another username at the first sign-in instead.
    handler.handler(confirmation(), None)
    event = confirmation(sub="sub-2", handle="HANA", email="other@example.com")
    assert handler.handler(event, None) is event
    assert users(database) == [("sub-1", "hana", "hana@example.com", "Hana H")]
    warning = json.loads(caplog.records[-1].getMessage())
    assert (caplog.records[-1].levelname, warning["reason"], warning["sub"]) == ("WARNING", "handle_taken", "sub-2")


def test_a_username_that_is_no_handle_makes_no_row_and_is_logged(database, caplog):
    handler.handler(confirmation(handle="no spaces!"), None)
    assert users(database) == []
    assert json.loads(caplog.records[-1].getMessage())["reason"] == "invalid_handle"


@pytest.mark.parametrize(
    "name, shown",
    [
        ("\u202eAndrew\u200b", "hana"),  # a right-to-left override: refused, so the handle stands in
        ("\u200b\u200b", "hana"),
        ("  Hana \U0001f469\u200d\U0001f4bb  ", "Hana \U0001f469\u200d\U0001f4bb"),
        ("n" * 60, "n" * 50),
    ],
)
def test_display_names_follow_the_text_rules(database, name, shown):
    handler.handler(confirmation(name=name), None)
    assert users(database)[0][3] == shown


def test_database_down_is_an_error(database, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@/x?host={tmp_path}")
    with pytest.raises(psycopg.OperationalError):
        handler.handler(confirmation(), None)


def test_database_url_from_the_rotated_secret(database, monkeypatch):
    """As on AWS: the fields of the API's database secret (its rotation changes user and password)."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    parts = psycopg.conninfo.conninfo_to_dict(database)
    with mock_aws():
        secret = boto3.client("secretsmanager").create_secret(
            Name="cruddur/test/database-api",
            SecretString=json.dumps(
                {
                    "host": parts["host"],
                    "port": int(parts.get("port", 5432)),
                    "dbname": parts["dbname"],
                    "username": parts.get("user", "postgres"),
                    "password": "",
                    "engine": "postgres",
                }
            ),
        )
        monkeypatch.setenv("DATABASE_SECRET_ARN", secret["ARN"])
        handler.handler(confirmation(), None)
    assert users(database)[0][1] == "hana"
