"""Makes the local AWS (moto) ready, idempotently: the Cognito user pool, the SPA's app client, the
messages table with its stream, the avatar buckets with the queue of upload events, and the media bucket.

`python -m devstack.aws ENDPOINT REGION` prints the settings the API needs as KEY=value lines. moto keeps
ids stable across restarts when started with the HASH id strategies (bin/dev does), so the SPA's
configuration does not change from one run to the next.
"""

import json
import sys

import boto3

from cruddur.config import Config
from cruddur_shared.messages_table import LAST_MESSAGE_INDEX

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
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 8,
            "RequireUppercase": False,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": False,
        }
    },
}
AUTH_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def aws_client(service, endpoint, region):
    # moto accepts any credentials; these are not secrets.
    # bandit: moto takes any credentials: these are not secrets.
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, aws_access_key_id="local", aws_secret_access_key="local"
    )  # nosec B106


def cognito_client(endpoint, region):
    return aws_client("cognito-idp", endpoint, region)


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
    created = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName=CLIENT_NAME, GenerateSecret=False, ExplicitAuthFlows=AUTH_FLOWS
    )
    return created["UserPoolClient"]["ClientId"]


# The same shape as the table on AWS (docs/messages-table.md). The stream carries new images: the stream
# handler needs only the message just written.
MESSAGES_TABLE = {
    "AttributeDefinitions": [
        {"AttributeName": name, "AttributeType": "S"} for name in ("pk", "sk", "last_message_sort")
    ],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "LocalSecondaryIndexes": [
        {
            "IndexName": LAST_MESSAGE_INDEX,
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "last_message_sort", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
}


def dynamodb_client(endpoint, region):
    return aws_client("dynamodb", endpoint, region)


def ensure_messages_table(dynamodb, table_name):
    try:
        dynamodb.create_table(TableName=table_name, **MESSAGES_TABLE)
    except dynamodb.exceptions.ResourceInUseException:
        pass  # made by an earlier run against the same local AWS
    dynamodb.get_waiter("table_exists").wait(TableName=table_name)


# Local only: on AWS the media stack names the assets bucket and the upload events invoke the Lambda.
ASSETS_BUCKET = "cruddur-assets"
UPLOAD_EVENTS_QUEUE = "cruddur-upload-events"
# The browser posts uploads from the web app, whichever port bin/dev or bin/test serves it on.
UPLOADS_CORS = {
    "CORSRules": [
        {
            "AllowedOrigins": ["http://127.0.0.1:*", "http://localhost:*"],
            "AllowedMethods": ["POST"],
            "AllowedHeaders": ["*"],
            "MaxAgeSeconds": 3600,
        }
    ]
}
# A failed event comes back this soon (the worker's retry delay).
UPLOAD_EVENTS_VISIBILITY_SECONDS = 10
# Anyone may read the avatars, as anyone may through CloudFront on AWS.
ASSETS_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{ASSETS_BUCKET}/*",
            }
        ],
    }
)


def ensure_bucket(s3, name, region):
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    try:
        s3.create_bucket(Bucket=name, **location)
    except (s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
        pass  # made by an earlier run against the same local AWS


def ensure_avatar_buckets(endpoint, region, uploads_bucket):
    """The uploads bucket (CORS for the web app) telling the queue of every object created, as the media
    stack's bucket tells the avatar Lambda on AWS; the assets bucket the avatars are served from."""
    s3, sqs = aws_client("s3", endpoint, region), aws_client("sqs", endpoint, region)
    ensure_bucket(s3, uploads_bucket, region)
    s3.put_bucket_cors(Bucket=uploads_bucket, CORSConfiguration=UPLOADS_CORS)
    queue_url = sqs.create_queue(
        QueueName=UPLOAD_EVENTS_QUEUE, Attributes={"VisibilityTimeout": str(UPLOAD_EVENTS_VISIBILITY_SECONDS)}
    )["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=uploads_bucket,
        NotificationConfiguration={"QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]},
    )
    ensure_bucket(s3, ASSETS_BUCKET, region)
    s3.put_bucket_policy(Bucket=ASSETS_BUCKET, Policy=ASSETS_POLICY)


def ensure_media_bucket(endpoint, region, media_bucket):
    """The bucket photos' served sizes go to: private, read through presigned GETs that end with the crud."""
    ensure_bucket(aws_client("s3", endpoint, region), media_bucket, region)


def bootstrap(
    endpoint,
    region,
    table_name=Config.dynamodb_table_name,
    uploads_bucket=Config.uploads_bucket,
    media_bucket=Config.media_bucket,
):
    cognito = cognito_client(endpoint, region)
    pool_id = ensure_user_pool(cognito)
    ensure_messages_table(dynamodb_client(endpoint, region), table_name)
    ensure_avatar_buckets(endpoint, region, uploads_bucket)
    ensure_media_bucket(endpoint, region, media_bucket)
    return {
        "COGNITO_USER_POOL_ID": pool_id,
        "COGNITO_USER_POOL_CLIENT_ID": ensure_app_client(cognito, pool_id),
        "DYNAMODB_TABLE_NAME": table_name,
        "UPLOADS_BUCKET": uploads_bucket,
        "ASSETS_BUCKET": ASSETS_BUCKET,
        "MEDIA_BUCKET": media_bucket,
        # moto serves each object at <endpoint>/<bucket>/<key> to anyone, as CloudFront does on AWS.
        "ASSETS_BASE_URL": f"{endpoint}/{ASSETS_BUCKET}",
    }


if __name__ == "__main__":
    config = Config.from_env()
    for key, value in bootstrap(
        sys.argv[1], sys.argv[2], config.dynamodb_table_name, config.uploads_bucket, config.media_bucket
    ).items():
        print(f"{key}={value}")
