"""Direct messages through the API, on moto's DynamoDB and the real Postgres."""

import pytest
import yaml

from conftest import free_port
from cruddur import create_app

NOT_A_UUID_GROUP = "00000000-0000-4000-8000-000000000000"


def send(client, headers, message, **to):
    return client.post("/api/messages", json={"message": message, **to}, headers=headers)


def groups(client, headers, **query):
    return client.get("/api/message_groups", query_string=query, headers=headers)


def thread(client, headers, group_uuid, **query):
    return client.get(f"/api/messages/{group_uuid}", query_string=query, headers=headers)


def error_code(response):
    return response.json["errors"][0]["code"]


def test_a_first_message_starts_a_conversation_both_members_see(client, person, sql):
    ana, ben = person("ana", "Ana A"), person("ben", "Ben B")
    sql("UPDATE users SET avatar_key = 'avatars/ben.jpg' WHERE handle = 'ben'")

    response = send(client, ana, "  hello Ben  ", handle="ben")

    assert response.status_code == 201
    message = response.json
    assert set(message) == {
        "uuid",
        "message_group_uuid",
        "message",
        "handle",
        "display_name",
        "avatar_url",
        "created_at",
    }
    assert (message["message"], message["handle"], message["display_name"]) == ("hello Ben", "ana", "Ana A")
    assert message["created_at"].endswith("+00:00")
    [for_ana] = groups(client, ana).json["items"]
    assert for_ana == {
        "message_group_uuid": message["message_group_uuid"],
        "uuid": for_ana["uuid"],
        "handle": "ben",
        "display_name": "Ben B",
        "avatar_url": "http://assets.test/avatars/ben.jpg",
        "message": "hello Ben",
        "created_at": message["created_at"],
        "unread": False,
    }
    [for_ben] = groups(client, ben).json["items"]
    assert (for_ben["handle"], for_ben["message_group_uuid"], for_ben["unread"]) == (
        "ana",
        message["message_group_uuid"],
        True,
    )
    assert thread(client, ben, message["message_group_uuid"]).json == {"items": [message], "next_cursor": None}


def test_messaging_someone_you_already_talk_to_continues_the_conversation(client, person):
    ana, ben = person("ana"), person("ben")
    first = send(client, ana, "one", handle="ben").json
    second = send(client, ben, "two", handle="ana").json
    third = send(client, ana, "three", handle="BEN").json

    assert first["message_group_uuid"] == second["message_group_uuid"] == third["message_group_uuid"]
    assert len(groups(client, ana).json["items"]) == 1
    items = thread(client, ana, first["message_group_uuid"]).json["items"]
    assert [(m["message"], m["handle"]) for m in items] == [("one", "ana"), ("two", "ben"), ("three", "ana")]


def test_a_member_replies_by_conversation(client, person):
    ana, ben = person("ana"), person("ben")
    group_uuid = send(client, ana, "hi", handle="ben").json["message_group_uuid"]

    response = send(client, ben, "hi yourself", message_group_uuid=group_uuid)

    assert response.status_code == 201
    assert (response.json["handle"], response.json["message_group_uuid"]) == ("ben", group_uuid)
    assert [m["message"] for m in thread(client, ana, group_uuid).json["items"]] == ["hi", "hi yourself"]


def test_messages_come_newest_page_first_and_oldest_first_within_a_page(client, person):
    ana, ben = person("ana"), person("ben")
    group_uuid = send(client, ana, "message 0", handle="ben").json["message_group_uuid"]
    for number in range(1, 25):
        send(client, ana if number % 2 else ben, f"message {number}", message_group_uuid=group_uuid)

    pages, cursor = [], None
    while True:
        body = thread(client, ben, group_uuid, limit=10, **({"cursor": cursor} if cursor else {})).json
        pages.append([m["message"] for m in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == [
        [f"message {n}" for n in range(15, 25)],
        [f"message {n}" for n in range(5, 15)],
        [f"message {n}" for n in range(0, 5)],
    ]
    assert len(thread(client, ben, group_uuid).json["items"]) == 20


def test_a_page_that_ends_exactly_at_the_last_message_has_no_cursor(client, person):
    ana, _ = person("ana"), person("ben")
    group_uuid = send(client, ana, "one", handle="ben").json["message_group_uuid"]
    send(client, ana, "two", message_group_uuid=group_uuid)
    assert thread(client, ana, group_uuid, limit=2).json["next_cursor"] is None


def test_conversations_come_latest_first_in_pages(client, person):
    ana = person("ana")
    for handle in ("ben", "cat", "dan"):
        person(handle)
        send(client, ana, f"hi {handle}", handle=handle)

    first = groups(client, ana, limit=2).json
    second = groups(client, ana, limit=2, cursor=first["next_cursor"]).json

    assert [g["handle"] for g in first["items"]] == ["dan", "cat"]
    assert [g["handle"] for g in second["items"]] == ["ben"]
    assert second["next_cursor"] is None


def test_no_conversations_is_an_empty_list(client, person):
    assert groups(client, person("ana")).json == {"items": [], "next_cursor": None}


def test_the_conversation_with_someone_is_found_by_handle(client, person):
    ana, ben = person("ana"), person("ben")
    group_uuid = send(client, ana, "hi", handle="ben").json["message_group_uuid"]

    assert client.get("/api/message_groups/@ana", headers=ben).json["message_group_uuid"] == group_uuid
    person("cat")
    response = client.get("/api/message_groups/@cat", headers=ana)
    assert (response.status_code, error_code(response)) == (404, "message_group_not_found")
    response = client.get("/api/message_groups/@nobody", headers=ana)
    assert (response.status_code, error_code(response)) == (404, "user_not_found")


def test_a_conversation_by_its_uuid_names_the_other_member_for_each_member(client, person, sql):
    ana, ben, eve = person("ana", "Ana A"), person("ben", "Ben B"), person("eve")
    sql("UPDATE users SET avatar_key = 'avatars/ben.jpg' WHERE handle = 'ben'")
    group_uuid = send(client, ana, "hi Ben", handle="ben").json["message_group_uuid"]

    for_ana = client.get(f"/api/message_groups/{group_uuid}", headers=ana)
    for_ben = client.get(f"/api/message_groups/{group_uuid}", headers=ben)

    assert for_ana.status_code == 200
    assert for_ana.json == groups(client, ana).json["items"][0]
    assert (for_ana.json["handle"], for_ana.json["display_name"], for_ana.json["avatar_url"]) == (
        "ben",
        "Ben B",
        "http://assets.test/avatars/ben.jpg",
    )
    assert (for_ben.json["handle"], for_ben.json["display_name"], for_ben.json["message"]) == ("ana", "Ana A", "hi Ben")
    for response in (
        client.get(f"/api/message_groups/{group_uuid}", headers=eve),
        client.get(f"/api/message_groups/{NOT_A_UUID_GROUP}", headers=ana),
    ):
        assert (response.status_code, error_code(response)) == (404, "message_group_not_found")
    response = client.get("/api/message_groups/not-a-uuid", headers=ana)
    assert (response.status_code, error_code(response)) == (400, "invalid_uuid")


def unread_messages(client, headers):
    return client.get("/api/activities/notifications", headers=headers).json["unread_messages_count"]


def test_reading_a_conversation_clears_its_unread_mark_and_count_and_only_its_own(client, person):
    ana, ben, cat = person("ana"), person("ben"), person("cat")
    from_ben = send(client, ben, "hi Ana", handle="ana").json["message_group_uuid"]
    send(client, ben, "still there?", message_group_uuid=from_ben)
    from_cat = send(client, cat, "hello from Cat", handle="ana").json["message_group_uuid"]

    assert unread_messages(client, ana) == 2  # two conversations, however many messages
    assert {g["handle"]: g["unread"] for g in groups(client, ana).json["items"]} == {"ben": True, "cat": True}
    assert client.get(f"/api/message_groups/{from_ben}", headers=ben).json["unread"] is False  # his own

    response = client.post(f"/api/message_groups/{from_ben}/read", json={}, headers=ana)

    assert response.status_code == 204
    assert unread_messages(client, ana) == 1
    assert client.get(f"/api/message_groups/{from_ben}", headers=ana).json["unread"] is False
    assert client.get(f"/api/message_groups/{from_cat}", headers=ana).json["unread"] is True
    send(client, ben, "one more", message_group_uuid=from_ben)
    assert client.get("/api/message_groups/@ben", headers=ana).json["unread"] is True
    assert unread_messages(client, ana) == 2


def test_only_a_member_marks_a_conversation_read(client, person):
    ana, _, eve = person("ana"), person("ben"), person("eve")
    group_uuid = send(client, ana, "hi", handle="ben").json["message_group_uuid"]

    response = client.post(f"/api/message_groups/{group_uuid}/read", json={}, headers=eve)
    assert (response.status_code, error_code(response)) == (404, "message_group_not_found")
    read = f"/api/message_groups/{group_uuid}/read"
    response = client.post(read, data="[]", content_type="application/json", headers=ana)
    assert response.status_code == 400


def test_someone_outside_the_conversation_cannot_read_or_post_and_learns_nothing(client, person):
    ana, _, eve = person("ana"), person("ben"), person("eve")
    group_uuid = send(client, ana, "secret", handle="ben").json["message_group_uuid"]

    reading = thread(client, eve, group_uuid)
    posting = send(client, eve, "let me in", message_group_uuid=group_uuid)
    unknown = thread(client, eve, NOT_A_UUID_GROUP)

    for response in (reading, posting, unknown):
        assert (response.status_code, error_code(response)) == (404, "message_group_not_found")
    assert reading.json["errors"][0]["message"].replace(group_uuid, "X") == unknown.json["errors"][0][
        "message"
    ].replace(NOT_A_UUID_GROUP, "X")
    assert groups(client, eve).json["items"] == []
    assert [m["message"] for m in thread(client, ana, group_uuid).json["items"]] == ["secret"]


@pytest.mark.parametrize(
    "body, status, code, field",
    [
        ({"message": "   ", "handle": "ben"}, 400, "message_blank", "message"),
        ({"message": "x" * 1025, "handle": "ben"}, 400, "message_too_long", "message"),
        ({"message": 5, "handle": "ben"}, 400, "invalid_type", "message"),
        ({"handle": "ben"}, 400, "missing_field", "message"),
        ({"message": "hi"}, 400, "missing_field", "handle"),
        (
            {"message": "hi", "handle": "ben", "message_group_uuid": NOT_A_UUID_GROUP},
            400,
            "ambiguous_recipient",
            "message_group_uuid",
        ),
        ({"message": "hi", "message_group_uuid": "not-a-uuid"}, 400, "invalid_uuid", "message_group_uuid"),
        ({"message": "hi", "handle": ["ben"]}, 400, "invalid_type", "handle"),
        ({"message": "hi", "handle": "ana"}, 400, "cannot_message_yourself", "handle"),
        ({"message": "hi", "handle": "ANA"}, 400, "cannot_message_yourself", "handle"),
        ({"message": "hi", "handle": "nobody"}, 404, "user_not_found", None),
        ({"message": "hi", "handle": "no such/handle"}, 404, "user_not_found", None),
    ],
)
def test_bad_messages_are_refused(client, person, body, status, code, field):
    ana, _ = person("ana"), person("ben")
    response = client.post("/api/messages", json=body, headers=ana)
    assert response.status_code == status
    assert response.json["errors"][0]["code"] == code
    assert response.json["errors"][0]["field"] == field
    assert groups(client, ana).json["items"] == []


def test_a_message_of_exactly_1024_characters_after_trimming_is_sent(client, person):
    ana, _ = person("ana"), person("ben")
    response = send(client, ana, "\n" + "é" * 1024 + "  ", handle="ben")
    assert response.status_code == 201
    assert len(response.json["message"]) == 1024


def test_a_body_that_is_not_json_is_refused(client, person):
    response = client.post("/api/messages", data="hi", content_type="text/plain", headers=person("ana"))
    assert (response.status_code, error_code(response)) == (415, "unsupported_media_type")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "e30",
        "eyJzayI6IDF9",  # not base64 JSON; {}; {"sk": 1}
        # {"sk": "USER#x"}: a key of another partition or shape
        "eyJzayI6ICJVU0VSI3gifQ",
    ],
)
def test_cursors_this_api_did_not_hand_out_are_refused(client, person, cursor):
    ana, _ = person("ana"), person("ben")
    group_uuid = send(client, ana, "hi", handle="ben").json["message_group_uuid"]
    for response in (thread(client, ana, group_uuid, cursor=cursor), groups(client, ana, cursor=cursor)):
        assert (response.status_code, error_code(response)) == (400, "invalid_cursor")


def test_a_conversation_cursor_does_not_page_the_conversations_list(client, person):
    ana, _ = person("ana"), person("ben")
    group_uuid = send(client, ana, "one", handle="ben").json["message_group_uuid"]
    send(client, ana, "two", message_group_uuid=group_uuid)
    cursor = thread(client, ana, group_uuid, limit=1).json["next_cursor"]
    response = groups(client, ana, cursor=cursor)
    assert (response.status_code, error_code(response)) == (400, "invalid_cursor")


@pytest.mark.parametrize("limit", ["0", "101", "ten", "-1"])
def test_bad_limits_are_refused(client, person, limit):
    response = groups(client, person("ana"), limit=limit)
    assert (response.status_code, error_code(response)) == (400, "invalid_limit")


def test_bad_conversation_uuids_are_refused(client, person):
    response = thread(client, person("ana"), "not-a-uuid")
    assert (response.status_code, error_code(response)) == (400, "invalid_uuid")


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/api/message_groups"),
        ("GET", "/api/message_groups/@ana"),
        ("GET", f"/api/message_groups/{NOT_A_UUID_GROUP}"),
        ("POST", f"/api/message_groups/{NOT_A_UUID_GROUP}/read"),
        ("GET", f"/api/messages/{NOT_A_UUID_GROUP}"),
        ("POST", "/api/messages"),
    ],
)
def test_messaging_needs_a_signed_in_person(client, method, path):
    response = client.open(path, method=method, json={"message": "hi", "handle": "ana"})
    assert (response.status_code, error_code(response)) == (401, "missing_token")


def test_dynamodb_down_is_a_503_for_messaging_and_nothing_else(config, client, person, local_aws):
    ana, _ = person("ana"), person("ben")
    # Cognito's keys stay reachable; only the AWS endpoint (DynamoDB's) is a closed port.
    broken = create_app(
        config.with_overrides(
            aws_endpoint_url=f"http://127.0.0.1:{free_port()}",
            cognito_jwks_url=f"{local_aws['endpoint']}/{local_aws['pool_id']}/.well-known/jwks.json",
        )
    )
    try:
        broken_client = broken.test_client()
        for response in (
            broken_client.get("/api/message_groups", headers=ana),
            broken_client.get(f"/api/messages/{NOT_A_UUID_GROUP}", headers=ana),
            broken_client.post("/api/messages", json={"message": "hi", "handle": "ben"}, headers=ana),
        ):
            assert response.status_code == 503
            assert error_code(response) == "messages_unavailable"
            assert response.headers["Retry-After"] == "5"
        assert broken_client.get("/api/activities/home", headers=ana).status_code == 200
        assert broken_client.get("/api/users/me", headers=ana).status_code == 200
    finally:
        broken.extensions["db"].close()


def test_documented_message_fields_match_what_the_api_answers(client, person):
    schemas = yaml.safe_load(client.get("/api/openapi.yaml").data)["components"]["schemas"]
    ana, _ = person("ana"), person("ben")
    message = send(client, ana, "hi", handle="ben").json
    assert set(message) == set(schemas["Message"]["properties"])
    assert set(groups(client, ana).json["items"][0]) == set(schemas["MessageGroup"]["properties"])
