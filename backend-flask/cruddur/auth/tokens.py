"""Verifies Cognito access tokens against the pool's published keys (JWKS), cached per process."""

import hashlib
import json
import threading
import time

import requests
from jose import jws, jwt
from jose.exceptions import JOSEError, JWTError

from ..errors import Unauthenticated, Unavailable

ALGORITHM = "RS256"
# Clock drift allowed between Cognito and us.
LEEWAY_SECONDS = 30
# Tokens whose signature has been checked, kept per process: checking an RS256 signature (and building the key
# for it) was a tenth of a signed-in read's CPU. Bounded; the claims are still checked on every use.
VERIFIED_TOKENS_KEPT = 10_000
# What verify answers and keeps of the claims: what _check_claims reads, the subject and the expiry. Kept tokens are
# held by their SHA-256, so a full cache is a few megabytes rather than 30 (a Cognito token and its claims).
KEPT_CLAIMS = ("sub", "exp", "iat", "nbf", "iss", "token_use", "client_id")


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
            raise Unauthenticated("unknown_key", "The token was signed with a key this pool does not publish")
        return key

    def _may_fetch(self):
        return self.fetched_at is None or self.clock() - self.fetched_at >= self.refetch_interval

    def _refresh(self):
        try:
            keys = self._fetch_keys()
        except (requests.RequestException, ValueError) as exc:
            if not self.keys:
                raise Unavailable("jwks_unavailable", "Sign-in keys cannot be fetched right now") from exc
            # Keys already cached keep working through an outage; try again after the interval.
            self.fetched_at = self.clock()
            return
        self.fetched_at = self.clock()
        self.keys = keys

    def _fetch_keys(self):
        document = self.fetch(self.url)
        keys = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(keys, list):
            raise ValueError("the JWKS document has no list of keys")
        return {key["kid"]: key for key in keys if isinstance(key, dict) and "kid" in key}


class TokenVerifier:
    def __init__(self, issuer, client_id, key_cache, clock=time.time, kept=VERIFIED_TOKENS_KEPT):
        self.issuer = issuer
        self.client_id = client_id
        self.keys = key_cache
        self.clock = clock
        self.kept = kept
        # SHA-256 of a token -> its claims, for tokens whose signature verified: the same string is the same
        # signed claims.
        self.verified = {}
        self.lock = threading.Lock()

    def verify(self, token):
        """Answers the claims of a valid access token; raises a 401 ApiError with the reason otherwise."""
        digest = hashlib.sha256(token.encode()).digest()
        claims = self.verified.get(digest)
        if claims is None:
            signed = self._verify_signature(token)
            claims = {name: signed[name] for name in KEPT_CLAIMS if name in signed}
        # Expiry and the rest on every use, so a kept token is refused from the moment it expires.
        self._check_claims(claims)
        self._keep(digest, claims)
        return claims

    def _keep(self, digest, claims):
        if digest in self.verified:
            return
        with self.lock:
            if len(self.verified) >= self.kept:
                self._drop_expired_or_oldest()
            self.verified[digest] = claims

    def _drop_expired_or_oldest(self):
        now = self.clock()
        live = {digest: claims for digest, claims in self.verified.items() if claims["exp"] >= now - LEEWAY_SECONDS}
        half = self.kept // 2
        if len(live) > half:
            # Keep the newer half (dicts keep insertion order), so that the next prune is half a cache of new
            # tokens away: once full, tokens expire about as fast as new ones come, and freeing only those would
            # copy the whole cache again for nearly every new token.
            live = dict(list(live.items())[len(live) - half :])
        self.verified = live

    def _verify_signature(self, token):
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as exc:
            raise Unauthenticated("malformed_token", "The token is not a well-formed JWT") from exc
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated("unsupported_algorithm", f"Only {ALGORITHM} tokens are accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthenticated("malformed_token", "The token's header names no key id")
        return self._decode(token, self.keys.get(kid))

    @staticmethod
    def _decode(token, key):
        try:
            payload = jws.verify(token, key, algorithms=[ALGORITHM])
        except JOSEError as exc:
            raise Unauthenticated("invalid_signature", "The token's signature does not verify") from exc
        try:
            claims = json.loads(payload)
        except ValueError as exc:
            raise Unauthenticated("malformed_token", "The token's claims are not JSON") from exc
        if not isinstance(claims, dict):
            raise Unauthenticated("malformed_token", "The token's claims are not a JSON object")
        return claims

    def _check_claims(self, claims):
        now = self.clock()
        for name in ("exp", "iat"):
            if not isinstance(claims.get(name), (int, float)):
                raise Unauthenticated("invalid_claims", f"The token has no valid '{name}' claim")
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise Unauthenticated("invalid_claims", "The token has no subject")
        if claims["exp"] < now - LEEWAY_SECONDS:
            raise Unauthenticated("token_expired", "The token has expired")
        not_before = claims.get("nbf", claims["iat"])
        if not isinstance(not_before, (int, float)) or max(not_before, claims["iat"]) > now + LEEWAY_SECONDS:
            raise Unauthenticated("token_not_yet_valid", "The token is not valid yet")
        if claims.get("iss") != self.issuer:
            raise Unauthenticated("invalid_issuer", "The token was not issued by this user pool")
        if claims.get("token_use") != "access":
            raise Unauthenticated("invalid_token_use", "An access token is required, not an ID token")
        if claims.get("client_id") != self.client_id:
            raise Unauthenticated("invalid_client", "The token was issued to another app client")


def bearer_token(authorization_header):
    """The token of an `Authorization: Bearer <token>` header; None when there is no header."""
    if authorization_header is None:
        return None
    scheme, _, token = authorization_header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise Unauthenticated(
            "invalid_authorization_header", "The Authorization header must be 'Bearer <access token>'"
        )
    return token
