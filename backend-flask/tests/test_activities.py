import pytest

# Parameters are the same in every pytest-xdist worker (they must collect the same tests), so no uuid4() here.
NO_SUCH_CRUD = "5f0c2d4e-8a7b-4c1d-9e3f-0a1b2c3d4e5f"
TTLS = ["30-days", "7-days", "3-days", "1-day", "12-hours", "3-hours", "1-hour"]


def post_crud(client, headers, message="hello", ttl="1-day"):
    response = client.post("/api/activities", json={"message": message, "ttl": ttl}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def error_code(response):
    return response.json["errors"][0]["code"]


def expire(sql, crud_uuid):
    """Moves a crud (and its replies) into the past without sleeping."""
    sql(
        "UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
        "WHERE uuid = %(u)s OR reply_to_activity_uuid = %(u)s",
        {"u": crud_uuid},
    )


@pytest.mark.parametrize("ttl", TTLS)
def test_create_crud_with_each_ttl(client, auth, ttl):
    from datetime import datetime

    headers = auth.headers("alice", "Alice A")
    crud = post_crud(client, headers, "  Cloud is fun  ", ttl)
    assert crud["message"] == "Cloud is fun"
    assert crud["handle"] == "alice" and crud["display_name"] == "Alice A"
    assert crud["reply_to_activity_uuid"] is None
    assert (crud["replies_count"], crud["likes_count"], crud["reposts_count"]) == (0, 0, 0)
    assert crud["liked"] is False and crud["reposted"] is False
    created, expires = datetime.fromisoformat(crud["created_at"]), datetime.fromisoformat(crud["expires_at"])
    assert created.utcoffset().total_seconds() == 0
    amount, unit = ttl.split("-")
    expected = int(amount) * (86400 if unit.startswith("day") else 3600)
    assert abs((expires - created).total_seconds() - expected) < 5


def test_a_new_crud_answers_as_its_status_page_shows_it(client, auth):
    headers = auth.headers("alice", "Alice A")
    crud = post_crud(client, headers, "Same #shape everywhere")
    shown = client.get(f"/api/activities/@alice/status/{crud['uuid']}", headers=headers).json["activity"]
    assert crud == shown


def test_message_of_280_characters_is_accepted(client, auth):
    assert len(post_crud(client, auth.headers("alice"), "x" * 280)["message"]) == 280


@pytest.mark.parametrize(
    "body, status, code, field",
    [
        ({"message": "", "ttl": "1-day"}, 400, "message_blank", "message"),
        ({"message": "   ", "ttl": "1-day"}, 400, "message_blank", "message"),
        ({"message": "x" * 281, "ttl": "1-day"}, 400, "message_too_long", "message"),
        ({"message": "hi", "ttl": "2-days"}, 400, "invalid_ttl", "ttl"),
        ({"message": "hi"}, 400, "missing_field", "ttl"),
        ({"ttl": "1-day"}, 400, "missing_field", "message"),
        ({"message": 42, "ttl": "1-day"}, 400, "invalid_type", "message"),
        ({"message": "hi", "ttl": ["1-day"]}, 400, "invalid_type", "ttl"),
    ],
)
def test_create_crud_rejects_bad_input(client, auth, body, status, code, field):
    response = client.post("/api/activities", json=body, headers=auth.headers("alice"))
    assert response.status_code == status
    assert response.json == {
        "errors": [{"code": code, "message": response.json["errors"][0]["message"], "field": field}]
    }


@pytest.mark.parametrize(
    "data, content_type, status, code",
    [
        ("{not json", "application/json", 400, "invalid_json"),
        ("[1, 2]", "application/json", 400, "body_not_object"),
        ('"text"', "application/json", 400, "body_not_object"),
        ("message=hi", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('{"message": "hi", "ttl": "1-day"}', None, 415, "unsupported_media_type"),
    ],
)
def test_create_crud_rejects_bodies_that_are_not_json_objects(client, auth, data, content_type, status, code):
    response = client.post("/api/activities", data=data, content_type=content_type, headers=auth.headers("alice"))
    assert response.status_code == status
    assert error_code(response) == code


def test_create_crud_needs_sign_in(client):
    response = client.post("/api/activities", json={"message": "hi", "ttl": "1-day"})
    assert response.status_code == 401
    assert error_code(response) == "missing_token"


def test_home_and_explore_list_newest_first_for_anyone(client, auth):
    headers = auth.headers("alice")
    first, second = post_crud(client, headers, "first"), post_crud(client, headers, "second")
    for path in ("/api/activities/home", "/api/activities/explore"):
        anonymous = client.get(path).json
        assert [c["uuid"] for c in anonymous["items"]] == [second["uuid"], first["uuid"]]
        assert anonymous["next_cursor"] is None
        assert "liked" not in anonymous["items"][0]
        signed_in = client.get(path, headers=headers).json
        assert signed_in["items"][0]["liked"] is False


def test_feed_pagination_is_stable_while_new_cruds_arrive(client, auth, sql):
    headers = auth.headers("alice")
    sql("feed_of_45.sql")
    first = client.get("/api/activities/home?limit=20").json
    assert len(first["items"]) == 20 and first["next_cursor"]
    post_crud(client, headers, "arrived after the first page")
    second = client.get(f"/api/activities/home?limit=20&cursor={first['next_cursor']}").json
    third = client.get(f"/api/activities/home?limit=20&cursor={second['next_cursor']}").json
    seen = [c["message"] for page in (first, second, third) for c in page["items"]]
    assert seen == [f"crud {n}" for n in range(45, 0, -1)]
    assert third["next_cursor"] is None


def test_feed_limit_defaults_to_20(client, sql):
    sql("feed_of_45.sql")
    assert len(client.get("/api/activities/home").json["items"]) == 20
    assert len(client.get("/api/activities/home?limit=100").json["items"]) == 45


@pytest.mark.parametrize(
    "query, code",
    [
        ("limit=0", "invalid_limit"),
        ("limit=101", "invalid_limit"),
        ("limit=abc", "invalid_limit"),
        ("limit=-1", "invalid_limit"),
        ("cursor=not-a-cursor", "invalid_cursor"),
        ("cursor=WzEsMl0", "invalid_cursor"),
    ],
)
def test_feed_rejects_bad_paging(client, query, code):
    response = client.get(f"/api/activities/home?{query}")
    assert response.status_code == 400
    assert error_code(response) == code


def test_feed_does_not_list_replies(client, auth):
    headers = auth.headers("alice")
    parent = post_crud(client, headers, "parent")
    client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": "a reply"}, headers=headers)
    assert [c["message"] for c in client.get("/api/activities/home").json["items"]] == ["parent"]


def test_reply_counts_and_shows_on_status_page_and_profile(client, auth):
    alice, bob = auth.headers("alice"), auth.headers("bob")
    parent = post_crud(client, alice, "parent", "3-hours")
    response = client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": " nice "}, headers=bob)
    assert response.status_code == 201
    reply = response.json
    assert reply["message"] == "nice" and reply["handle"] == "bob"
    assert reply["reply_to_activity_uuid"] == parent["uuid"]
    assert reply["expires_at"] == parent["expires_at"]  # a reply never outlives its parent

    page = client.get(f"/api/activities/@alice/status/{parent['uuid']}").json
    assert page["activity"]["replies_count"] == 1
    assert [r["uuid"] for r in page["items"]] == [reply["uuid"]]
    assert page["next_cursor"] is None
    assert client.get(f"/api/activities/@bob/status/{reply['uuid']}").json["activity"]["message"] == "nice"
    assert [c["uuid"] for c in client.get("/api/activities/@bob").json["items"]] == [reply["uuid"]]


def test_a_reply_in_any_list_names_the_author_it_answers(client, auth):
    """reply_to_handle lets a reply shown away from its thread say "Replying to @x" and link to the parent."""
    alice, bob = auth.headers("alice"), auth.headers("bob")
    parent = post_crud(client, alice, "parent #threads")
    assert parent["reply_to_handle"] is None
    answer = {"message": "me too #threads"}
    reply = client.post(f"/api/activities/{parent['uuid']}/reply", json=answer, headers=bob).json
    assert (reply["reply_to_activity_uuid"], reply["reply_to_handle"]) == (parent["uuid"], "alice")

    def by_uuid(items):
        return {item["uuid"]: item["reply_to_handle"] for item in items}

    assert by_uuid(client.get("/api/activities/@bob").json["items"]) == {reply["uuid"]: "alice"}
    status_page = client.get(f"/api/activities/@alice/status/{parent['uuid']}").json
    assert status_page["activity"]["reply_to_handle"] is None
    assert by_uuid(status_page["items"]) == {reply["uuid"]: "alice"}
    assert client.get(f"/api/activities/@bob/status/{reply['uuid']}").json["activity"]["reply_to_handle"] == "alice"
    searched = client.get("/api/activities/search", query_string={"term": "#threads"}).json["items"]
    assert by_uuid(searched) == {reply["uuid"]: "alice", parent["uuid"]: None}
    told = client.get("/api/activities/notifications", headers=alice).json["items"]
    assert [(n["type"], n["activity"]["reply_to_handle"]) for n in told] == [("reply", "alice")]
    assert by_uuid(client.get("/api/activities/explore").json["items"]) == {parent["uuid"]: None}


def test_replies_come_oldest_first_in_pages(client, auth):
    alice = auth.headers("alice")
    parent = post_crud(client, alice, "parent")
    for n in range(5):
        client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": f"reply {n}"}, headers=alice)
    first = client.get(f"/api/activities/@alice/status/{parent['uuid']}?limit=3").json
    second = client.get(f"/api/activities/@alice/status/{parent['uuid']}?limit=3&cursor={first['next_cursor']}").json
    assert [r["message"] for r in first["items"] + second["items"]] == [f"reply {n}" for n in range(5)]
    assert second["next_cursor"] is None
    assert first["activity"]["replies_count"] == 5


@pytest.mark.parametrize(
    "target, status, code",
    [
        ("not-a-uuid", 400, "invalid_uuid"),
        (NO_SUCH_CRUD, 404, "activity_not_found"),
    ],
)
def test_reply_to_unknown_or_malformed_crud(client, auth, target, status, code):
    response = client.post(f"/api/activities/{target}/reply", json={"message": "hi"}, headers=auth.headers("alice"))
    assert response.status_code == status
    assert error_code(response) == code


def test_reply_rejects_bad_message(client, auth):
    alice = auth.headers("alice")
    parent = post_crud(client, alice)
    for body, code in (
        ({"message": ""}, "message_blank"),
        ({"message": "y" * 281}, "message_too_long"),
        ({}, "missing_field"),
        ({"message": None}, "missing_field"),
        ({"message": 1}, "invalid_type"),
    ):
        response = client.post(f"/api/activities/{parent['uuid']}/reply", json=body, headers=alice)
        assert response.status_code == 400 and error_code(response) == code
    assert client.get(f"/api/activities/@alice/status/{parent['uuid']}").json["activity"]["replies_count"] == 0


def test_expired_crud_is_gone_everywhere(client, auth, sql):
    alice = auth.headers("alice")
    parent = post_crud(client, alice, "short-lived")
    reply = client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": "me too"}, headers=alice).json
    expire(sql, parent["uuid"])

    assert client.get("/api/activities/home").json["items"] == []
    assert client.get("/api/activities/explore").json["items"] == []
    profile = client.get("/api/activities/@alice").json
    assert profile["items"] == [] and profile["profile"]["cruds_count"] == 0
    for handle, crud in (("alice", parent), ("alice", reply)):
        response = client.get(f"/api/activities/@{handle}/status/{crud['uuid']}")
        assert response.status_code == 404 and error_code(response) == "activity_not_found"
    assert (
        client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": "late"}, headers=alice).status_code
        == 404
    )
    assert client.delete(f"/api/activities/{parent['uuid']}", headers=alice).status_code == 404
    assert client.get("/api/users/me", headers=alice).json["cruds_count"] == 0


def test_status_page_needs_the_authors_handle(client, auth):
    parent = post_crud(client, auth.headers("alice"))
    auth.headers("bob")
    response = client.get(f"/api/activities/@bob/status/{parent['uuid']}")
    assert response.status_code == 404
    assert client.get(f"/api/activities/@ALICE/status/{parent['uuid']}").status_code == 200
    assert client.get("/api/activities/@alice/status/nope").status_code == 400


def test_delete_own_crud_and_its_replies(client, auth):
    alice, bob = auth.headers("alice"), auth.headers("bob")
    parent = post_crud(client, alice)
    client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": "r"}, headers=bob)

    forbidden = client.delete(f"/api/activities/{parent['uuid']}", headers=bob)
    assert forbidden.status_code == 403 and error_code(forbidden) == "not_author"
    assert client.delete(f"/api/activities/{parent['uuid']}", headers=alice).status_code == 204
    assert client.get(f"/api/activities/@alice/status/{parent['uuid']}").status_code == 404
    assert client.get("/api/activities/@bob").json["items"] == []
    again = client.delete(f"/api/activities/{parent['uuid']}", headers=alice)
    assert again.status_code == 404 and error_code(again) == "activity_not_found"
    assert client.delete("/api/activities/nope", headers=alice).status_code == 400
    assert client.delete(f"/api/activities/{parent['uuid']}").status_code == 401


def test_deleting_a_reply_takes_it_off_the_count(client, auth):
    alice = auth.headers("alice")
    parent = post_crud(client, alice)
    reply = client.post(f"/api/activities/{parent['uuid']}/reply", json={"message": "r"}, headers=alice).json
    assert client.delete(f"/api/activities/{reply['uuid']}", headers=alice).status_code == 204
    page = client.get(f"/api/activities/@alice/status/{parent['uuid']}").json
    assert page["activity"]["replies_count"] == 0 and page["items"] == []


def test_profile_lists_cruds_and_counts(client, auth):
    alice = auth.headers("alice", "Alice A")
    post_crud(client, alice, "one")
    post_crud(client, alice, "two")
    anonymous = client.get("/api/activities/@Alice").json
    assert anonymous["profile"]["handle"] == "alice"
    assert anonymous["profile"]["cruds_count"] == 2
    assert anonymous["profile"]["followers_count"] == 0 and anonymous["profile"]["following_count"] == 0
    assert "is_me" not in anonymous["profile"]
    assert [c["message"] for c in anonymous["items"]] == ["two", "one"]
    mine = client.get("/api/activities/@alice", headers=alice).json["profile"]
    assert mine["is_me"] is True and mine["following"] is False
    missing = client.get("/api/activities/@nobody_here")
    assert missing.status_code == 404 and error_code(missing) == "user_not_found"


def test_hostile_bodies_are_4xx(client, auth):
    headers = auth.headers("alice")
    nul = client.post("/api/activities", json={"message": "a\x00b", "ttl": "1-day"}, headers=headers)
    assert nul.status_code == 400 and error_code(nul) == "invalid_characters"
    deep = client.post("/api/activities", data="[" * 5000, content_type="application/json", headers=headers)
    assert deep.status_code == 400 and error_code(deep) == "invalid_json"
    huge = client.post("/api/activities", json={"message": "x" * 70000, "ttl": "1-day"}, headers=headers)
    assert huge.status_code == 413 and error_code(huge) == "request_too_large"


@pytest.mark.parametrize(
    "path",
    [
        "/api/activities/home?limit=%C2%B2",
        "/api/activities/@%00",
        "/api/activities/@a%27b",
        "/api/users/@%00/short",
        f"/api/activities/@%00/status/{NO_SUCH_CRUD}",
    ],
)
def test_hostile_urls_are_4xx(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response.json["errors"][0]["code"]
