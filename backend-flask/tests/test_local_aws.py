"""The local AWS answers what the web app asks of Cognito, refreshing a session included."""

import boto3


def test_a_session_is_refreshed_with_get_tokens_from_refresh_token(client, auth, local_aws):
    # Amplify 6 refreshes an expiring session this way; moto alone answers that the operation is unknown,
    # which ended every local sign-in after an hour.
    signed_in = auth.tokens(auth.sign_up("refresher"))
    cognito = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=local_aws["endpoint"])
    refreshed = cognito.get_tokens_from_refresh_token(
        ClientId=local_aws["client_id"], RefreshToken=signed_in["RefreshToken"]
    )["AuthenticationResult"]
    assert refreshed["AccessToken"] != signed_in["AccessToken"]
    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {refreshed['AccessToken']}"})
    assert me.status_code == 200 and me.json["handle"] == "refresher"


def test_a_forged_refresh_token_is_refused(local_aws):
    cognito = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=local_aws["endpoint"])
    try:
        cognito.get_tokens_from_refresh_token(ClientId=local_aws["client_id"], RefreshToken="forged")
    except cognito.exceptions.NotAuthorizedException:
        return
    raise AssertionError("a forged refresh token was accepted")
