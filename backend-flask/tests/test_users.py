import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from cruddur.errors import Conflict, Unprocessable
from cruddur.services import users


def test_me_creates_the_row_once_from_cognito(client, auth, sql):
    headers = auth.headers("dora", "Dora D")
    first = client.get("/api/users/me", headers=headers).json
    second = client.get("/api/users/me", headers=headers).json
    assert first == second
    assert sql("SELECT handle, display_name, email LIKE 'dora-%%' FROM users") == [("dora", "Dora D", True)]


def bearer(auth, email):
    return {"Authorization": f"Bearer {auth.tokens(email)['AccessToken']}"}


@pytest.fixture
def victim(client, auth):
    """Vera, with a conversation with Walt: (her email, her headers, the conversation's uuid)."""
    email = auth.sign_up("vera")
    vera = bearer(auth, email)
    client.get("/api/users/me", headers=vera)
    walt = auth.headers("walt")
    client.get("/api/users/me", headers=walt)
    sent = client.post("/api/messages", headers=walt, json={"handle": "vera", "message": "just between us"})
    return email, vera, sent.json["message_group_uuid"]


def assert_still_veras(client, auth, vera, group_uuid, intruder):
    """Vera keeps her row and her conversation; the intruder's token reaches neither."""
    me = client.get("/api/users/me", headers=vera)
    assert (me.status_code, me.json["handle"]) == (200, "vera")
    assert [g["message_group_uuid"] for g in client.get("/api/message_groups", headers=vera).json["items"]] == [
        group_uuid
    ]
    for path in ("/api/users/me", "/api/message_groups", f"/api/messages/{group_uuid}"):
        response = client.get(path, headers=intruder)
        assert (response.status_code, response.json["errors"][0]["code"]) == (409, "handle_taken")


@pytest.mark.parametrize("handle", ["vera", "Vera", "VERA"])
def test_an_account_asking_for_someones_username_gets_409(client, auth, victim, handle):
    _, vera, group_uuid = victim
    intruder = bearer(auth, auth.sign_up(handle))
    assert_still_veras(client, auth, vera, group_uuid, intruder)


@pytest.mark.parametrize(
    "look_alike, handle",
    [
        (str, "vera"),  # her exact email and username
        (str.title, "vera"),  # her email in another case
        (str.upper, "VERA"),  # and her username in another case
    ],
)
def test_a_new_account_with_someones_email_and_username_gets_409(client, auth, victim, sql, look_alike, handle):
    # Cognito keeps one account per email, so her account is gone first (as when the local Cognito forgets
    # everyone, or she deleted it): still nothing about an account's email or username moves her row.
    vera_email, _, group_uuid = victim
    row = sql("SELECT uuid, cognito_user_id FROM users WHERE handle = 'vera'")
    auth.cognito.admin_delete_user(UserPoolId=auth.pool_id, Username=vera_email)
    intruder = bearer(auth, auth.sign_up(handle, email=look_alike(vera_email)))
    for path in ("/api/users/me", "/api/message_groups", f"/api/messages/{group_uuid}"):
        response = client.get(path, headers=intruder)
        assert (response.status_code, response.json["errors"][0]["code"]) == (409, "handle_taken")
    assert sql("SELECT uuid, cognito_user_id FROM users WHERE handle = 'vera'") == row


def test_an_account_that_changes_its_username_to_someones_keeps_its_own_row(client, auth, victim):
    _, vera, group_uuid = victim
    token = auth.tokens(auth.sign_up("mallory"))["AccessToken"]
    mallory = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/users/me", headers=mallory).json["handle"] == "mallory"
    auth.cognito.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "preferred_username", "Value": "vera"}]
    )
    assert client.get("/api/users/me", headers=mallory).json["handle"] == "mallory"
    assert client.get("/api/message_groups", headers=mallory).json["items"] == []
    assert client.get(f"/api/messages/{group_uuid}", headers=mallory).status_code == 404
    assert client.get("/api/users/me", headers=vera).json["handle"] == "vera"


def test_two_sign_ups_racing_for_one_username_make_one_row(app, auth, sql):
    tokens = [bearer(auth, auth.sign_up("zoe")) for _ in range(4)]
    barrier = threading.Barrier(len(tokens))

    def first_call(headers):
        barrier.wait()
        return app.test_client().get("/api/users/me", headers=headers).status_code

    with ThreadPoolExecutor(len(tokens)) as pool:
        statuses = sorted(pool.map(first_call, tokens))
    assert statuses == [200, 409, 409, 409]
    assert sql("SELECT count(*) FROM users WHERE handle = 'zoe'") == [(1,)]


def test_a_taken_handle_is_409(client, auth):
    client.get("/api/users/me", headers=auth.headers("dora"))
    response = client.get("/api/users/me", headers=auth.headers("dora"))
    assert response.status_code == 409
    assert response.json["errors"][0] == {
        "code": "handle_taken",
        "field": "handle",
        "message": "The username @dora belongs to someone else",
    }


def test_handles_are_unique_whatever_their_case(app):
    database = app.extensions["db"]
    users.provision(database, cognito_user_id="a", handle="Dora", email="a@example.com", display_name="A")
    with pytest.raises(Conflict) as caught:
        users.provision(database, cognito_user_id="b", handle="dora", email="b@example.com", display_name="B")
    assert caught.value.code == "handle_taken"


@pytest.mark.parametrize("handle", ["ab", "a" * 21, "no-dash", "space here", ""])
def test_provision_refuses_bad_handles(app, handle):
    with pytest.raises(Unprocessable) as caught:
        users.provision(
            app.extensions["db"], cognito_user_id="x", handle=handle, email="x@example.com", display_name="X"
        )
    assert caught.value.code == "invalid_handle"


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


def test_a_username_is_available_until_someone_has_it(client, auth):
    assert client.get("/api/handles/dora").json == {"handle": "dora", "available": True}
    client.get("/api/users/me", headers=auth.headers("dora"))
    assert client.get("/api/handles/dora").json == {"handle": "dora", "available": False}
    assert client.get("/api/handles/DORA").json == {"handle": "dora", "available": False}


@pytest.mark.parametrize("handle", ["ab", "a" * 21, "no-dash", "caf%C3%A9", "%E2%80%AEdora", "dora%00"])
def test_an_availability_look_up_of_no_handle_is_400(client, handle):
    response = client.get(f"/api/handles/{handle}")
    assert response.status_code == 400
    assert response.json["errors"][0]["code"] == "invalid_handle"
    assert response.json["errors"][0]["field"] == "handle"


@pytest.fixture
def beaten_to_it(client, auth):
    """Headers of a confirmed account that asked for @dora after someone else took it."""
    client.get("/api/users/me", headers=auth.headers("dora"))
    email = auth.sign_up("dora", name="Second Dora")
    return email, bearer(auth, email)


def test_a_taken_username_is_claimed_anew_and_cognito_follows(client, auth, beaten_to_it, sql):
    email, headers = beaten_to_it
    assert client.get("/api/users/me", headers=headers).status_code == 409
    claimed = client.put("/api/users/me/handle", headers=headers, json={"handle": "Dora_Two"})
    assert claimed.status_code == 200
    assert (claimed.json["handle"], claimed.json["display_name"], claimed.json["is_me"]) == (
        "dora_two",
        "Second Dora",
        True,
    )
    assert client.get("/api/users/me", headers=headers).json == claimed.json
    cognito = auth.cognito.admin_get_user(UserPoolId=auth.pool_id, Username=email)["UserAttributes"]
    assert {"Name": "preferred_username", "Value": "dora_two"} in cognito
    assert sql("SELECT handle FROM users ORDER BY created_at") == [("dora",), ("dora_two",)]


def test_claiming_a_username_someone_has_is_409_and_can_be_tried_again(client, auth, beaten_to_it):
    _, headers = beaten_to_it
    client.get("/api/users/me", headers=auth.headers("eve"))
    for taken in ("dora", "EVE"):
        response = client.put("/api/users/me/handle", headers=headers, json={"handle": taken})
        assert (response.status_code, response.json["errors"][0]["code"]) == (409, "handle_taken")
    assert client.put("/api/users/me/handle", headers=headers, json={"handle": "dora2"}).status_code == 200


@pytest.mark.parametrize(
    "body, code",
    [
        ({"handle": "x"}, "invalid_handle"),
        ({"handle": "no spaces"}, "invalid_handle"),
        ({"handle": 7}, "invalid_type"),
        ({}, "missing_field"),
        ({"handle": "dora\ud800"}, "invalid_characters"),
    ],
)
def test_claiming_a_bad_username_is_400(client, beaten_to_it, body, code):
    _, headers = beaten_to_it
    response = client.put("/api/users/me/handle", headers=headers, json=body)
    assert (response.status_code, response.json["errors"][0]["code"]) == (400, code)


def test_an_account_with_a_row_cannot_claim_another_username(client, auth):
    headers = auth.headers("dora")
    client.get("/api/users/me", headers=headers)
    response = client.put("/api/users/me/handle", headers=headers, json={"handle": "dora_new"})
    assert (response.status_code, response.json["errors"][0]["code"]) == (400, "handle_already_set")
    assert client.get("/api/users/me", headers=headers).json["handle"] == "dora"


def test_claiming_needs_a_valid_token(client):
    response = client.put("/api/users/me/handle", json={"handle": "dora"})
    assert response.status_code == 401
    response = client.put(
        "/api/users/me/handle", json={"handle": "dora"}, headers={"Authorization": "Bearer not.a.token"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    "name, shown",
    [
        ("\u202eAndrew\u200b", "dora"),  # a right-to-left override: the handle stands in
        ("\u200b\u200b", "dora"),
        ("\u3164", "dora"),  # a Hangul filler draws nothing
        ("Dora \U0001f469\u200d\U0001f4bb", "Dora \U0001f469\u200d\U0001f4bb"),
    ],
)
def test_names_from_sign_up_follow_the_text_rules(client, auth, name, shown):
    assert client.get("/api/users/me", headers=auth.headers("dora", name)).json["display_name"] == shown
