"""Tokens made in tests: signed with the local Cognito's own key (moto's, public by design) or another one."""

import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt
from moto.utilities.utils import load_resource

LOCAL_COGNITO_KEY = load_resource("cognitoidp/resources/jwks-private.json")
LOCAL_COGNITO_KID = "dummy"


def other_private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def access_claims(issuer, audience, sub="00000000-0000-4000-8000-000000000001", **overrides):
    """Claims of a Cognito access token for app client `audience`; an override of None drops a claim."""
    now = int(time.time())
    claims = {
        "iss": issuer,
        "sub": sub,
        "client_id": audience,
        "token_use": "access",
        "iat": now,
        "auth_time": now,
        "exp": now + 3600,
        "username": sub,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def sign(claims, key=None, kid=LOCAL_COGNITO_KID, algorithm="RS256"):
    return jwt.encode(claims, key or LOCAL_COGNITO_KEY, algorithm=algorithm, headers={"kid": kid})
