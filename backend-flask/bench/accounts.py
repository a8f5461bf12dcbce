"""People in the bench's own local Cognito (moto, on the run's loopback port), signed in with a password."""

import os

import boto3


def sign_up_and_in(email, handle, name, password):
    """Signs a confirmed account up and in; answers (its Cognito sub, its access token)."""
    cognito = boto3.client(
        "cognito-idp", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_REGION"]
    )
    pool, client = os.environ["COGNITO_USER_POOL_ID"], os.environ["COGNITO_USER_POOL_CLIENT_ID"]
    cognito.sign_up(
        ClientId=client,
        Username=email,
        Password=password,
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "name", "Value": name},
            {"Name": "preferred_username", "Value": handle},
        ],
    )
    cognito.admin_confirm_sign_up(UserPoolId=pool, Username=email)
    attributes = cognito.admin_get_user(UserPoolId=pool, Username=email)["UserAttributes"]
    sub = next(a["Value"] for a in attributes if a["Name"] == "sub")
    tokens = cognito.initiate_auth(
        ClientId=client, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": email, "PASSWORD": password}
    )
    return sub, tokens["AuthenticationResult"]["AccessToken"]
