"""The authorization matrix: every endpoint that takes an object id or a handle, called by the owner, by another
signed-in person and by no one, answers the exact status and error code the contract gives each; afterwards
the owner's data is as it was, but for what the caller was allowed to change (their own like, reply, follow)."""

import uuid

import pytest

# Not in `bin/test quick`: a hundred rows, each with a world of its own.
pytestmark = pytest.mark.slow

SENT = "a new message"
REACTIONS = {"like": ("likes_count", "liked"), "repost": ("reposts_count", "reposted")}


class World:
    """Ann owns a live crud (Bob likes and reposts it), an expired crud, a profile Bob follows, a conversation
    with Bob and four unread notifications from Bob. Bob has a crud of his own and follows Eve, who has that
    one notification. Eve is the other person; `unknown` is a uuid nothing has."""

    def __init__(self, client, auth, sql):
        self.client = client
        self.headers = {"anonymous": {}, **{person: auth.headers(person) for person in ("ann", "bob", "eve")}}
        for person in ("ann", "bob", "eve"):
            self.json("/api/users/me", person)
        self.anns_crud = self.post("/api/activities", "ann", {"message": "ann's", "ttl": "1-day"})["uuid"]
        self.expired_crud = self.post("/api/activities", "ann", {"message": "ann's old", "ttl": "1-day"})["uuid"]
        sql(
            "UPDATE activities SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' "
            "WHERE uuid = %s",
            (self.expired_crud,),
        )
        self.bobs_crud = self.post("/api/activities", "bob", {"message": "bob's", "ttl": "1-day"})["uuid"]
        self.post(f"/api/activities/{self.anns_crud}/like", "bob")
        self.post(f"/api/activities/{self.anns_crud}/repost", "bob")
        self.post("/api/users/@ann/follow", "bob")
        self.post("/api/users/@eve/follow", "bob")
        self.group = self.post("/api/messages", "bob", {"message": "hi ann", "handle": "ann"})["message_group_uuid"]
        self.unknown = str(uuid.uuid4())
        self.anns_upload = self.post("/api/avatars/presign", "ann", {"content_type": "image/png", "size": 10})[
            "upload_id"
        ]
        self.anns_media = self.post("/api/media/presign", "ann", {"content_type": "image/png", "size": 10})[
            "media_uuid"
        ]
        self.before = self.what_ann_owns()
        self.eves_notifications_before = self.json("/api/activities/notifications", "eve")
        assert [(n["type"], n["actor"]["handle"], n["read"]) for n in self.before["notifications"]["items"]] == [
            ("message", "bob", False),
            ("follow", "bob", False),
            ("repost", "bob", False),
            ("like", "bob", False),
        ]

    def call(self, method, path, caller, body=None):
        return self.client.open(path, method=method, json=body, headers=self.headers[caller])

    def json(self, path, caller):
        response = self.call("GET", path, caller)
        assert response.status_code == 200, (path, caller, response.json)
        return response.json

    def post(self, path, caller, body=None):
        response = self.call("POST", path, caller, body)
        assert response.status_code in (200, 201), (path, caller, response.json)
        return response.json

    def crud_page(self, viewer):
        return self.json(f"/api/activities/@ann/status/{self.anns_crud}", viewer)

    def what_ann_owns(self):
        """Everything of Ann's a request in the matrix could touch, as she (and Bob, who likes, reposts and
        follows) sees it."""
        return {
            "crud as ann sees it": self.crud_page("ann"),
            "crud as bob sees it": self.crud_page("bob"),
            "profile as bob sees it": self.json("/api/activities/@ann", "bob"),
            "account": self.json("/api/users/me", "ann"),
            "conversation": self.json(f"/api/messages/{self.group}", "ann"),
            "conversations": self.json("/api/message_groups", "ann"),
            "notifications": self.json("/api/activities/notifications", "ann"),
        }

    def placeholders(self):
        return {
            "anns_crud": self.anns_crud,
            "expired_crud": self.expired_crud,
            "bobs_crud": self.bobs_crud,
            "group": self.group,
            "unknown": self.unknown,
            "unknown_upload": uuid.UUID(self.unknown).hex,
            "anns_upload": self.anns_upload,
            "anns_media": self.anns_media,
        }


@pytest.fixture
def world(client, auth, sql):
    return World(client, auth, sql)


def error_codes(response):
    return [error["code"] for error in response.json["errors"]]


# What must hold afterwards: each takes the world and the answer to the request.


def nothing_of_anns_changed(world, response):
    assert world.what_ann_owns() == world.before


def anns_crud_is_gone(world, response):
    for viewer in ("ann", "bob", "anonymous"):
        page = world.call("GET", f"/api/activities/@ann/status/{world.anns_crud}", viewer)
        assert page.status_code == 404 and error_codes(page) == ["activity_not_found"]
    assert world.json("/api/activities/@ann", "bob")["items"] == []


def replied_to_by(handle):
    def anns_crud_has_the_reply(world, response):
        reply = response.json
        assert (reply["handle"], reply["reply_to_activity_uuid"]) == (handle, world.anns_crud)
        page = world.crud_page("ann")
        assert page["activity"] == {**world.before["crud as ann sees it"]["activity"], "replies_count": 1}
        assert [item["uuid"] for item in page["items"]] == [reply["uuid"]]

    return anns_crud_has_the_reply


def reacted_by(caller, reaction):
    count, mark = REACTIONS[reaction]

    def counted_once_more_as_the_callers(world, response):
        assert (response.json[count], response.json[mark]) == (2, True)
        # The caller's mark is theirs alone: Ann's stays as it was unless she is the caller, Bob's stays on.
        for viewer in ("ann", "bob"):
            before = world.before[f"crud as {viewer} sees it"]["activity"]
            assert world.crud_page(viewer)["activity"] == {**before, count: 2, mark: before[mark] or viewer == caller}

    return counted_once_more_as_the_callers


def eve_follows_ann_beside_bob(world, response):
    assert (response.json["handle"], response.json["following"], response.json["followers_count"]) == ("ann", True, 2)
    before = world.before["profile as bob sees it"]
    after = world.json("/api/activities/@ann", "bob")
    assert after == {**before, "profile": {**before["profile"], "followers_count": 2}}


def anns_profile_and_cruds(is_me):
    def shows_anns_live_cruds_only(world, response):
        assert response.json["profile"]["handle"] == "ann" and response.json["profile"].get("is_me") == is_me
        assert [item["uuid"] for item in response.json["items"]] == [world.anns_crud]

    return shows_anns_live_cruds_only


def shows_anns_crud(world, response):
    assert (response.json["activity"]["uuid"], response.json["activity"]["handle"]) == (world.anns_crud, "ann")


def anns_name_card_only(world, response):
    account = world.before["account"]
    assert response.json == {key: account[key] for key in ("uuid", "handle", "display_name", "avatar_url")}


def the_conversation_with(handle):
    def shows_the_conversation(world, response):
        assert (response.json["message_group_uuid"], response.json["handle"], response.json["message"]) == (
            world.group,
            handle,
            "hi ann",
        )

    return shows_the_conversation


def lists_the_conversation(world, response):
    assert [(m["handle"], m["message"]) for m in response.json["items"]] == [("bob", "hi ann")]


def lists_anns_conversation(world, response):
    assert [group["message_group_uuid"] for group in response.json["items"]] == [world.group]


def lists_nothing(world, response):
    assert response.json["items"] == []


def ann_wrote_into_the_conversation(world, response):
    assert (response.json["message_group_uuid"], response.json["handle"]) == (world.group, "ann")
    for member in ("ann", "bob"):
        messages = world.json(f"/api/messages/{world.group}", member)["items"]
        assert [(m["handle"], m["message"]) for m in messages] == [("bob", "hi ann"), ("ann", SENT)]


def eve_started_her_own_conversation(world, response):
    assert response.json["message_group_uuid"] != world.group
    assert world.json(f"/api/messages/{world.group}", "ann") == world.before["conversation"]
    assert world.json(f"/api/messages/{world.group}", "bob") == world.before["conversation"]
    [with_ann] = world.json("/api/message_groups", "eve")["items"]
    assert (with_ann["message_group_uuid"], with_ann["handle"]) == (response.json["message_group_uuid"], "ann")


def only_anns_notifications_read(world, response):
    notifications = world.json("/api/activities/notifications", "ann")
    assert notifications["unread_count"] == 0 and [n["read"] for n in notifications["items"]] == [True] * 4
    assert world.json("/api/activities/notifications", "eve") == world.eves_notifications_before


def only_eves_notifications_read(world, response):
    notifications = world.json("/api/activities/notifications", "eve")
    assert notifications["unread_count"] == 0 and [n["read"] for n in notifications["items"]] == [True]
    nothing_of_anns_changed(world, response)


def lists_anns_notifications(world, response):
    assert response.json == world.before["notifications"]


def lists_only_eves_notification(world, response):
    assert [(n["type"], n["actor"]["handle"]) for n in response.json["items"]] == [("follow", "bob")]
    assert response.json["unread_count"] == 1


def only_eves_bio_changed(world, response):
    assert (response.json["handle"], response.json["bio"]) == ("eve", "eve's bio")
    nothing_of_anns_changed(world, response)


def row(caller, method, path, status, code=None, afterwards=nothing_of_anns_changed, body=None):
    """One request of the matrix; its id (caller, request, answer) names it in the test report."""
    addressed = " ".join(f"{key}={value}" for key, value in (body or {}).items() if key != "message")
    request = f"{method} {path} {addressed}".strip()
    answer = f"{status} {code}" if code else str(status)
    return pytest.param(caller, method, path, body, status, code, afterwards, id=f"{caller} {request} -> {answer}")


def refused(caller, method, path, status, code, body=None):
    """A request answered with an error, which leaves everything of Ann's as it was."""
    return row(caller, method, path, status, code, nothing_of_anns_changed, body)


CRUD = "/api/activities/{anns_crud}"
STATUS = "/api/activities/@ann/status/{anns_crud}"
GROUP = "/api/messages/{group}"
TO_THE_GROUP = {"message": SENT, "message_group_uuid": "{group}"}

MATRIX = [
    # Deleting a crud: only its author.
    row("ann", "DELETE", CRUD, 204, afterwards=anns_crud_is_gone),
    refused("eve", "DELETE", CRUD, 403, "not_author"),
    refused("anonymous", "DELETE", CRUD, 401, "missing_token"),
    refused("eve", "DELETE", "/api/activities/{unknown}", 404, "activity_not_found"),
    refused("ann", "DELETE", "/api/activities/{expired_crud}", 404, "activity_not_found"),
    # Replying: anyone signed in, to a live crud; the reply is the replier's.
    row("ann", "POST", CRUD + "/reply", 201, afterwards=replied_to_by("ann"), body={"message": "me again"}),
    row("eve", "POST", CRUD + "/reply", 201, afterwards=replied_to_by("eve"), body={"message": "hello ann"}),
    refused("anonymous", "POST", CRUD + "/reply", 401, "missing_token", body={"message": "psst"}),
    refused("eve", "POST", "/api/activities/{unknown}/reply", 404, "activity_not_found", body={"message": "x"}),
    refused("eve", "POST", "/api/activities/{expired_crud}/reply", 404, "activity_not_found", body={"message": "x"}),
    # Liking and reposting: each person's own mark; taking back one's own never takes back Bob's.
    *[
        entry
        for reaction in REACTIONS
        for entry in (
            row("ann", "POST", f"{CRUD}/{reaction}", 200, afterwards=reacted_by("ann", reaction)),
            row("eve", "POST", f"{CRUD}/{reaction}", 200, afterwards=reacted_by("eve", reaction)),
            refused("anonymous", "POST", f"{CRUD}/{reaction}", 401, "missing_token"),
            row("ann", "DELETE", f"{CRUD}/{reaction}", 200),
            row("eve", "DELETE", f"{CRUD}/{reaction}", 200),
            refused("anonymous", "DELETE", f"{CRUD}/{reaction}", 401, "missing_token"),
            *[
                refused("eve", method, f"/api/activities/{{{crud}}}/{reaction}", 404, "activity_not_found")
                for method in ("POST", "DELETE")
                for crud in ("unknown", "expired_crud")
            ],
        )
    ],
    # A profile page: public, live cruds only.
    row("ann", "GET", "/api/activities/@ann", 200, afterwards=anns_profile_and_cruds(is_me=True)),
    row("eve", "GET", "/api/activities/@ann", 200, afterwards=anns_profile_and_cruds(is_me=False)),
    row("anonymous", "GET", "/api/activities/@ann", 200, afterwards=anns_profile_and_cruds(is_me=None)),
    refused("eve", "GET", "/api/activities/@nobody", 404, "user_not_found"),
    # A status page: public, and only under its own author's handle.
    *[row(caller, "GET", STATUS, 200, afterwards=shows_anns_crud) for caller in ("ann", "eve", "anonymous")],
    *[
        refused(caller, "GET", "/api/activities/@ann/status/{bobs_crud}", 404, "activity_not_found")
        for caller in ("ann", "eve", "anonymous")
    ],
    refused("eve", "GET", "/api/activities/@nobody/status/{anns_crud}", 404, "activity_not_found"),
    refused("eve", "GET", "/api/activities/@ann/status/{unknown}", 404, "activity_not_found"),
    refused("ann", "GET", "/api/activities/@ann/status/{expired_crud}", 404, "activity_not_found"),
    refused("anonymous", "GET", "/api/activities/@ann/status/{expired_crud}", 404, "activity_not_found"),
    # Following: one's own follow; never oneself; unfollowing never undoes Bob's.
    refused("ann", "POST", "/api/users/@ann/follow", 400, "cannot_follow_yourself"),
    row("eve", "POST", "/api/users/@ann/follow", 200, afterwards=eve_follows_ann_beside_bob),
    refused("anonymous", "POST", "/api/users/@ann/follow", 401, "missing_token"),
    refused("ann", "DELETE", "/api/users/@ann/follow", 400, "cannot_follow_yourself"),
    row("eve", "DELETE", "/api/users/@ann/follow", 200),
    refused("anonymous", "DELETE", "/api/users/@ann/follow", 401, "missing_token"),
    refused("eve", "POST", "/api/users/@nobody/follow", 404, "user_not_found"),
    refused("eve", "DELETE", "/api/users/@nobody/follow", 404, "user_not_found"),
    # A name card: public, and nothing but the card.
    *[
        row(caller, "GET", "/api/users/@ann/short", 200, afterwards=anns_name_card_only)
        for caller in ("ann", "eve", "anonymous")
    ],
    refused("eve", "GET", "/api/users/@nobody/short", 404, "user_not_found"),
    # A conversation by the other member's handle: its two members only.
    row("ann", "GET", "/api/message_groups/@bob", 200, afterwards=the_conversation_with("bob")),
    row("bob", "GET", "/api/message_groups/@ann", 200, afterwards=the_conversation_with("ann")),
    refused("eve", "GET", "/api/message_groups/@ann", 404, "message_group_not_found"),
    refused("eve", "GET", "/api/message_groups/@bob", 404, "message_group_not_found"),
    refused("anonymous", "GET", "/api/message_groups/@bob", 401, "missing_token"),
    refused("ann", "GET", "/api/message_groups/@nobody", 404, "user_not_found"),
    # A conversation's messages: its two members only.
    row("ann", "GET", GROUP, 200, afterwards=lists_the_conversation),
    row("bob", "GET", GROUP, 200, afterwards=lists_the_conversation),
    refused("eve", "GET", GROUP, 404, "message_group_not_found"),
    refused("anonymous", "GET", GROUP, 401, "missing_token"),
    refused("ann", "GET", "/api/messages/{unknown}", 404, "message_group_not_found"),
    # Sending into a conversation: its members only; by handle, always one's own conversation.
    row("ann", "POST", "/api/messages", 201, afterwards=ann_wrote_into_the_conversation, body=TO_THE_GROUP),
    refused("eve", "POST", "/api/messages", 404, "message_group_not_found", body=TO_THE_GROUP),
    refused("anonymous", "POST", "/api/messages", 401, "missing_token", body=TO_THE_GROUP),
    refused(
        "eve",
        "POST",
        "/api/messages",
        404,
        "message_group_not_found",
        body={"message": SENT, "message_group_uuid": "{unknown}"},
    ),
    row(
        "eve",
        "POST",
        "/api/messages",
        201,
        afterwards=eve_started_her_own_conversation,
        body={"message": SENT, "handle": "ann"},
    ),
    refused("ann", "POST", "/api/messages", 400, "cannot_message_yourself", body={"message": SENT, "handle": "ann"}),
    refused("eve", "POST", "/api/messages", 404, "user_not_found", body={"message": SENT, "handle": "nobody"}),
    refused("anonymous", "POST", "/api/messages", 401, "missing_token", body={"message": SENT, "handle": "ann"}),
    # Conversations and notifications: each person's own, never another's.
    row("ann", "GET", "/api/message_groups", 200, afterwards=lists_anns_conversation),
    row("eve", "GET", "/api/message_groups", 200, afterwards=lists_nothing),
    refused("anonymous", "GET", "/api/message_groups", 401, "missing_token"),
    row("ann", "GET", "/api/activities/notifications", 200, afterwards=lists_anns_notifications),
    row("eve", "GET", "/api/activities/notifications", 200, afterwards=lists_only_eves_notification),
    refused("anonymous", "GET", "/api/activities/notifications", 401, "missing_token"),
    row("ann", "POST", "/api/activities/notifications/read", 204, afterwards=only_anns_notifications_read, body={}),
    row("eve", "POST", "/api/activities/notifications/read", 204, afterwards=only_eves_notifications_read, body={}),
    refused("anonymous", "POST", "/api/activities/notifications/read", 401, "missing_token", body={}),
    # Changing one's profile: only one's own.
    row("eve", "POST", "/api/profile/update", 200, afterwards=only_eves_bio_changed, body={"bio": "eve's bio"}),
    refused("anonymous", "POST", "/api/profile/update", 401, "missing_token", body={"bio": "hacked"}),
    # An avatar upload's state: signed in only; 404 for what is not an upload id.
    refused("anonymous", "GET", "/api/avatars/{unknown_upload}", 401, "missing_token"),
    refused("eve", "GET", "/api/avatars/not-an-upload", 404, "avatar_not_found"),
    # An avatar upload's state: its uploader's alone.
    row("ann", "GET", "/api/avatars/{anns_upload}", 200),
    refused("eve", "GET", "/api/avatars/{anns_upload}", 404, "avatar_not_found"),
    refused("anonymous", "GET", "/api/avatars/{anns_upload}", 401, "missing_token"),
    refused("ann", "GET", "/api/avatars/{unknown_upload}", 404, "avatar_not_found"),
    # A photo not posted yet: its uploader's alone (to see and to describe).
    row("ann", "GET", "/api/media/{anns_media}", 200),
    refused("eve", "GET", "/api/media/{anns_media}", 404, "media_not_found"),
    refused("anonymous", "GET", "/api/media/{anns_media}", 401, "missing_token"),
    refused("ann", "GET", "/api/media/{unknown}", 404, "media_not_found"),
    row("ann", "PUT", "/api/media/{anns_media}", 200, body={"alt": "mine"}),
    refused("eve", "PUT", "/api/media/{anns_media}", 404, "media_not_found", body={"alt": "hers now"}),
    refused("anonymous", "PUT", "/api/media/{anns_media}", 401, "missing_token", body={"alt": "x"}),
    refused("ann", "PUT", "/api/media/{unknown}", 404, "media_not_found", body={"alt": "x"}),
    # The rest that needs someone signed in.
    refused("anonymous", "GET", "/api/users/me", 401, "missing_token"),
    refused("anonymous", "POST", "/api/activities", 401, "missing_token", body={"message": "x", "ttl": "1-day"}),
    refused(
        "anonymous",
        "POST",
        "/api/media/presign",
        401,
        "missing_token",
        body={"content_type": "image/png", "size": 1000},
    ),
    refused(
        "anonymous",
        "POST",
        "/api/avatars/presign",
        401,
        "missing_token",
        body={"content_type": "image/png", "size": 1000},
    ),
]


@pytest.mark.parametrize("caller, method, path, body, status, code, afterwards", MATRIX)
def test_matrix(world, caller, method, path, body, status, code, afterwards):
    ids = world.placeholders()
    body = body and {key: value.format(**ids) if isinstance(value, str) else value for key, value in body.items()}
    response = world.call(method, path.format(**ids), caller, body)

    assert response.status_code == status, response.get_data(as_text=True)
    if code:
        assert list(response.json) == ["errors"] and error_codes(response) == [code]
    afterwards(world, response)
