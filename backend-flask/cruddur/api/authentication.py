"""Decorators that make routes require or accept a signed-in person; `g.viewer` is their users row."""

from functools import wraps

from flask import current_app, g, request

from ..auth.tokens import KeyCache, TokenVerifier, bearer_token
from ..errors import Unauthenticated
from ..services import users
from . import rate_limits
from .extensions import current_cognito, current_db


def init_app(app, config):
    keys = KeyCache(config.jwks_url, config.jwks_refetch_interval_seconds)
    app.extensions["token_verifier"] = TokenVerifier(config.cognito_issuer, config.cognito_user_pool_client_id, keys)


def _verified_token(required):
    """(access token, its claims) of the request; None when anonymous is allowed and no token is sent."""
    token = bearer_token(request.headers.get("Authorization"))
    if token is None:
        if required:
            raise Unauthenticated("missing_token", "Sign in first: send 'Authorization: Bearer <access token>'")
        return None
    try:
        return token, current_app.extensions["token_verifier"].verify(token)
    except Unauthenticated:
        rate_limits.count_guess()
        raise


def _authenticate(required):
    verified = _verified_token(required)
    if verified is None:
        return None
    token, claims = verified
    viewer = users.resolve_viewer(current_db(), current_cognito(), claims["sub"], token)
    rate_limits.limit_write_by_user(viewer["uuid"])
    return viewer


def auth_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        g.viewer = _authenticate(required=True)
        return view(*args, **kwargs)

    return wrapper


def auth_optional(view):
    """Anonymous callers get the public view; a token that is present must still be valid."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.viewer = _authenticate(required=False)
        return view(*args, **kwargs)

    return wrapper


def account_required(view):
    """A verified token whose account may have no users row yet: `g.access_token` and `g.cognito_user_id`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.access_token, claims = _verified_token(required=True)
        g.cognito_user_id = claims["sub"]
        rate_limits.limit_write_by_user(f"account:{g.cognito_user_id}")
        return view(*args, **kwargs)

    return wrapper


def viewer_uuid():
    viewer = g.get("viewer")
    return viewer["uuid"] if viewer else None
