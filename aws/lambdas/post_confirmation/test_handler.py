import boto3
import psycopg
import pytest
from moto import mock_aws

import handler


def confirmation(sub="sub-1", handle="Hana", email="hana@example.com", name="Hana H",
                 trigger="PostConfirmation_ConfirmSignUp"):
    return {"triggerSource": trigger, "userPoolId": "us-east-1_test",
            "request": {"userAttributes": {"sub": sub, "preferred_username": handle, "email": email,
                                           "name": name, "email_verified": "true"}},
            "response": {}}


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


def test_a_taken_handle_is_an_error_cognito_sees(database):
    handler.handler(confirmation(), None)
    with pytest.raises(psycopg.errors.UniqueViolation):
        handler.handler(confirmation(sub="sub-2", handle="HANA", email="other@example.com"), None)
    assert len(users(database)) == 1


def test_database_down_is_an_error(database, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@/x?host={tmp_path}")
    with pytest.raises(psycopg.OperationalError):
        handler.handler(confirmation(), None)


def test_database_url_from_ssm(database, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL_SSM_PARAMETER", "/cruddur/test/database_url")
    with mock_aws():
        boto3.client("ssm").put_parameter(Name="/cruddur/test/database_url", Value=database, Type="SecureString")
        handler.handler(confirmation(), None)
    assert users(database)[0][1] == "hana"
