"""Reads a signed-in person's attributes from Cognito (the local AWS when an endpoint is set)."""
import boto3
from botocore import UNSIGNED
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from .errors import ApiError

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
            config=BotoConfig(signature_version=UNSIGNED, connect_timeout=3, read_timeout=5,
                              retries={"max_attempts": 2}),
        )
        app.extensions["cognito"] = self

    def attributes(self, access_token):
        try:
            response = self.client.get_user(AccessToken=access_token)
        except ClientError as exc:
            if exc.response["Error"]["Code"] in _UNKNOWN_USER:
                raise ApiError.unauthorized("user_unknown", "Cognito does not know this user") from exc
            raise ApiError.unavailable("cognito_unavailable", "Cognito cannot be reached right now") from exc
        except BotoCoreError as exc:
            raise ApiError.unavailable("cognito_unavailable", "Cognito cannot be reached right now") from exc
        return {item["Name"]: item["Value"] for item in response["UserAttributes"]}

