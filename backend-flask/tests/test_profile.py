import pytest


def test_update_display_name_and_bio(client, auth):
    headers = auth.headers("erin")
    response = client.post(
        "/api/profile/update", json={"display_name": " Erin E ", "bio": "Cloud person"}, headers=headers
    )
    assert response.status_code == 200
    assert (response.json["display_name"], response.json["bio"], response.json["is_me"]) == (
        "Erin E",
        "Cloud person",
        True,
    )
    only_bio = client.post("/api/profile/update", json={"bio": ""}, headers=headers).json
    assert (only_bio["display_name"], only_bio["bio"]) == ("Erin E", "")
    assert client.get("/api/activities/@erin").json["profile"]["display_name"] == "Erin E"


def test_limits_are_inclusive(client, auth):
    response = client.post(
        "/api/profile/update", json={"display_name": "n" * 50, "bio": "b" * 160}, headers=auth.headers("erin")
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body, status, code, field",
    [
        ({}, 400, "nothing_to_update", None),
        ({"display_name": ""}, 400, "invalid_display_name", "display_name"),
        ({"display_name": "   "}, 400, "invalid_display_name", "display_name"),
        ({"display_name": "n" * 51}, 400, "invalid_display_name", "display_name"),
        ({"bio": "b" * 161}, 400, "bio_too_long", "bio"),
        ({"bio": 5}, 400, "invalid_type", "bio"),
        ({"display_name": ["x"]}, 400, "invalid_type", "display_name"),
    ],
)
def test_bad_input(client, auth, body, status, code, field):
    response = client.post("/api/profile/update", json=body, headers=auth.headers("erin"))
    assert response.status_code == status
    assert (response.json["errors"][0]["code"], response.json["errors"][0]["field"]) == (code, field)


def test_needs_sign_in_and_json(client, auth):
    assert client.post("/api/profile/update", json={"bio": "x"}).status_code == 401
    response = client.post("/api/profile/update", data="bio=x", headers=auth.headers("erin"))
    assert response.status_code == 415
