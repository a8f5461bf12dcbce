"""What an attacker sends: cursors that look right but were never minted for the list, text that cannot be
stored or shown honestly, and ids of other people's objects. Every answer is a 4xx with the errors body,
never a 5xx (nor a 503 that retrying cannot fix).

The property tests draw new examples on every developer's run and the same ones in CI (CI=true), so a
failure found locally is a failure to keep, and CI stays reproducible."""

import base64
import json
import os
import unicodedata
import uuid

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cruddur.config import DEVELOPMENT_CURSOR_SIGNING_KEY
from cruddur.cursors import CursorSigner
from cruddur_shared.text import trimmed

# Not in `bin/test quick`: property tests drawing hundreds of requests.
pytestmark = pytest.mark.slow

EXAMPLES = 40
hostile = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=list(HealthCheck),
)

# The issue's own example: base64 of ["2024-W01-1", "00000000-0000-0000-0000-000000000000"].
REPORTED_CURSOR = "WyIyMDI0LVcwMS0xIiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0"


def error(response):
    """(status, code, field) of an error answer, checking it has the contract's shape."""
    assert set(response.json) == {"errors"}, response.json
    [first] = response.json["errors"]
    assert set(first) == {"code", "message", "field"} and first["message"]
    return response.status_code, first["code"], first["field"]


@pytest.fixture
def world(client, person):
    """Ana and Ben, with two of everything Ana can list, so every list has a second page."""
    ana, ben, cat = person("ana"), person("ben"), person("cat")
    posts = [
        client.post("/api/activities", headers=ana, json={"message": f"hello #world {n}", "ttl": "1-day"}).json
        for n in range(2)
    ]
    for n in range(2):
        client.post(f"/api/activities/{posts[0]['uuid']}/reply", headers=ben, json={"message": f"reply {n}"})
    client.post(f"/api/activities/{posts[1]['uuid']}/like", headers=ben)
    with_ben = client.post("/api/messages", headers=ana, json={"handle": "ben", "message": "one"}).json
    client.post(
        "/api/messages", headers=ana, json={"message_group_uuid": with_ben["message_group_uuid"], "message": "two"}
    )
    with_cat = client.post("/api/messages", headers=cat, json={"handle": "ana", "message": "hi ana"}).json
    lists = {
        "home": ("/api/activities/home", ana),
        "explore": ("/api/activities/explore", None),
        "profile": ("/api/activities/@ana", None),
        "replies": (f"/api/activities/@ana/status/{posts[0]['uuid']}", None),
        "notifications": ("/api/activities/notifications", ana),
        "search": ("/api/activities/search?term=hello", None),
        "conversations": ("/api/message_groups", ana),
        "messages": (f"/api/messages/{with_ben['message_group_uuid']}", ana),
    }
    return {
        "ana": ana,
        "ben": ben,
        "cat": cat,
        "posts": posts,
        "lists": lists,
        "ana_uuid": client.get("/api/users/me", headers=ana).json["uuid"],
        "groups": {"ben": with_ben["message_group_uuid"], "cat": with_cat["message_group_uuid"]},
    }


def scope_of(world, name):
    """The list a cursor is bound to, as the API names it (api/parsing.py): path, viewer, query."""
    path, headers = world["lists"][name]
    path, _, query = path.partition("?")
    viewer = world["ana_uuid"] if headers else None
    return json.dumps([path, viewer, [list(pair) for pair in (p.split("=") for p in query.split("&") if p)]])


def page(client, world, name, cursor=None, limit=1):
    path, headers = world["lists"][name]
    joiner = "&" if "?" in path else "?"
    query = f"{joiner}limit={limit}" + (f"&cursor={cursor}" if cursor is not None else "")
    return client.get(path + query, headers=headers)


def unsigned(position):
    """A cursor as the API made them before they were signed: base64 of the JSON position."""
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


# Values that look like positions: times Python parses and PostgreSQL refuses, uuids in other spellings,
# numbers where text goes and text where numbers go.
TIMESTAMPS = [
    "2024-W01-1",
    "2024-01-01T00:00:00",
    "2024-02-30T00:00:00+00:00",
    "infinity",
    "-infinity",
    "0000-01-01T00:00:00+00:00",
    "2024-01-01T00:00:00+99:00",
    "20240101",
    "2024-01-01 00:00:00+00:00",
    "2024-01-01T00:00:00.1234567+00:00",
    "2024-01-01T00:00:00Z",
]
UUIDS = [
    "urn:uuid:00000000-0000-0000-0000-000000000000",
    "{00000000-0000-0000-0000-000000000000}",
    "00000000000000000000000000000000",
    "00000000-0000-0000-0000-00000000000G",
    "ffffffff-ffff-ffff-ffff",
]
ODD_VALUES = [True, False, None, 0, -1, 10**40, 1e308, float("nan"), float("inf"), "", "\u0000", [], {}, [1, 2]]
position_value = st.one_of(
    st.sampled_from(TIMESTAMPS + UUIDS + ODD_VALUES),
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)
position = st.one_of(
    st.lists(position_value, min_size=0, max_size=4),
    st.dictionaries(st.sampled_from(["sk", "pk", "last_message_sort"]), position_value, max_size=3),
    position_value,
)


def test_the_reported_forged_cursor_is_400(client, world):
    response = client.get(f"/api/activities/explore?cursor={REPORTED_CURSOR}")
    assert error(response) == (400, "invalid_cursor", "cursor")


@pytest.mark.parametrize(
    "name", ["home", "explore", "profile", "replies", "notifications", "search", "conversations", "messages"]
)
def test_every_list_pages_with_its_own_cursors_and_refuses_everything_else(client, world, name):
    first = page(client, world, name)
    assert first.status_code == 200 and first.json["next_cursor"], first.json
    cursor = first.json["next_cursor"]
    assert page(client, world, name, cursor).status_code == 200
    payload, mac = cursor.split(".")
    borrowed = {other: page(client, world, other).json["next_cursor"] for other in world["lists"] if other != name}
    forgeries = [
        REPORTED_CURSOR,
        unsigned(["2024-W01-1", "00000000-0000-0000-0000-000000000000"]),
        cursor[:-1],
        cursor[: len(cursor) // 2],
        payload,
        f"{payload}.",
        f".{mac}",
        cursor + "A",
        cursor + "=",
        f"{unsigned(['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])}.{mac}",
        cursor.replace("-", "+").replace("_", "/"),
        cursor + "==",
        "\u00e9" + cursor,
        cursor.replace(".", ".."),
        "",
        "=",
        "....",
        *borrowed.values(),
    ]
    for forged in (forgery for forgery in forgeries if forgery != cursor):
        assert error(page(client, world, name, forged)) == (400, "invalid_cursor", "cursor"), forged


def test_a_cursor_pages_only_its_own_list_for_its_own_viewer(client, world):
    cursor = page(client, world, "profile").json["next_cursor"]
    assert error(client.get(f"/api/activities/@ben?cursor={cursor}")) == (400, "invalid_cursor", "cursor")
    cursor = page(client, world, "search").json["next_cursor"]
    assert error(client.get(f"/api/activities/search?term=world&cursor={cursor}")) == (400, "invalid_cursor", "cursor")
    for name in ("home", "notifications", "conversations"):
        path, _ = world["lists"][name]
        cursor = page(client, world, name).json["next_cursor"]
        for someone_else in (world["ben"], None):
            response = client.get(f"{path}?cursor={cursor}", headers=someone_else)
            assert response.status_code in (400, 401), (name, response.json)
            assert error(response)[1] in ("invalid_cursor", "missing_token")
    anonymous = page(client, world, "explore").json["next_cursor"]
    signed_in = client.get(f"/api/activities/explore?limit=1&cursor={anonymous}", headers=world["ana"])
    assert error(signed_in) == (400, "invalid_cursor", "cursor")
    cursor = page(client, world, "messages").json["next_cursor"]
    other = client.get(f"/api/messages/{world['groups']['cat']}?cursor={cursor}", headers=world["ana"])
    assert error(other) == (400, "invalid_cursor", "cursor")


@pytest.mark.parametrize(
    "name", ["home", "explore", "profile", "replies", "notifications", "search", "conversations", "messages"]
)
def test_well_formed_positions_the_api_never_wrote_are_400_even_when_signed(client, world, name):
    # Signed with the key the tests share with the API: what a leaked key would let through still has to be
    # a position of the list's own shape, or it is refused before it reaches SQL or DynamoDB.
    signer = CursorSigner(DEVELOPMENT_CURSOR_SIGNING_KEY.encode())
    scope = scope_of(world, name)
    # The scope is the API's: the real position, minted here, pages as the API's own cursor does.
    real = page(client, world, name).json["next_cursor"]
    payload = real.split(".")[0]
    real_position = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert signer.mint(scope, real_position) == real

    @given(forged=position, sign=st.booleans())
    @hostile
    def check(forged, sign):
        cursor = signer.mint(scope, forged) if sign else unsigned(forged)
        response = page(client, world, name, cursor)
        assert error(response) == (400, "invalid_cursor", "cursor"), (forged, sign)

    check()


# Text at its worst: what cannot be encoded, controls, reordering, invisible and combining characters, and
# emoji sequences that are ordinary text.
SPECIAL_CHARACTERS = [
    "\ud800",
    "\udfff",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2060",
    "\u3164",
    "\u2800",
    "\u034f",
    "\ufe0f",
    "e\u0301",
    "\U0001f469\u200d\U0001f4bb",
    "\U0001f1fa\U0001f1e6",
    "\U0001f44d\U0001f3fd",
    "\n",
    "\t",
    " ",
    "\u00a0",
    "#",
    "@",
    "%",
    "'",
    '"',
    "\\",
    "\U0010ffff",
    "\ufffe",
]
hostile_text = st.lists(st.one_of(st.sampled_from(SPECIAL_CHARACTERS), st.characters()), max_size=30).map("".join)


def _surrogate_free(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def text_endpoints(world):
    """(what, send(text) -> response, field) for every place the API takes people's text."""
    ana, posts, groups = world["ana"], world["posts"], world["groups"]
    return [
        ("crud", lambda c, t: c.post("/api/activities", headers=ana, json={"message": t, "ttl": "1-hour"}), "message"),
        (
            "reply",
            lambda c, t: c.post(f"/api/activities/{posts[1]['uuid']}/reply", headers=ana, json={"message": t}),
            "message",
        ),
        (
            "display name",
            lambda c, t: c.post("/api/profile/update", headers=ana, json={"display_name": t}),
            "display_name",
        ),
        ("bio", lambda c, t: c.post("/api/profile/update", headers=ana, json={"bio": t}), "bio"),
        (
            "new conversation",
            lambda c, t: c.post("/api/messages", headers=world["ben"], json={"handle": "cat", "message": t}),
            "message",
        ),
        (
            "message",
            lambda c, t: c.post("/api/messages", headers=ana, json={"message_group_uuid": groups["ben"], "message": t}),
            "message",
        ),
        ("search", lambda c, t: c.get("/api/activities/search", query_string={"term": t}), "term"),
        ("people search", lambda c, t: c.get("/api/users/search", query_string={"term": t}), "term"),
    ]


@pytest.mark.parametrize(
    "what", ["crud", "reply", "display name", "bio", "new conversation", "message", "search", "people search"]
)
def test_any_text_is_stored_as_sent_or_refused_with_400_naming_its_field(client, world, what):
    [(_, send, field)] = [endpoint for endpoint in text_endpoints(world) if endpoint[0] == what]
    # What the answer shows of the text, which must be the text as sent, trimmed.
    shown = {
        "crud": "message",
        "reply": "message",
        "display name": "display_name",
        "bio": "bio",
        "new conversation": "message",
        "message": "message",
    }.get(what)

    in_url = what in ("search", "people search")

    @given(text=hostile_text)
    @hostile
    def check(text):
        # What the API reads: a URL carries UTF-8 bytes, which cannot hold a lone surrogate (the raw bytes are
        # tried below); JSON joins an escaped surrogate pair.
        text = text.encode("utf-8", "replace").decode("utf-8") if in_url else json.loads(json.dumps(text))
        response = send(client, text)
        if response.status_code >= 400:
            status, code, named = error(response)
            assert status == 400 and named == field, (text, response.json)
            if not _surrogate_free(text) or "\x00" in text:
                assert code == "invalid_characters", (text, response.json)
        else:
            assert _surrogate_free(text) and "\x00" not in text, text
            if shown:
                assert response.json[shown] == unicodedata.normalize("NFC", trimmed(text))

    check()


@pytest.mark.parametrize(
    "path",
    [
        "/api/activities/search?term=%ED%A0%80",
        "/api/users/search?term=%ED%A0%80%00",
        "/api/handles/%ED%A0%80",
        "/api/activities/@%ED%A0%80",
        "/api/users/@%E2%80%AEana/short",
        "/api/activities/%ED%A0%80/like",
        "/api/messages/%00",
        "/api/activities/@ana/status/%FF%FE",
    ],
)
def test_undecodable_bytes_in_urls_are_never_a_5xx(client, world, path):
    method = "POST" if path.endswith("/like") else "GET"
    response = client.open(path, method=method, headers=world["ana"])
    assert 200 <= response.status_code < 500
    if response.status_code >= 400:
        error(response)


def test_only_ascii_uuids_in_the_hyphenated_form_are_uuids(client, world):
    for spelled in (
        "00000000-0000-0000-0000-00000000000\u0661",
        "{00000000-0000-0000-0000-000000000001}",
        "urn:uuid:00000000-0000-0000-0000-000000000001",
        "00000000000000000000000000000001",
    ):
        response = client.post(
            "/api/messages", headers=world["ana"], json={"message_group_uuid": spelled, "message": "hi"}
        )
        assert error(response) == (400, "invalid_uuid", "message_group_uuid"), spelled


@pytest.mark.parametrize("what", ["crud", "reply", "display name", "bio", "new conversation", "message"])
def test_a_lone_surrogate_is_400_invalid_characters_everywhere(client, world, what):
    # A message to an existing conversation answered 503 with Retry-After: a retry that could never succeed.
    [(_, send, field)] = [endpoint for endpoint in text_endpoints(world) if endpoint[0] == what]
    response = send(client, "hi \ud800 there")
    assert error(response) == (400, "invalid_characters", field)
    assert "Retry-After" not in response.headers


@pytest.mark.parametrize(
    "what, text, refused",
    [
        ("display name", "\u202eAndrew\u200b", "invalid_characters"),  # reads as "Andrew" reversed
        ("display name", "An\u2066drew", "invalid_characters"),
        ("display name", "\u200b", "invalid_display_name"),
        ("display name", "\u3164\u3164", "invalid_display_name"),
        ("crud", "\u200b\u200b", "message_blank"),
        ("crud", "\ufeff \u2060\u00a0", "message_blank"),
        ("reply", "\u200d\u200d", "message_blank"),
        ("message", "\u2800", "message_blank"),
        ("crud", "bell \x07", "invalid_characters"),
        # Default-ignorable characters that are not format characters, and marks with no letter to sit on.
        ("crud", "\u17b4\u17b5", "message_blank"),
        ("crud", "\u180b\u180c\u180f", "message_blank"),
        ("crud", "\u2065\ufff0", "message_blank"),
        ("crud", "\U000e0080\U000e01f0", "message_blank"),
        ("crud", "\u200b\u17b4", "message_blank"),
        ("display name", "\u17b4\u17b5", "invalid_display_name"),
        ("display name", "\u0301\u0301", "invalid_display_name"),
    ],
)
def test_invisible_and_impersonating_text_is_refused(client, world, what, text, refused):
    [(_, send, field)] = [endpoint for endpoint in text_endpoints(world) if endpoint[0] == what]
    assert error(send(client, text)) == (400, refused, field)


@pytest.mark.parametrize(
    "what, text, stored",
    [
        ("crud", "\U0001f469\u200d\U0001f4bb \U0001f1fa\U0001f1e6 \U0001f44d\U0001f3fd", None),
        ("crud", "\u200b spaced out \u200b", "spaced out"),
        ("crud", "\u05e9\u05dc\u05d5\u05dd \u202bmixed\u202c", None),  # bidi controls are fine in a crud
        ("display name", "Zoë \U0001f469\u200d\U0001f4bb", None),
        ("display name", "  Ana\u200b  ", "Ana"),
        ("display name", "Andrew\u3164", "Andrew"),  # a trailing filler would make a look-alike of Andrew
        ("crud", "I \u2764\ufe0f", None),  # the variation selector at the end belongs to the heart
        ("crud", "cafe\u0301 au lait", "café au lait"),  # stored NFC, so every spelling searches the same
    ],
)
def test_emoji_and_real_text_are_kept(client, world, what, text, stored):
    [(_, send, _)] = [endpoint for endpoint in text_endpoints(world) if endpoint[0] == what]
    response = send(client, text)
    assert response.status_code in (200, 201), response.json
    shown = response.json["message"] if what == "crud" else response.json["display_name"]
    assert shown == (stored or text)


def test_an_aws_request_that_can_never_succeed_is_a_4xx_not_a_503(make_app, config):
    # An app of its own: the test adds a route, which an app that has answered requests refuses.
    app = make_app()
    client = app.test_client()
    # A real refusal from DynamoDB (moto): an empty string as a key is a ValidationException. Retrying the
    # same request can never succeed, so telling the client to retry would be a lie.
    table = boto3.resource("dynamodb", region_name=config.aws_region, endpoint_url=config.aws_endpoint_url).Table(
        config.dynamodb_table_name
    )

    @app.get("/api/test-only/refused-by-aws")
    def refused_by_aws():
        table.put_item(Item={"pk": "", "sk": ""})

    response = client.get("/api/test-only/refused-by-aws")
    assert error(response) == (400, "invalid_value", None)
    assert "Retry-After" not in response.headers


def test_a_value_postgresql_refuses_is_a_400_not_a_500(make_app):
    # The safety net behind every check: a value PostgreSQL will not take, as a forged cursor's was. An app of
    # its own: the test adds a route.
    app = make_app()
    client = app.test_client()

    @app.get("/api/test-only/refused-by-postgres")
    def refused_by_postgres():
        app.extensions["db"].all(
            "activities/explore", before_created_at="2024-W01-1", before_uuid=str(uuid.uuid4()), limit=2
        )

    assert error(client.get("/api/test-only/refused-by-postgres")) == (400, "invalid_value", None)


OBJECT_ENDPOINTS = [
    ("DELETE", "/api/activities/{crud}", 403),
    ("POST", "/api/messages", 404),
    ("GET", "/api/messages/{group}", 404),
    ("GET", "/api/avatars/{upload}", 404),
]


def test_other_peoples_ids_get_nothing_of_theirs(client, world, person):
    # Ids drawn from Ana's objects, sent by Dee, who has none: every answer is a refusal or her own view.
    dee = person("dee")
    presigned = client.post(
        "/api/avatars/presign", headers=world["ana"], json={"content_type": "image/png", "size": 10}
    ).json

    @given(
        crud=st.sampled_from([post["uuid"] for post in world["posts"]]),
        group=st.sampled_from(list(world["groups"].values())),
        method_path=st.sampled_from(OBJECT_ENDPOINTS),
    )
    @hostile
    def check(crud, group, method_path):
        method, path, status = method_path
        path = path.format(crud=crud, group=group, upload=presigned["upload_id"])
        body = {"message_group_uuid": group, "message": "let me in"} if method == "POST" else None
        response = client.open(path, method=method, headers=dee, json=body)
        assert response.status_code == status, (method, path, response.json)

    check()
    assert all(client.get(f"/api/activities/@ana/status/{post['uuid']}").status_code == 200 for post in world["posts"])
