"""What can go wrong, in the domain's words. Services, stores and the auth package raise these; they know
nothing of HTTP. The API maps each kind to a status code and the errors body in one place (api/errors.py).

Each error has a snake_case `code` for clients, a human `message`, and the `field` it is about (or None)."""


class DomainError(Exception):
    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class Invalid(DomainError):
    """What was sent cannot be taken (a bad value, a cursor this API did not mint)."""


class Unprocessable(DomainError):
    """Well-formed, but the account it comes from cannot make a Cruddur user (its Cognito attributes)."""


class Unauthenticated(DomainError):
    """No valid proof of who is asking."""


class Forbidden(DomainError):
    """Someone else's."""


class NotFound(DomainError):
    """Unknown, expired, or not the caller's to know of."""


class Conflict(DomainError):
    """Taken by someone else (a username)."""


class Unavailable(DomainError):
    """A dependency is down or busy: the same request may succeed after `retry_after` seconds."""

    def __init__(self, code, message, retry_after=5):
        super().__init__(code, message)
        self.retry_after = retry_after


class InvalidCursor(Invalid):
    """A cursor this API did not mint for this list."""

    def __init__(self, reason="not a cursor this API handed out"):
        super().__init__("invalid_cursor", "cursor is not one this API handed out for this list", "cursor")
        self.reason = reason
