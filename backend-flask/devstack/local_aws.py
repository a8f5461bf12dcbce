"""The local AWS: moto in server mode, plus the one Cognito operation it lacks that the web app needs.

Amplify 6 refreshes a session with GetTokensFromRefreshToken, which moto does not implement, so without it a
local sign-in ends when its access token does (an hour). Cognito answers it as InitiateAuth with
REFRESH_TOKEN_AUTH does, which moto implements; this adds that operation to moto's Cognito and nothing else.
Run as `python -m devstack.local_aws -H 127.0.0.1 -p PORT` (moto_server's arguments); tests import
`with_refresh_operation` before starting a ThreadedMotoServer."""

import sys

from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult
from moto.server import main


def _get_tokens_from_refresh_token(self):
    auth_parameters = {"REFRESH_TOKEN": self._get_param("RefreshToken")}
    if self._get_param("ClientSecret"):
        auth_parameters["SECRET_HASH"] = self._get_param("ClientSecret")
    result = self._get_region_agnostic_backend().initiate_auth(
        self._get_param("ClientId"), "REFRESH_TOKEN_AUTH", auth_parameters
    )
    return ActionResult(result)


def with_refresh_operation():
    CognitoIdpResponse.get_tokens_from_refresh_token = _get_tokens_from_refresh_token


if __name__ == "__main__":
    with_refresh_operation()
    sys.exit(main(sys.argv[1:]))
