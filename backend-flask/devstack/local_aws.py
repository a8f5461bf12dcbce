"""moto in server mode, as the local AWS, with two things AWS does that moto does not:
- S3: a presigned URL stops working when it expires (X-Amz-Date + X-Amz-Expires, SigV4 query authentication),
  answered as S3 answers it (403 AccessDenied, "Request has expired"). Photos' URLs are presigned GETs
  locally, signed to end at their crud's expiry, so the local stack shows a copied URL dying as it does on AWS.
- Cognito: GetTokensFromRefreshToken, which Amplify 6 refreshes a session with, answered as Cognito answers it
  (as InitiateAuth with REFRESH_TOKEN_AUTH, which moto implements), so a local sign-in outlives its one-hour
  access token.

`python -m devstack.local_aws -H 127.0.0.1 -p 5000` (bin/dev); tests start `LocalAwsServer` in a thread.
The signature itself is not checked (moto takes any credentials): the local AWS is no security boundary.
"""

import argparse
import time
from datetime import UTC, datetime
from urllib.parse import parse_qs

from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server, run_simple

EXPIRED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message></Error>"
)


def presigned_expiry(environ, now):
    """When a presigned request stops being valid (epoch seconds), or None if it is not one."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if "X-Amz-Expires" not in query or "X-Amz-Date" not in query:
        return None
    try:
        signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return signed.timestamp() + int(query["X-Amz-Expires"][0])
    except ValueError:
        return now - 1  # not a date or a number: refused as S3 refuses it


class ExpiringPresignedUrls:
    """WSGI middleware: 403 for a presigned request past its expiry; anything else goes to moto."""

    def __init__(self, app, clock=time.time):
        self.app = app
        self.clock = clock

    def __call__(self, environ, start_response):
        now = self.clock()
        expiry = presigned_expiry(environ, now)
        if expiry is not None and now > expiry:
            start_response(
                "403 Forbidden", [("Content-Type", "application/xml"), ("Content-Length", str(len(EXPIRED)))]
            )
            return [EXPIRED]
        return self.app(environ, start_response)


def _get_tokens_from_refresh_token(self):
    auth_parameters = {"REFRESH_TOKEN": self._get_param("RefreshToken")}
    if self._get_param("ClientSecret"):
        auth_parameters["SECRET_HASH"] = self._get_param("ClientSecret")
    result = self._get_region_agnostic_backend().initiate_auth(
        self._get_param("ClientId"), "REFRESH_TOKEN_AUTH", auth_parameters
    )
    return ActionResult(result)


def application():
    CognitoIdpResponse.get_tokens_from_refresh_token = _get_tokens_from_refresh_token
    return ExpiringPresignedUrls(DomainDispatcherApplication(create_backend_app))


class LocalAwsServer(ThreadedMotoServer):
    """ThreadedMotoServer, serving the application above."""

    def _server_entry(self):
        self._server = make_server(
            self._ip_address, self._port, application(), True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="devstack.local_aws")
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    run_simple(args.host, args.port, application(), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
