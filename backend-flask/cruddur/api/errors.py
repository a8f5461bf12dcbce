"""Every failure as the errors body, in one place: domain errors (cruddur.errors) by their kind, the web
layer's own (HTTP exceptions, rate limits), and the safety nets for what slipped past a check."""

import logging

import psycopg
import psycopg_pool
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError
from flask import current_app, got_request_exception, jsonify
from werkzeug.exceptions import HTTPException

from ..aws_errors import is_refused_aws_request, is_transient_aws_error
from ..errors import DomainError, Unauthenticated, Unavailable
from ..http_status import status_of
from . import rate_limits

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def error_response(status, code, message, field=None, headers=None):
    response = jsonify({"errors": [{"code": code, "message": message, "field": field}]})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _headers(exc):
    if isinstance(exc, Unauthenticated):
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    if isinstance(exc, Unavailable):
        return {"Retry-After": str(exc.retry_after)}
    return {}


def domain_error_response(exc):
    status = status_of(exc)
    return error_response(status, exc.code, exc.message, exc.field, _headers(exc))


def _http_code(exc):
    return {
        404: "route_not_found",
        405: "method_not_allowed",
        413: "request_too_large",
        415: "unsupported_media_type",
    }.get(exc.code, (exc.name or "http_error").lower().replace(" ", "_"))


def register_error_handlers(app):
    app.register_error_handler(DomainError, domain_error_response)

    @app.errorhandler(rate_limits.RateLimited)
    def handle_rate_limited(exc):
        headers = exc.headers()
        message = f"Too many requests; try again in {headers['Retry-After']} s"
        return error_response(429, "rate_limited", message, headers=headers)

    @app.errorhandler(HTTPException)
    def handle_http_exception(exc):
        return error_response(exc.code, _http_code(exc), exc.description or exc.name)

    @app.errorhandler(psycopg_pool.PoolTimeout)
    @app.errorhandler(psycopg.OperationalError)
    def handle_database_down(exc):
        log.warning("database unavailable: %s", exc)
        return domain_error_response(
            Unavailable("database_unavailable", "The database is unavailable, try again shortly", RETRY_AFTER_SECONDS)
        )

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
        return domain_error_response(
            Unavailable(
                "messages_unavailable", "Messages are unavailable right now, try again shortly", RETRY_AFTER_SECONDS
            )
        )

    @app.errorhandler(Exception)
    def handle_unexpected(exc):
        log.exception("unhandled error")
        # Handled here, so Flask would not signal it: error reporters (Rollbar) listen for this.
        got_request_exception.send(current_app._get_current_object(), exception=exc)
        return error_response(500, "internal_error", "Something went wrong on our side")
