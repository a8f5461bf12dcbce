"""People in the bench's own local Cognito (moto, on the run's loopback port), signed in with a password."""

import os

import boto3

from devstack import accounts


def sign_up_and_in(email, handle, name, password):
    """Signs a confirmed account up and in; answers (its Cognito sub, its access token)."""
    cognito = boto3.client(
        "cognito-idp", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_REGION"]
    )
    return accounts.sign_up_and_in(
        cognito,
        os.environ["COGNITO_USER_POOL_ID"],
        os.environ["COGNITO_USER_POOL_CLIENT_ID"],
        email,
        handle,
        name,
        password,
    )
