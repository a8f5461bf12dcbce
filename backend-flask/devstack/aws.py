"""Makes the local AWS (moto) ready: the Cognito user pool and the SPA's app client, idempotently.

`python -m devstack.aws ENDPOINT REGION` prints the settings the API needs as KEY=value lines. moto keeps
ids stable across restarts when started with the HASH id strategies (bin/dev does), so the SPA's
configuration does not change from one run to the next.
"""
import sys

import boto3

POOL_NAME = "cruddur-local"
CLIENT_NAME = "cruddur-web"
# The same shape as the pool on AWS: people sign in with their email; `name` and `preferred_username`
# (the handle) are attributes.
POOL_SETTINGS = {
    "UsernameAttributes": ["email"],
    "AutoVerifiedAttributes": ["email"],
    "Schema": [
        {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
        {"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True},
        {"Name": "preferred_username", "AttributeDataType": "String", "Required": True, "Mutable": True},
    ],
    "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": False, "RequireLowercase": True,
                                    "RequireNumbers": True, "RequireSymbols": False}},
}
AUTH_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def cognito_client(endpoint, region):
    # moto accepts any credentials; these are not secrets.
    return boto3.client("cognito-idp", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="local", aws_secret_access_key="local")


def ensure_user_pool(cognito):
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    existing = next((p["Id"] for p in pools if p["Name"] == POOL_NAME), None)
    if existing:
        return existing
    return cognito.create_user_pool(PoolName=POOL_NAME, **POOL_SETTINGS)["UserPool"]["Id"]


def ensure_app_client(cognito, pool_id):
    clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    existing = next((c["ClientId"] for c in clients if c["ClientName"] == CLIENT_NAME), None)
    if existing:
        return existing
    created = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=CLIENT_NAME, GenerateSecret=False,
                                              ExplicitAuthFlows=AUTH_FLOWS)
    return created["UserPoolClient"]["ClientId"]


def bootstrap(endpoint, region):
    cognito = cognito_client(endpoint, region)
    pool_id = ensure_user_pool(cognito)
    return {"COGNITO_USER_POOL_ID": pool_id, "COGNITO_USER_POOL_CLIENT_ID": ensure_app_client(cognito, pool_id)}


if __name__ == "__main__":
    for key, value in bootstrap(sys.argv[1], sys.argv[2]).items():
        print(f"{key}={value}")
