"""Reads and sets a signed-in person's attributes in Cognito (the local AWS when an endpoint is set), with
their own access token."""

from contextlib import contextmanager

import boto3
from botocore import UNSIGNED
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from ..errors import Unauthenticated, Unavailable

_UNKNOWN_USER = {"NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException"}


class CognitoDirectory:
    def __init__(self):
        self.client = None

    def init_app(self, app, config):
        # GetUser is authorised by the access token itself, so the call is unsigned: no AWS credentials needed.
        self.client = boto3.client(
            "cognito-idp",
            region_name=config.aws_region,
            endpoint_url=config.aws_endpoint_url,
            config=BotoConfig(
                signature_version=UNSIGNED, connect_timeout=3, read_timeout=5, retries={"max_attempts": 2}
            ),
        )
        app.extensions["cognito"] = self

    def attributes(self, access_token):
        with _cognito_errors():
            response = self.client.get_user(AccessToken=access_token)
        return {item["Name"]: item["Value"] for item in response["UserAttributes"]}

    def set_handle(self, access_token, handle):
        """Keeps the account's preferred_username (the username it asked for) equal to its handle."""
        with _cognito_errors():
            self.client.update_user_attributes(
                AccessToken=access_token, UserAttributes=[{"Name": "preferred_username", "Value": handle}]
            )


@contextmanager
def _cognito_errors():
    try:
        yield
    except ClientError as exc:
        if exc.response["Error"]["Code"] in _UNKNOWN_USER:
            raise Unauthenticated("user_unknown", "Cognito does not know this user") from exc
        raise Unavailable("cognito_unavailable", "Cognito cannot be reached right now") from exc
    except BotoCoreError as exc:
        raise Unavailable("cognito_unavailable", "Cognito cannot be reached right now") from exc
