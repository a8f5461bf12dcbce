"""Confirmed accounts signed up and in against a local Cognito (moto): the bench's and the soak's people."""


def sign_up_and_in(cognito, pool_id, client_id, email, handle, name, password):
    """Signs a confirmed account up and in; answers (its Cognito sub, its access token)."""
    cognito.sign_up(
        ClientId=client_id,
        Username=email,
        Password=password,
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "name", "Value": name},
            {"Name": "preferred_username", "Value": handle},
        ],
    )
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username=email)
    attributes = cognito.admin_get_user(UserPoolId=pool_id, Username=email)["UserAttributes"]
    sub = next(a["Value"] for a in attributes if a["Name"] == "sub")
    tokens = cognito.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": email, "PASSWORD": password}
    )
    return sub, tokens["AuthenticationResult"]["AccessToken"]
