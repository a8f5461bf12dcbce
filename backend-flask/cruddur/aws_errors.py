"""Telling AWS failures apart: an outage or throttling passes (retry later), a refused request never does."""

from botocore.exceptions import ClientError, CredentialRetrievalError, ReadTimeoutError
from botocore.exceptions import ConnectionError as AwsConnectionError

# AWS error codes that pass on their own (throttling, a service hiccup): the client should retry later.
_TRANSIENT_CODES = {
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "ThrottlingException",
    "InternalServerError",
    "ServiceUnavailable",
}
# AWS error codes for a request whose values AWS will never take, however often it is sent.
_REFUSED_CODES = {"ValidationException", "SerializationException"}


def is_refused_aws_request(exc):
    return isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in _REFUSED_CODES


def is_transient_aws_error(exc):
    """Unreachable, timed out, throttled or failing on AWS's side, as opposed to a request AWS refused. Failing
    to refresh the credentials (the container credentials endpoint on ECS) counts: signing waits on it."""
    if isinstance(exc, (AwsConnectionError, ReadTimeoutError, CredentialRetrievalError)):
        return True
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return error.get("Code") in _TRANSIENT_CODES or status >= 500
    return False
