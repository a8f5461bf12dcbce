"""Makes the local AWS (moto) ready, idempotently: the Cognito user pool, the SPA's app client, and the
messages table with its stream.

`python -m devstack.aws ENDPOINT REGION` prints the settings the API needs as KEY=value lines. moto keeps
ids stable across restarts when started with the HASH id strategies (bin/dev does), so the SPA's
configuration does not change from one run to the next.
"""
import sys

import boto3

from cruddur.config import Config
from cruddur.messages_store import LAST_MESSAGE_INDEX

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


# The same shape as the table on AWS (docs/messages-table.md). The stream carries new images: the stream
# handler needs only the message just written.
MESSAGES_TABLE = {
    "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"}
                             for name in ("pk", "sk", "last_message_sort")],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "LocalSecondaryIndexes": [{
        "IndexName": LAST_MESSAGE_INDEX,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "last_message_sort", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
    }],
    "BillingMode": "PAY_PER_REQUEST",
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
}


def dynamodb_client(endpoint, region):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="local", aws_secret_access_key="local")


def ensure_messages_table(dynamodb, table_name):
    try:
        dynamodb.create_table(TableName=table_name, **MESSAGES_TABLE)
    except dynamodb.exceptions.ResourceInUseException:
        pass  # made by an earlier run against the same local AWS
    dynamodb.get_waiter("table_exists").wait(TableName=table_name)


def bootstrap(endpoint, region, table_name=Config.dynamodb_table_name):
    cognito = cognito_client(endpoint, region)
    pool_id = ensure_user_pool(cognito)
    ensure_messages_table(dynamodb_client(endpoint, region), table_name)
    return {"COGNITO_USER_POOL_ID": pool_id, "COGNITO_USER_POOL_CLIENT_ID": ensure_app_client(cognito, pool_id),
            "DYNAMODB_TABLE_NAME": table_name}


if __name__ == "__main__":
    for key, value in bootstrap(sys.argv[1], sys.argv[2], Config.from_env().dynamodb_table_name).items():
        print(f"{key}={value}")
