"""The HTTP status of each kind of domain error, for both web layers (api/ on Flask, stream/ on aiohttp)."""

from .errors import Conflict, Forbidden, Invalid, NotFound, Unauthenticated, Unavailable, Unprocessable

STATUS = {
    Invalid: 400,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Unprocessable: 422,
    Unavailable: 503,
}


def status_of(exc):
    return next(status for kind, status in STATUS.items() if isinstance(exc, kind))
