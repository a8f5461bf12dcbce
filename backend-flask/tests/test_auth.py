"""Access-token checks through HTTP: every failure is a 401 with its reason, and keys are fetched once."""

import base64
import json
import time

import pytest
import requests
from tokens import access_claims, other_private_key_pem, sign


@pytest.fixture
def app(make_app):
    """An app of its own: these tests count the JWKS fetches of one app from its start."""
    return make_app()


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
def claims(config):
    def make(**overrides):
        return access_claims(config.cognito_issuer, config.cognito_user_pool_client_id, **overrides)

    return make


@pytest.fixture
def jwks_fetches(app):
    """Counts the real fetches of the local Cognito's JWKS made by the app's key cache."""
    keys = app.extensions["token_verifier"].keys
    calls = []
    real_fetch = keys.fetch

    def counting_fetch(url):
        calls.append(url)
        return real_fetch(url)

    keys.fetch = counting_fetch
    return calls


def get_me(client, authorization):
    return client.get("/api/users/me", headers={"Authorization": authorization})


def assert_401(response, code):
    assert response.status_code == 401, response.json
    assert response.json["errors"][0]["code"] == code
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_real_access_token_from_local_cognito_signs_in_and_provisions_the_user(client, auth):
    email = auth.sign_up("carol", "Carol C")
    token = auth.tokens(email)["AccessToken"]
    response = get_me(client, f"Bearer {token}")
    assert response.status_code == 200
    assert response.json["handle"] == "carol" and response.json["display_name"] == "Carol C"
    assert response.json["is_me"] is True
    assert get_me(client, f"bearer {token}").json["uuid"] == response.json["uuid"]


def test_id_token_is_refused(client, auth):
    id_token = auth.tokens(auth.sign_up("carol"))["IdToken"]
    assert_401(get_me(client, f"Bearer {id_token}"), "invalid_token_use")


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"exp": int(time.time()) - 120, "iat": int(time.time()) - 4000}, "token_expired"),
        ({"nbf": int(time.time()) + 600}, "token_not_yet_valid"),
        ({"iat": int(time.time()) + 600}, "token_not_yet_valid"),
        ({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"}, "invalid_issuer"),
        ({"client_id": "another-client"}, "invalid_client"),
        ({"client_id": None}, "invalid_client"),
        ({"token_use": "id"}, "invalid_token_use"),
        ({"exp": None}, "invalid_claims"),
    ],
)
def test_bad_claims_are_refused(client, claims, overrides, code):
    assert_401(get_me(client, f"Bearer {sign(claims(**overrides))}"), code)


def test_alg_none_is_refused(client, claims):
    token = f"{b64({'alg': 'none', 'kid': 'dummy'})}.{b64(claims())}."
    assert_401(get_me(client, f"Bearer {token}"), "unsupported_algorithm")


def test_hs256_signed_with_the_public_key_is_refused(client, local_aws, claims):
    public_jwks = requests.get(f"{local_aws['endpoint']}/{local_aws['pool_id']}/.well-known/jwks.json").json()
    token = sign(claims(), key=json.dumps(public_jwks["keys"][0]), algorithm="HS256")
    assert_401(get_me(client, f"Bearer {token}"), "unsupported_algorithm")


def test_tampered_payload_is_refused(client, claims):
    header, _, signature = sign(claims()).split(".")
    forged = b64(claims(sub="00000000-0000-4000-8000-00000000beef"))
    assert_401(get_me(client, f"Bearer {header}.{forged}.{signature}"), "invalid_signature")


def test_token_signed_by_another_key_with_the_pools_kid_is_refused(client, claims):
    assert_401(get_me(client, f"Bearer {sign(claims(), key=other_private_key_pem())}"), "invalid_signature")


@pytest.mark.parametrize(
    "authorization, code",
    [
        ("garbage", "invalid_authorization_header"),
        ("Token abc.def.ghi", "invalid_authorization_header"),
        ("Bearer", "invalid_authorization_header"),
        ("Bearer a b", "invalid_authorization_header"),
        ("Bearer not-a-jwt", "malformed_token"),
        ("Bearer a.b.c", "malformed_token"),
    ],
)
def test_garbage_headers_are_refused(client, authorization, code):
    assert_401(get_me(client, authorization), code)


def test_token_without_scheme_is_refused(client, auth):
    token = auth.tokens(auth.sign_up("carol"))["AccessToken"]
    assert_401(get_me(client, token), "invalid_authorization_header")


def test_missing_token_on_required_route(client):
    assert_401(client.get("/api/users/me"), "missing_token")


def test_invalid_token_on_optional_route_is_still_refused(client, claims):
    assert client.get("/api/activities/home").status_code == 200
    assert_401(client.get("/api/activities/home", headers={"Authorization": "Bearer x.y.z"}), "malformed_token")
    assert_401(
        client.get("/api/activities/home", headers={"Authorization": f"Bearer {sign(claims(token_use='id'))}"}),
        "invalid_token_use",
    )


def test_jwks_fetched_once_across_many_requests(client, auth, jwks_fetches):
    headers = auth.headers("carol")
    for _ in range(10):
        assert client.get("/api/users/me", headers=headers).status_code == 200
    assert len(jwks_fetches) == 1


def test_unknown_kid_refetches_once_then_401(app, client, auth, claims, jwks_fetches):
    headers = auth.headers("carol")
    assert client.get("/api/users/me", headers=headers).status_code == 200
    # The cache may refetch once its interval has passed since the last fetch.
    keys = app.extensions["token_verifier"].keys
    keys.fetched_at -= keys.refetch_interval
    rotated = sign(claims(), key=other_private_key_pem(), kid="rotated-key")
    assert_401(get_me(client, f"Bearer {rotated}"), "unknown_key")
    assert_401(get_me(client, f"Bearer {rotated}"), "unknown_key")
    assert len(jwks_fetches) == 2


def test_valid_token_for_an_unknown_cognito_user_is_refused(client, claims):
    # Signed correctly, but Cognito has no such user, so no users row can be made from it.
    assert_401(get_me(client, f"Bearer {sign(claims())}"), "user_unknown")


def test_header_without_a_string_kid_is_refused(client, claims):
    _, _, signature = sign(claims()).split(".")
    token = f"{b64({'alg': 'RS256', 'kid': ['dummy']})}.{b64(claims())}.{signature}"
    assert_401(get_me(client, f"Bearer {token}"), "malformed_token")
