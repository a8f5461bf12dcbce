"""The key cache and verifier on their own, with a fetch function that plays the JWKS endpoint."""

import hashlib

import pytest
import requests
from moto.utilities.utils import load_resource
from tokens import access_claims, sign

from cruddur.auth.tokens import KeyCache, TokenVerifier, bearer_token
from cruddur.errors import DomainError, Unauthenticated, Unavailable

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test"
CLIENT = "client-1"
PUBLIC_JWKS = load_resource("cognitoidp/resources/jwks-public.json")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class JwksEndpoint:
    def __init__(self, document=PUBLIC_JWKS):
        self.document = document
        self.calls = 0
        self.down = False

    def __call__(self, url):
        self.calls += 1
        if self.down:
            raise requests.ConnectionError("JWKS endpoint down")
        return self.document


@pytest.fixture
def endpoint():
    return JwksEndpoint()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cache(endpoint, clock):
    return KeyCache("https://jwks.test", refetch_interval=60, fetch=endpoint, clock=clock)


def reason(call):
    with pytest.raises(DomainError) as caught:
        call()
    return type(caught.value), caught.value.code


def test_keys_are_fetched_once_and_cached(cache, endpoint):
    for _ in range(5):
        assert cache.get("dummy")["kid"] == "dummy"
    assert endpoint.calls == 1


def test_unknown_kid_refetches_at_most_once_a_minute(cache, endpoint, clock):
    cache.get("dummy")
    assert reason(lambda: cache.get("rotated")) == (Unauthenticated, "unknown_key")
    assert endpoint.calls == 1
    clock.now += 60
    assert reason(lambda: cache.get("rotated")) == (Unauthenticated, "unknown_key")
    assert reason(lambda: cache.get("rotated")) == (Unauthenticated, "unknown_key")
    assert endpoint.calls == 2


def test_rotated_key_is_picked_up_after_the_interval(cache, endpoint, clock):
    cache.get("dummy")
    endpoint.document = {"keys": [{**PUBLIC_JWKS["keys"][0], "kid": "rotated"}]}
    clock.now += 61
    assert cache.get("rotated")["kid"] == "rotated"


def test_outage_with_cached_keys_changes_nothing(cache, endpoint, clock):
    cache.get("dummy")
    endpoint.down = True
    clock.now += 120
    assert reason(lambda: cache.get("rotated")) == (Unauthenticated, "unknown_key")
    assert cache.get("dummy")["kid"] == "dummy"


@pytest.mark.parametrize("document", [None, [], {"keys": "nope"}])
def test_outage_without_keys_is_unavailable(clock, document):
    endpoint = JwksEndpoint(document)
    cache = KeyCache("https://jwks.test", 60, fetch=endpoint, clock=clock)
    assert reason(lambda: cache.get("dummy")) == (Unavailable, "jwks_unavailable")


def test_outage_on_first_fetch_is_unavailable(cache, endpoint):
    endpoint.down = True
    assert reason(lambda: cache.get("dummy")) == (Unavailable, "jwks_unavailable")


def test_verifier_answers_claims_of_a_valid_token(cache):
    verifier = TokenVerifier(ISSUER, CLIENT, cache)
    claims = verifier.verify(sign(access_claims(ISSUER, CLIENT, sub="abc")))
    assert claims["sub"] == "abc" and claims["token_use"] == "access"


def test_verifier_allows_small_clock_drift(cache):
    import time

    verifier = TokenVerifier(ISSUER, CLIENT, cache)
    drifted = access_claims(ISSUER, CLIENT, iat=int(time.time()) + 20)
    assert verifier.verify(sign(drifted))["iat"] == drifted["iat"]


@pytest.mark.parametrize(
    "header, expected",
    [
        (None, None),
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("  Bearer   abc  ", "abc"),
    ],
)
def test_bearer_token(header, expected):
    assert bearer_token(header) == expected


@pytest.mark.parametrize("header", ["", "Bearer", "Basic abc", "abc", "Bearer a b"])
def test_bearer_token_refuses_other_shapes(header):
    assert reason(lambda: bearer_token(header)) == (Unauthenticated, "invalid_authorization_header")


def test_a_verified_token_is_not_checked_against_the_keys_again(cache, endpoint):
    verifier = TokenVerifier(ISSUER, CLIENT, cache)
    token = sign(access_claims(ISSUER, CLIENT, sub="abc"))
    verifier.verify(token)
    cache.keys.clear()
    endpoint.down = True
    assert verifier.verify(token)["sub"] == "abc"
    # Another token still needs the keys.
    other = sign(access_claims(ISSUER, CLIENT, sub="def"))
    assert reason(lambda: verifier.verify(other)) == (Unauthenticated, "unknown_key")


def test_a_kept_token_is_refused_once_it_expires(cache):
    import time

    clock = Clock()
    clock.now = time.time()
    verifier = TokenVerifier(ISSUER, CLIENT, cache, clock=clock)
    token = sign(access_claims(ISSUER, CLIENT))
    verifier.verify(token)
    clock.now += 3600 + 31
    assert reason(lambda: verifier.verify(token)) == (Unauthenticated, "token_expired")


def test_a_token_that_fails_is_never_kept(cache):
    verifier = TokenVerifier(ISSUER, CLIENT, cache)
    expired = sign(access_claims(ISSUER, CLIENT, exp=1000))
    wrong_client = sign(access_claims(ISSUER, "client-2"))
    for token, code in ((expired, "token_expired"), (wrong_client, "invalid_client")):
        assert reason(lambda token=token: verifier.verify(token)) == (Unauthenticated, code)
    tampered = sign(access_claims(ISSUER, CLIENT))[:-4] + "AAAA"
    assert reason(lambda: verifier.verify(tampered)) == (Unauthenticated, "invalid_signature")
    assert verifier.verified == {}


def test_kept_tokens_are_bounded(cache):
    verifier = TokenVerifier(ISSUER, CLIENT, cache, kept=10)
    tokens = [sign(access_claims(ISSUER, CLIENT, sub=f"person-{n}")) for n in range(25)]
    for token in tokens:
        verifier.verify(token)
        assert len(verifier.verified) <= 10
    assert hashlib.sha256(tokens[-1].encode()).digest() in verifier.verified


def test_a_full_cache_is_not_pruned_for_each_new_token(cache):
    """Tokens expire about as fast as new ones come once the cache is full: a prune that freed only the one
    that had expired would copy the whole cache again for the very next token."""
    import time

    start = int(time.time())
    clock = Clock()
    clock.now = float(start)
    verifier = TokenVerifier(ISSUER, CLIENT, cache, clock=clock, kept=40)
    # Token n is verified at start + n and stays live (with the leeway) until start + n + 39.
    tokens = [sign(access_claims(ISSUER, CLIENT, sub=f"person-{n}", exp=start + n + 9)) for n in range(80)]
    caches_seen = []
    for token in tokens:
        verifier.verify(token)
        if not caches_seen or caches_seen[-1] is not verifier.verified:
            caches_seen.append(verifier.verified)
        assert len(verifier.verified) <= 40
        clock.now += 1
    assert verifier.verify(tokens[-1])["sub"] == "person-79"
    # The cache is replaced once per prune: at most once per half a cache of new tokens.
    assert len(caches_seen) <= 1 + 80 // 20
