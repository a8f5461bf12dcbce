"""What bin/dev seeds: people's local accounts given back after the local Cognito (moto, in memory) forgot
them, never while their identity still exists; the demo people and cruds."""

from cruddur_shared.text import hashtags
from devstack import local_accounts, seed

PASSWORD = "restored-password-1"


def forget(auth, email):
    """What a restarted local Cognito does to every account."""
    auth.cognito.admin_delete_user(UserPoolId=auth.pool_id, Username=email)


def me(client, auth, email, password=PASSWORD):
    token = auth.cognito.initiate_auth(
        ClientId=auth.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": email, "PASSWORD": password}
    )["AuthenticationResult"]["AccessToken"]
    return client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})


def restore(config, auth):
    return local_accounts.restore(auth.cognito, auth.pool_id, config.database_url, PASSWORD)


def test_a_forgotten_account_is_made_again_for_the_same_row(client, auth, config, sql):
    email = auth.sign_up("dora", name="Dora D")
    before = me(client, auth, email, password="test-password-1").json
    forget(auth, email)
    assert restore(config, auth) == [email]
    after = me(client, auth, email)
    assert after.status_code == 200 and after.json == before
    assert restore(config, auth) == []  # the new identity exists: nothing more to do


def test_an_identity_that_still_exists_is_never_replaced(client, auth, config, sql):
    email = auth.sign_up("dora")
    me(client, auth, email, password="test-password-1")
    rows = sql("SELECT uuid, cognito_user_id FROM users")
    assert restore(config, auth) == []
    assert sql("SELECT uuid, cognito_user_id FROM users") == rows


def test_a_row_whose_email_has_another_account_is_left_alone(client, auth, config, sql):
    email = auth.sign_up("dora")
    me(client, auth, email, password="test-password-1")
    rows = sql("SELECT uuid, cognito_user_id FROM users")
    forget(auth, email)
    auth.sign_up("someone_new", email=email)  # signed up again in this run, asking for another username
    assert restore(config, auth) == []
    assert sql("SELECT uuid, cognito_user_id FROM users") == rows


def test_an_email_goes_to_the_newest_row_that_has_it(client, auth, config, sql):
    # Vera deleted her account; someone signed up with her email and, her username being taken, claimed
    # another. After a restart the email must sign into the newcomer's row, never Vera's.
    email = auth.sign_up("vera")
    me(client, auth, email, password="test-password-1")
    client.post(
        "/api/activities",
        json={"message": "vera's own", "ttl": "1-day"},
        headers={"Authorization": "Bearer " + auth.tokens(email)["AccessToken"]},
    )
    forget(auth, email)
    auth.sign_up("vera", email=email)
    newcomer = {"Authorization": "Bearer " + auth.tokens(email)["AccessToken"]}
    assert client.put("/api/users/me/handle", headers=newcomer, json={"handle": "newcomer"}).status_code == 200
    forget(auth, email)  # the restart
    assert restore(config, auth) == [email]
    assert me(client, auth, email).json["handle"] == "newcomer"
    vera = sql("SELECT cognito_user_id FROM users WHERE handle = 'vera'")[0][0]
    assert not auth.cognito.list_users(UserPoolId=auth.pool_id, Filter=f'sub = "{vera}"')["Users"]


def test_seeding_again_after_a_restart_keeps_the_demo_people(config, auth, sql):
    emails, _ = seed.seed(config)
    people = sql("SELECT uuid, handle FROM users ORDER BY handle")
    for email in emails:
        forget(auth, email)
    demo, restored = seed.seed(config)
    assert (demo, sorted(restored)) == (emails, sorted(emails))
    assert sql("SELECT uuid, handle FROM users ORDER BY handle") == people


def test_demo_cruds_carry_their_hashtags_as_the_api_finds_them(config, sql):
    seed.seed(config)
    for message, stored in sql("SELECT message, hashtags FROM activities"):
        assert stored == hashtags(message), message
