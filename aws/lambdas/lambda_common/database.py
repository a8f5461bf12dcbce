"""The Lambdas that write to PostgreSQL find it the same way."""

import functools
import json
import os

import boto3
import psycopg
from psycopg.conninfo import make_conninfo


@functools.cache
def database_url():
    """DATABASE_URL, or a connection string made of the fields of the API's database secret named by
    DATABASE_SECRET_ARN (read once per container). The secret rotates between two logins, each valid until
    the rotation after next, so a container's connection string outlives any container."""
    secret_arn = os.environ.get("DATABASE_SECRET_ARN")
    if secret_arn:
        secret = json.loads(boto3.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"])
        return make_conninfo(
            "",
            host=secret["host"],
            port=secret["port"],
            dbname=secret["dbname"],
            user=secret["username"],
            password=secret["password"],
            # Encrypted; the server's certificate is not checked here (the Lambda packages carry no RDS CA
            # bundle yet: README, Deploy to AWS).
            sslmode="require",
        )
    return os.environ["DATABASE_URL"]


def connect():
    return psycopg.connect(database_url(), connect_timeout=5)
