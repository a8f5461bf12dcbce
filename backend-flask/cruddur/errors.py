"""The one error type services raise, and the handlers that turn every failure into the errors body."""
import logging

import psycopg
import psycopg_pool
from botocore.exceptions import (BotoCoreError, ClientError, ConnectionError as AwsConnectionError,
                                 CredentialRetrievalError, ParamValidationError, ReadTimeoutError)
from flask import current_app, got_request_exception, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# AWS error codes that pass on their own (throttling, a service hiccup): the client should retry later.
_TRANSIENT_AWS_CODES = {"ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
                        "InternalServerError", "ServiceUnavailable"}


class ApiError(Exception):
    def __init__(self, status, code, message, field=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    @classmethod
    def bad_request(cls, code, message, field=None):
        return cls(400, code, message, field)

    @classmethod
    def not_found(cls, code, message):
        return cls(404, code, message)

    @classmethod
    def unauthorized(cls, code, message):
        return cls(401, code, message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})

    @classmethod
    def unavailable(cls, code, message):
        return cls(503, code, message, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def error_response(status, code, message, field=None, headers=None):
    response = jsonify({"errors": [{"code": code, "message": message, "field": field}]})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http_code(exc):
    return {
        404: "route_not_found",
        405: "method_not_allowed",
        413: "request_too_large",
        415: "unsupported_media_type",
    }.get(exc.code, (exc.name or "http_error").lower().replace(" ", "_"))


def register_error_handlers(app):
    @app.errorhandler(ApiError)
    def handle_api_error(exc):
        return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @app.errorhandler(HTTPException)
    def handle_http_exception(exc):
        return error_response(exc.code, _http_code(exc), exc.description or exc.name)

    @app.errorhandler(psycopg_pool.PoolTimeout)
    @app.errorhandler(psycopg.OperationalError)
    def handle_database_down(exc):
        log.warning("database unavailable: %s", exc)
        return handle_api_error(ApiError.unavailable("database_unavailable",
                                                     "The database is unavailable, try again shortly"))

    @app.errorhandler(psycopg.DataError)
    def handle_data_error(exc):
        # A safety net: every value a client sends is checked before it reaches SQL, so this is a check we
        # missed, about a value of theirs (a number out of range, a date PostgreSQL refuses) — not an outage.
        log.warning("the database refused a value: %s", exc)
        return error_response(400, "invalid_value", "A value in the request cannot be stored or compared")

    @app.errorhandler(UnicodeError)
    def handle_unencodable_text(exc):
        # A safety net as above, for text that cannot be sent as UTF-8 (a lone surrogate).
        log.warning("text that cannot be encoded: %s", exc)
        return error_response(400, "invalid_characters", "The request has characters that are not valid Unicode")

    @app.errorhandler(ParamValidationError)
    def handle_aws_refused_parameter(exc):
        log.warning("AWS refused a parameter before sending: %s", exc)
        return error_response(400, "invalid_value", "A value in the request cannot be stored")

    @app.errorhandler(BotoCoreError)
    @app.errorhandler(ClientError)
    def handle_aws_error(exc):
        if is_refused_aws_request(exc):
            # Retrying the same request cannot help, so this is no 503: a value AWS will not take.
            log.warning("AWS refused the request: %s", exc)
            return error_response(400, "invalid_value", "A value in the request cannot be stored")
        # Only the messaging endpoints call AWS (DynamoDB) while answering, so only they answer 503 when it is down.
        if not is_transient_aws_error(exc):
            return handle_unexpected(exc)
        log.warning("AWS unavailable: %s", exc)
        return handle_api_error(ApiError.unavailable("messages_unavailable",
                                                     "Messages are unavailable right now, try again shortly"))

    @app.errorhandler(Exception)
    def handle_unexpected(exc):
        log.exception("unhandled error")
        # Handled here, so Flask would not signal it: error reporters (Rollbar) listen for this.
        got_request_exception.send(current_app._get_current_object(), exception=exc)
        return error_response(500, "internal_error", "Something went wrong on our side")


# AWS error codes for a request whose values AWS will never take, however often it is sent.
_REFUSED_AWS_CODES = {"ValidationException", "SerializationException"}


def is_refused_aws_request(exc):
    return isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in _REFUSED_AWS_CODES


def is_transient_aws_error(exc):
    """Unreachable, timed out, throttled or failing on AWS's side, as opposed to a request AWS refused. Failing
    to refresh the credentials (the container credentials endpoint on ECS) counts: signing waits on it."""
    if isinstance(exc, (AwsConnectionError, ReadTimeoutError, CredentialRetrievalError)):
        return True
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return error.get("Code") in _TRANSIENT_AWS_CODES or status >= 500
    return False
