import pytest

from cruddur.errors import ApiError
from cruddur.services import users


def test_me_creates_the_row_once_from_cognito(client, auth, sql):
    headers = auth.headers("dora", "Dora D")
    first = client.get("/api/users/me", headers=headers).json
    second = client.get("/api/users/me", headers=headers).json
    assert first == second
    assert sql("SELECT handle, display_name, email LIKE 'dora-%%' FROM users") == [("dora", "Dora D", True)]


def test_a_recreated_cognito_account_is_relinked_to_its_row(client, auth, sql):
    email = auth.sign_up("dora")
    old = client.get("/api/users/me", headers={"Authorization": f"Bearer {auth.tokens(email)['AccessToken']}"}).json
    auth.cognito.admin_delete_user(UserPoolId=auth.pool_id, Username=email)
    auth.sign_up("dora", email=email)
    new = client.get("/api/users/me", headers={"Authorization": f"Bearer {auth.tokens(email)['AccessToken']}"}).json
    assert new["uuid"] == old["uuid"]
    assert sql("SELECT count(*) FROM users") == [(1,)]


def test_a_taken_handle_is_409(client, auth):
    client.get("/api/users/me", headers=auth.headers("dora"))
    response = client.get("/api/users/me", headers=auth.headers("dora"))
    assert response.status_code == 409
    assert response.json["errors"][0] == {"code": "handle_taken", "field": "handle",
                                          "message": "The username @dora belongs to someone else"}


def test_handles_are_unique_whatever_their_case(app):
    database = app.extensions["db"]
    users.provision(database, cognito_user_id="a", handle="Dora", email="a@example.com", display_name="A")
    with pytest.raises(ApiError) as caught:
        users.provision(database, cognito_user_id="b", handle="dora", email="b@example.com", display_name="B")
    assert caught.value.code == "handle_taken"


@pytest.mark.parametrize("handle", ["ab", "a" * 21, "no-dash", "space here", ""])
def test_provision_refuses_bad_handles(app, handle):
    with pytest.raises(ApiError) as caught:
        users.provision(app.extensions["db"], cognito_user_id="x", handle=handle, email="x@example.com",
                        display_name="X")
    assert (caught.value.status, caught.value.code) == (422, "invalid_handle")


def test_provision_is_idempotent_for_the_same_account(app):
    database = app.extensions["db"]
    first = users.provision(database, cognito_user_id="a", handle="dora", email="a@example.com", display_name="A")
    again = users.provision(database, cognito_user_id="a", handle="dora", email="a@example.com", display_name="A")
    assert first["uuid"] == again["uuid"]


def test_short(client, auth):
    client.get("/api/users/me", headers=auth.headers("dora", "Dora D"))
    short = client.get("/api/users/@DORA/short").json
    assert set(short) == {"uuid", "handle", "display_name", "avatar_url"}
    assert (short["handle"], short["display_name"], short["avatar_url"]) == ("dora", "Dora D", None)
    missing = client.get("/api/users/@nobody/short")
    assert missing.status_code == 404 and missing.json["errors"][0]["code"] == "user_not_found"


def test_avatar_url_is_built_from_the_assets_base_url(client, auth, sql):
    client.get("/api/users/me", headers=auth.headers("dora"))
    sql("UPDATE users SET avatar_key = 'avatars/dora-1.webp'")
    assert client.get("/api/users/@dora/short").json["avatar_url"] == "http://assets.test/avatars/dora-1.webp"
