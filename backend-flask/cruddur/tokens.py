"""Verifies Cognito access tokens against the pool's published keys (JWKS), cached per process."""
import threading
import time

import requests
from jose import jwt
from jose.exceptions import ExpiredSignatureError, JWTClaimsError, JWTError

from .errors import ApiError

ALGORITHM = "RS256"
# Clock drift allowed between Cognito and us.
LEEWAY_SECONDS = 30


def fetch_jwks(url, timeout=5):
    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    return response.json()


class KeyCache:
    """Keys by kid. Fetched on first use; refetched at most once per interval, only for an unknown kid."""

    def __init__(self, url, refetch_interval, fetch=fetch_jwks, clock=time.monotonic):
        self.url = url
        self.refetch_interval = refetch_interval
        self.fetch = fetch
        self.clock = clock
        self.keys = {}
        self.fetched_at = None
        self.lock = threading.Lock()

    def get(self, kid):
        key = self.keys.get(kid)
        if key is not None:
            return key
        with self.lock:
            if kid not in self.keys and self._may_fetch():
                self._refresh()
            key = self.keys.get(kid)
        if key is None:
            raise ApiError.unauthorized("unknown_key", "The token was signed with a key this pool does not publish")
        return key

    def _may_fetch(self):
        return self.fetched_at is None or self.clock() - self.fetched_at >= self.refetch_interval

    def _refresh(self):
        try:
            document = self.fetch(self.url)
        except (requests.RequestException, ValueError) as exc:
            if not self.keys:
                raise ApiError.unavailable("jwks_unavailable", "Sign-in keys cannot be fetched right now") from exc
            # Keys already cached keep working through an outage; try again after the interval.
            self.fetched_at = self.clock()
            return
        self.fetched_at = self.clock()
        self.keys = {key["kid"]: key for key in document.get("keys", []) if "kid" in key}


class TokenVerifier:
    def __init__(self, issuer, client_id, key_cache, clock=time.time):
        self.issuer = issuer
        self.client_id = client_id
        self.keys = key_cache
        self.clock = clock

    def verify(self, token):
        """Answers the claims of a valid access token; raises a 401 ApiError with the reason otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as exc:
            raise ApiError.unauthorized("malformed_token", "The token is not a well-formed JWT") from exc
        if header.get("alg") != ALGORITHM:
            raise ApiError.unauthorized("unsupported_algorithm", f"Only {ALGORITHM} tokens are accepted")
        key = self.keys.get(header.get("kid"))
        claims = self._decode(token, key)
        self._check_claims(claims)
        return claims

    def _decode(self, token, key):
        try:
            return jwt.decode(
                token, key, algorithms=[ALGORITHM], issuer=self.issuer,
                options={"verify_aud": False, "require_exp": True, "require_iat": True,
                         "require_sub": True, "leeway": LEEWAY_SECONDS},
            )
        except ExpiredSignatureError as exc:
            raise ApiError.unauthorized("token_expired", "The token has expired") from exc
        except JWTClaimsError as exc:
            if "issuer" in str(exc).lower():
                raise ApiError.unauthorized("invalid_issuer", "The token was not issued by this user pool") from exc
            if "before" in str(exc).lower() or "nbf" in str(exc).lower():
                raise ApiError.unauthorized("token_not_yet_valid", "The token is not valid yet") from exc
            raise ApiError.unauthorized("invalid_claims", f"The token's claims are invalid: {exc}") from exc
        except JWTError as exc:
            raise ApiError.unauthorized("invalid_signature", "The token's signature does not verify") from exc

    def _check_claims(self, claims):
        issued_at = claims.get("iat")
        if not isinstance(issued_at, (int, float)) or issued_at > self.clock() + LEEWAY_SECONDS:
            raise ApiError.unauthorized("token_not_yet_valid", "The token is not valid yet")
        if claims.get("token_use") != "access":
            raise ApiError.unauthorized("invalid_token_use", "An access token is required, not an ID token")
        if claims.get("client_id") != self.client_id:
            raise ApiError.unauthorized("invalid_client", "The token was issued to another app client")


def bearer_token(authorization_header):
    """The token of an `Authorization: Bearer <token>` header; None when there is no header."""
    if authorization_header is None:
        return None
    scheme, _, token = authorization_header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise ApiError.unauthorized("invalid_authorization_header",
                                    "The Authorization header must be 'Bearer <access token>'")
    return token
