"""The Lambdas that write to PostgreSQL find it the same way."""

import functools
import os

import boto3
import psycopg


@functools.cache
def database_url():
    """DATABASE_URL, or the SecureString named by DATABASE_URL_SSM_PARAMETER (read once per container)."""
    parameter = os.environ.get("DATABASE_URL_SSM_PARAMETER")
    if parameter:
        return boto3.client("ssm").get_parameter(Name=parameter, WithDecryption=True)["Parameter"]["Value"]
    return os.environ["DATABASE_URL"]


def connect():
    return psycopg.connect(database_url(), connect_timeout=5)
