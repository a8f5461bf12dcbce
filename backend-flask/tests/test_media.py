"""Photos in cruds: the presigned POST, GET/PUT /api/media/{uuid}, posting photos on cruds and replies, the
`media` of every Crud, and a photo's lifetime (URLs that end with the crud, files deleted with it, photos
never posted deleted after a day). Uploads go to the local AWS as the browser sends them and are processed
by the real media handler (aws/lambdas/process_media)."""

import base64
import io
import json
import threading
import time
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from PIL import Image

from cruddur.db.purge import purge_expired
from cruddur.s3.media import MAX_S3_SECONDS, CloudFrontSignedUrls, RecentlySignedUrls, S3PresignedUrls
from devstack import aws, worker
from process_media import handler as media_handler

PRESIGN = "/api/media/presign"
TEN_MB = 10 * 1024 * 1024
RED, BLUE = (255, 0, 0), (0, 0, 255)


def error_of(response):
    [error] = response.json["errors"]
    return response.status_code, error["code"], error["field"]


def presign(client, headers, content_type="image/png", size=1234):
    return client.post(PRESIGN, json={"content_type": content_type, "size": size}, headers=headers)


def png(colour=RED, size=(300, 200)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def handler_env(config, monkeypatch):
    """The environment the media handler reads (bin/dev gives the worker the same)."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", config.aws_endpoint_url)
    monkeypatch.setenv("MEDIA_BUCKET", config.media_bucket)
    monkeypatch.setenv("DATABASE_URL", config.database_url)
    media_handler._s3.cache_clear()
    from lambda_common.database import database_url

    database_url.cache_clear()
    yield
    database_url.cache_clear()
    media_handler._s3.cache_clear()


def s3_event(bucket, key):
    return {
        "Records": [
            {
                "awsRegion": "us-east-1",
                "eventName": "ObjectCreated:Post",
                "s3": {"bucket": {"name": bucket}, "object": {"key": key}},
            }
        ]
    }


@pytest.fixture
def upload(client, config, handler_env):
    """Uploads a photo as the browser does and runs the media handler on its event (as the worker would);
    answers the media uuid. `process=False` leaves it processing."""

    def make(headers, data=None, content_type="image/png", process=True):
        data = png() if data is None else data
        post = presign(client, headers, content_type, len(data)).json
        sent = requests.post(post["url"], data=post["fields"], timeout=5, files={"file": ("p", data, content_type)})
        assert sent.status_code == 204, sent.text
        if process:
            media_handler.handler(s3_event(config.uploads_bucket, post["key"]), None)
        return post["media_uuid"]

    return make


def post_crud(client, headers, media, message="", ttl="1-day"):
    return client.post("/api/activities", json={"message": message, "ttl": ttl, "media": media}, headers=headers)


# --- presign ---


@pytest.mark.parametrize("content_type", ["image/jpeg", "image/png", "image/webp"])
def test_the_presigned_post_holds_one_key_the_type_and_10_mb(client, person, config, content_type):
    headers = person("ana")
    me = client.get("/api/users/me", headers=headers).json["uuid"]
    response = presign(client, headers, content_type, TEN_MB)

    assert response.status_code == 200
    post = response.json
    assert set(post) == {"media_uuid", "url", "fields", "key", "expires_in"}
    assert post["key"] == f"media/{me}/{post['media_uuid']}" == post["fields"]["key"]
    assert post["url"] == f"{config.aws_endpoint_url}/{config.uploads_bucket}"
    policy = json.loads(base64.b64decode(post["fields"]["policy"]))
    assert {"Content-Type": content_type} in policy["conditions"]
    assert ["content-length-range", 1, TEN_MB] in policy["conditions"]
    assert {"key": post["key"]} in policy["conditions"]
    assert post["expires_in"] == 300
    expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert timedelta(minutes=4) < expiration - datetime.now(UTC) <= timedelta(minutes=5)
    assert client.get(f"/api/media/{post['media_uuid']}", headers=headers).json["status"] == "processing"


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"size": 10}, ("missing_field", "content_type")),
        ({"content_type": "image/gif", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "image/svg+xml", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "text/html", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "image/png; charset=utf-8", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": "IMAGE/PNG", "size": 10}, ("unsupported_content_type", "content_type")),
        ({"content_type": ["image/png"], "size": 10}, ("invalid_type", "content_type")),
        ({"content_type": "image/png"}, ("missing_field", "size")),
        ({"content_type": "image/png", "size": "10"}, ("invalid_type", "size")),
        ({"content_type": "image/png", "size": 1.5}, ("invalid_type", "size")),
        ({"content_type": "image/png", "size": 0}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": -1}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": TEN_MB + 1}, ("invalid_size", "size")),
        ({"content_type": "image/png", "size": 10**40}, ("invalid_size", "size")),
    ],
)
def test_bad_presign_input_is_a_400_naming_the_field(client, person, body, expected):
    assert error_of(client.post(PRESIGN, json=body, headers=person("ana"))) == (400, *expected)


def test_presigning_needs_a_signed_in_person(client):
    assert error_of(presign(client, {})) == (401, "missing_token", None)


def test_waiting_photos_are_capped(client, person, sql):
    headers = person("ana")
    me = client.get("/api/users/me", headers=headers).json["uuid"]
    sql(
        "INSERT INTO media (uuid, user_uuid, original_key) "
        "SELECT gen_random_uuid(), %s, 'media/x' FROM generate_series(1, 40)",
        (me,),
    )
    assert error_of(presign(client, headers)) == (400, "too_many_unposted_media", None)
    sql("UPDATE media SET created_at = now() - interval '25 hours' WHERE user_uuid = %s", (me,))
    assert presign(client, headers).status_code == 200


# --- GET and PUT /api/media/{uuid} ---


def test_a_ready_photo_has_both_sizes_and_no_one_else_sees_it_until_posted(client, person, upload):
    ana, ben = person("ana"), person("ben")
    uuid = upload(ana, png(size=(3000, 1500)))

    photo = client.get(f"/api/media/{uuid}", headers=ana).json
    assert photo["status"] == "ready" and (photo["width"], photo["height"]) == (2048, 1024)
    assert photo["alt"] == "" and photo["reason"] is None
    full = requests.get(photo["url"], timeout=5)
    preview = requests.get(photo["preview_url"], timeout=5)
    assert full.status_code == preview.status_code == 200
    assert Image.open(io.BytesIO(full.content)).size == (2048, 1024)
    assert Image.open(io.BytesIO(preview.content)).size == (640, 320)

    assert error_of(client.get(f"/api/media/{uuid}", headers=ben)) == (404, "media_not_found", None)
    assert error_of(client.get(f"/api/media/{uuid}", headers={})) == (401, "missing_token", None)


def test_a_failed_photo_says_why(client, person, upload):
    ana = person("ana")
    uuid = upload(ana, b"just text named photo.png")
    assert client.get(f"/api/media/{uuid}", headers=ana).json == {
        "uuid": uuid,
        "status": "failed",
        "url": None,
        "preview_url": None,
        "width": None,
        "height": None,
        "alt": "",
        "reason": "it is not a JPEG, PNG or WebP picture",
    }


@pytest.mark.parametrize("forged", ["00000000-0000-0000-0000-000000000000", "6d0f2c0e-8a9b-4c3d-9e1f-0a1b2c3d4e5f"])
def test_unknown_photos_are_404(client, person, forged):
    headers = person("ana")
    assert error_of(client.get(f"/api/media/{forged}", headers=headers)) == (404, "media_not_found", None)
    assert error_of(client.put(f"/api/media/{forged}", json={"alt": "x"}, headers=headers)) == (
        404,
        "media_not_found",
        None,
    )


@pytest.mark.parametrize(
    "bad", ["not-a-uuid", "{6d0f2c0e-8a9b-4c3d-9e1f-0a1b2c3d4e5f}", "6d0f2c0e8a9b4c3d9e1f0a1b2c3d4e5f"]
)
def test_a_malformed_uuid_is_a_400(client, person, bad):
    assert error_of(client.get(f"/api/media/{bad}", headers=person("ana"))) == (400, "invalid_uuid", "uuid")


@pytest.mark.parametrize(
    "alt, stored",
    [
        ("A red square on white", "A red square on white"),
        ("  padded  ", "padded"),
        ("", ""),
        ("👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽", "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽"),
        ("مربع أحمر", "مربع أحمر"),
        ("e\u0301", "\u00e9"),
        ("x" * 1500, "x" * 1500),
    ],
)
def test_the_uploader_describes_a_photo(client, person, upload, alt, stored):
    ana = person("ana")
    uuid = upload(ana)
    response = client.put(f"/api/media/{uuid}", json={"alt": alt}, headers=ana)
    assert response.status_code == 200 and response.json["alt"] == stored
    assert client.get(f"/api/media/{uuid}", headers=ana).json["alt"] == stored


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"alt": "x" * 1501}, ("alt_too_long", "alt")),
        ({"alt": "nul\u0000inside"}, ("invalid_characters", "alt")),
        ({"alt": 5}, ("invalid_type", "alt")),
        ({}, ("missing_field", "alt")),
    ],
)
def test_bad_alt_text_is_a_400(client, person, upload, body, expected):
    ana = person("ana")
    uuid = upload(ana, process=False)
    assert error_of(client.put(f"/api/media/{uuid}", json=body, headers=ana)) == (400, *expected)


def test_a_lone_surrogate_in_alt_text_is_a_400(client, person, upload):
    ana = person("ana")
    uuid = upload(ana, process=False)
    raw = b'{"alt": "broken \\ud800 text"}'
    response = client.put(f"/api/media/{uuid}", data=raw, content_type="application/json", headers=ana)
    assert error_of(response) == (400, "invalid_characters", "alt")


def test_only_the_uploader_describes_and_only_until_posted(client, person, upload):
    ana, ben = person("ana"), person("ben")
    uuid = upload(ana)
    assert error_of(client.put(f"/api/media/{uuid}", json={"alt": "mine now"}, headers=ben)) == (
        404,
        "media_not_found",
        None,
    )
    assert post_crud(client, ana, [uuid]).status_code == 201
    assert error_of(client.put(f"/api/media/{uuid}", json={"alt": "mine now"}, headers=ben)) == (
        403,
        "not_uploader",
        None,
    )
    assert error_of(client.put(f"/api/media/{uuid}", json={"alt": "changed"}, headers=ana)) == (
        403,
        "media_posted",
        None,
    )


# --- posting ---


def test_photos_alone_make_a_crud_in_the_order_given(client, person, upload):
    ana = person("ana")
    uuids = [upload(ana, png(colour)) for colour in (RED, BLUE, (0, 255, 0), (9, 9, 9))]
    order = [uuids[2], uuids[0], uuids[3], uuids[1]]
    client.put(f"/api/media/{order[0]}", json={"alt": "first"}, headers=ana)

    response = post_crud(client, ana, order)

    assert response.status_code == 201
    crud = response.json
    assert crud["message"] == ""
    assert [m["uuid"] for m in crud["media"]] == order
    assert crud["media"][0]["alt"] == "first"
    assert all(m["status"] == "ready" and m["url"] and m["preview_url"] for m in crud["media"])
    status = client.get(f"/api/activities/@ana/status/{crud['uuid']}").json["activity"]
    assert [m["uuid"] for m in status["media"]] == order


def test_a_crud_with_neither_text_nor_photos_is_refused(client, person):
    ana = person("ana")
    assert error_of(post_crud(client, ana, [])) == (400, "message_blank", "message")
    assert error_of(post_crud(client, ana, None)) == (400, "message_blank", "message")


def test_someone_elses_photo_cannot_be_posted(client, person, upload):
    ana, ben = person("ana"), person("ben")
    uuid = upload(ana)
    assert error_of(post_crud(client, ben, [uuid], "stolen")) == (400, "invalid_media", "media")
    assert client.get(f"/api/media/{uuid}", headers=ana).json["status"] == "ready"
    assert post_crud(client, ana, [uuid]).status_code == 201, "still Ana's to post"


def test_an_already_posted_photo_cannot_be_posted_again(client, person, upload):
    ana = person("ana")
    uuid = upload(ana)
    first = post_crud(client, ana, [uuid], "first")
    assert error_of(post_crud(client, ana, [uuid], "second")) == (400, "invalid_media", "media")
    parent = first.json["uuid"]
    reply = client.post(f"/api/activities/{parent}/reply", json={"message": "again", "media": [uuid]}, headers=ana)
    assert error_of(reply) == (400, "invalid_media", "media")


def test_a_failed_photo_cannot_be_posted_and_a_processing_one_not_yet(client, person, upload):
    ana = person("ana")
    failed = upload(ana, b"not a picture")
    processing = upload(ana, process=False)
    assert error_of(post_crud(client, ana, [failed], "x")) == (400, "invalid_media", "media")
    assert error_of(post_crud(client, ana, [processing], "x")) == (409, "media_not_ready", "media")
    assert client.get("/api/activities/@ana", headers=ana).json["items"] == [], "nothing was posted"


def test_unknown_duplicate_and_too_many_photos_are_refused(client, person, upload):
    ana = person("ana")
    uuids = [upload(ana) for _ in range(5)]
    for media in (
        uuids,
        [uuids[0], uuids[0]],
        [uuids[0], uuids[0].upper()],
        ["00000000-0000-0000-0000-000000000000"],
        ["not-a-uuid"],
        [7],
        [None],
        [[uuids[0]]],
    ):
        assert error_of(post_crud(client, ana, media, "x")) == (400, "invalid_media", "media"), media
    assert error_of(post_crud(client, ana, uuids[0], "x")) == (400, "invalid_type", "media")
    assert error_of(post_crud(client, ana, {"0": uuids[0]}, "x")) == (400, "invalid_type", "media")
    assert post_crud(client, ana, uuids[:4]).status_code == 201


def test_an_old_unposted_photo_cannot_be_posted(client, person, upload, sql):
    ana = person("ana")
    uuid = upload(ana)
    sql("UPDATE media SET created_at = now() - interval '25 hours' WHERE uuid = %s", (uuid,))
    assert error_of(post_crud(client, ana, [uuid], "x")) == (400, "invalid_media", "media")


def test_a_reply_may_carry_photos(client, person, upload):
    ana, ben = person("ana"), person("ben")
    parent = post_crud(client, ana, None, "Show me").json["uuid"]
    uuid = upload(ben)
    reply = client.post(f"/api/activities/{parent}/reply", json={"message": "", "media": [uuid]}, headers=ben)
    assert reply.status_code == 201 and [m["uuid"] for m in reply.json["media"]] == [uuid]
    replies = client.get(f"/api/activities/@ana/status/{parent}").json["items"]
    assert [m["uuid"] for m in replies[0]["media"]] == [uuid]


def test_a_posted_photo_is_seen_by_anyone_while_its_crud_lives(client, person, upload, sql):
    ana, ben = person("ana"), person("ben")
    uuid = upload(ana)
    crud = post_crud(client, ana, [uuid], "look").json
    photo = client.get(f"/api/media/{uuid}", headers=ben).json
    assert photo["uuid"] == uuid and requests.get(photo["url"], timeout=5).status_code == 200

    sql(
        "UPDATE activities SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' "
        "WHERE uuid = %s",
        (crud["uuid"],),
    )
    for viewer in (ana, ben):
        assert error_of(client.get(f"/api/media/{uuid}", headers=viewer)) == (404, "media_not_found", None)


def test_every_list_carries_media(client, person, upload, sql):
    ana, ben = person("ana"), person("ben")
    client.post("/api/users/@ana/follow", headers=ben)
    uuid = upload(ana)
    with_photo = post_crud(client, ana, [uuid], "#photos by @ben").json
    plain = post_crud(client, ana, None, "#photos words only").json
    client.post(f"/api/activities/{with_photo['uuid']}/like", headers=ben)

    pages = {
        "home": client.get("/api/activities/home", headers=ben).json["items"],
        "explore": client.get("/api/activities/explore").json["items"],
        "profile": client.get("/api/activities/@ana", headers=ben).json["items"],
        "search": client.get("/api/activities/search?term=%23photos").json["items"],
    }
    for name, items in pages.items():
        by_uuid = {item["uuid"]: item for item in items}
        assert [m["uuid"] for m in by_uuid[with_photo["uuid"]]["media"]] == [uuid], name
        assert by_uuid[plain["uuid"]]["media"] == [], name
    notifications = client.get("/api/activities/notifications", headers=ben).json["items"]
    mention = next(n for n in notifications if n["type"] == "mention")
    assert [m["uuid"] for m in mention["activity"]["media"]] == [uuid]
    liked = client.post(f"/api/activities/{with_photo['uuid']}/like", headers=ben).json
    assert [m["uuid"] for m in liked["media"]] == [uuid]


def test_a_page_of_cruds_reads_its_photos_in_one_statement(app, client, person, upload):
    ana = person("ana")
    for _ in range(3):
        post_crud(client, ana, [upload(ana)])
    names = []
    db = app.extensions["db"]
    db.around_statement = lambda name: names.append(name) or nullcontext()
    assert len(client.get("/api/activities/explore?limit=20").json["items"]) == 3
    assert names.count("media/for_cruds") == 1


# --- lifetime ---


@pytest.mark.slow  # waits for a signed URL to expire
def test_a_photos_url_ends_with_its_crud(client, person, upload, sql):
    ana = person("ana")
    crud = post_crud(client, ana, [upload(ana)], "short-lived").json
    sql("UPDATE activities SET expires_at = now() + interval '2 seconds' WHERE uuid = %s", (crud["uuid"],))

    shown = client.get(f"/api/activities/@ana/status/{crud['uuid']}").json["activity"]
    copied, expires_at = shown["media"][0], datetime.fromisoformat(shown["expires_at"])
    for url in (copied["url"], copied["preview_url"]):
        query = parse_qs(urlparse(url).query)
        signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        assert signed_at + timedelta(seconds=int(query["X-Amz-Expires"][0])) <= expires_at
        assert requests.get(url, timeout=5).status_code == 200, "works before the crud expires"

    time.sleep(max(0, (expires_at - datetime.now(UTC)).total_seconds()) + 1.1)
    for url in (copied["url"], copied["preview_url"]):
        gone = requests.get(url, timeout=5)
        assert gone.status_code == 403 and b"Request has expired" in gone.content, "a copied URL dies with it"


def test_an_s3_url_lives_until_the_crud_expires_or_7_days(config):
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    signer = S3PresignedUrls(config, clock=lambda: now)
    assert signer.expires_in(now + timedelta(hours=1, milliseconds=999)) == 3600
    assert signer.expires_in(now + timedelta(days=30)) == MAX_S3_SECONDS
    assert signer.expires_in(now + timedelta(milliseconds=10)) == 1


def test_a_url_signed_lately_for_the_same_photo_and_expiry_is_answered_again_within_its_age(config):
    # The S3 signer's clock says how long a URL lives (X-Amz-Expires): a URL signed again differs.
    clock = {"now": datetime(2026, 11, 27, 10, 0, tzinfo=UTC), "monotonic": 0.0}
    s3_signer = S3PresignedUrls(config, clock=lambda: clock["now"])
    signer = RecentlySignedUrls(s3_signer, size=2, max_age_seconds=60, monotonic=lambda: clock["monotonic"])
    crud_expiry = clock["now"] + timedelta(hours=1)
    lives = lambda url: int(parse_qs(urlparse(url).query)["X-Amz-Expires"][0])  # noqa: E731

    def later(seconds):
        clock["now"] += timedelta(seconds=seconds)
        clock["monotonic"] += seconds

    first = signer.url("media/u/a-640.webp", crud_expiry)
    assert lives(first) == 3600
    later(30)
    assert signer.url("media/u/a-640.webp", crud_expiry) == first, "the same photo and expiry: signed once"
    assert lives(signer.url("media/u/a-640.webp", crud_expiry + timedelta(hours=1))) == 7200 - 30, "another expiry"

    later(31)
    renewed = signer.url("media/u/a-640.webp", crud_expiry)
    assert lives(renewed) == 3600 - 61, "past its age a URL is signed anew, still ending by the crud's expiry"

    signer.url("media/u/b-640.webp", crud_expiry)
    signer.url("media/u/c-640.webp", crud_expiry)
    later(1)
    assert lives(signer.url("media/u/a-640.webp", crud_expiry)) == 3600 - 62, "2 kept: the least recent went"


def test_cloudfront_urls_are_signed_to_end_at_the_crud_and_verify_with_the_public_key(config):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    cloudfront = config.with_overrides(
        media_urls="cloudfront",
        media_base_url="https://assets.example.com",
        cloudfront_key_pair_id="K2JCJMDEHXQW5F",
        cloudfront_private_key_secret="cruddur/test/media-signing-key",
    ).validate()
    expires_at = datetime(2026, 12, 1, 9, 30, 15, 700000, tzinfo=UTC)

    url = CloudFrontSignedUrls(cloudfront, private_key_pem=pem).url("media/u/p-2048.webp", expires_at)

    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    resource = f"{parsed.scheme}://{parsed.netloc}{parsed.path}"
    assert resource == "https://assets.example.com/media/u/p-2048.webp"
    assert query["Key-Pair-Id"] == ["K2JCJMDEHXQW5F"]
    assert int(query["Expires"][0]) == int(expires_at.timestamp()) <= expires_at.timestamp()
    policy = json.dumps(
        {
            "Statement": [
                {"Resource": resource, "Condition": {"DateLessThan": {"AWS:EpochTime": int(query["Expires"][0])}}}
            ]
        },
        separators=(",", ":"),
    ).encode()
    signature = base64.b64decode(query["Signature"][0].replace("-", "+").replace("_", "=").replace("~", "/"))
    key.public_key().verify(signature, policy, padding.PKCS1v15(), hashes.SHA1())  # raises if it does not verify
    later = policy.replace(query["Expires"][0].encode(), str(int(query["Expires"][0]) + 3600).encode())
    with pytest.raises(InvalidSignature):
        key.public_key().verify(signature, later, padding.PKCS1v15(), hashes.SHA1())


def test_the_cloudfront_key_is_read_from_secrets_manager(config):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    secrets = boto3.client("secretsmanager", endpoint_url=config.aws_endpoint_url, region_name=config.aws_region)
    name = f"cruddur/test/media-signing-key-{time.time_ns()}"
    secrets.create_secret(Name=name, SecretString=pem.decode())
    cloudfront = config.with_overrides(
        media_urls="cloudfront",
        media_base_url="https://assets.example.com",
        cloudfront_key_pair_id="K2JCJMDEHXQW5F",
        cloudfront_private_key_secret=name,
    )
    signer = CloudFrontSignedUrls(cloudfront)
    assert signer.private_key.public_key().public_numbers() == key.public_key().public_numbers()


def media_keys(config):
    s3 = boto3.client("s3", endpoint_url=config.aws_endpoint_url, region_name=config.aws_region)
    listed = {}
    for bucket in (config.uploads_bucket, config.media_bucket):
        listed[bucket] = sorted(
            o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="media/").get("Contents", [])
        )
    return listed


def files_of(config, sql, uuids):
    rows = sql("SELECT full_key, preview_key FROM media WHERE uuid = ANY(%s::uuid[])", (uuids,))
    return {key for row in rows for key in row}


def test_deleting_a_crud_deletes_its_photos_and_its_replies_photos_at_once(client, person, upload, config, sql):
    ana, ben = person("ana"), person("ben")
    mine, theirs, kept = upload(ana), upload(ben), upload(ana)
    parent = post_crud(client, ana, [mine], "parent").json["uuid"]
    client.post(f"/api/activities/{parent}/reply", json={"message": "", "media": [theirs]}, headers=ben)
    post_crud(client, ana, [kept], "another")
    doomed = files_of(config, sql, [mine, theirs])
    kept_files = files_of(config, sql, [kept])
    assert doomed <= set(media_keys(config)[config.media_bucket])

    assert client.delete(f"/api/activities/{parent}", headers=ana).status_code == 204

    left = set(media_keys(config)[config.media_bucket])
    assert not doomed & left and kept_files <= left
    assert sql("SELECT uuid::text FROM media") == [(kept,)]


def test_the_purge_deletes_expired_cruds_photos_and_photos_never_posted_after_a_day(
    app, client, person, upload, config, sql
):
    ana = person("ana")
    expired, live, fresh, stale = upload(ana), upload(ana), upload(ana), upload(ana)
    doomed_crud = post_crud(client, ana, [expired], "going").json["uuid"]
    post_crud(client, ana, [live], "staying")
    sql(
        "UPDATE activities SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 minute' "
        "WHERE uuid = %s",
        (doomed_crud,),
    )
    # Time moves for the photo never posted: uploaded a day and a minute ago.
    sql("UPDATE media SET created_at = now() - interval '1 day 1 minute' WHERE uuid = %s", (stale,))
    doomed = files_of(config, sql, [expired, stale])
    kept = files_of(config, sql, [live, fresh])

    assert purge_expired(app.extensions["db"], batch_size=1, media_files=app.extensions["media_files"]) == 1

    left = set(media_keys(config)[config.media_bucket])
    assert not doomed & left and kept <= left
    assert sorted(r[0] for r in sql("SELECT uuid::text FROM media")) == sorted([live, fresh])


def test_the_purge_deletes_the_upload_of_a_photo_never_processed(app, client, person, upload, config, sql):
    ana = person("ana")
    uuid = upload(ana, process=False)
    me = client.get("/api/users/me", headers=ana).json["uuid"]
    assert f"media/{me}/{uuid}" in media_keys(config)[config.uploads_bucket]
    sql("UPDATE media SET created_at = now() - interval '25 hours' WHERE uuid = %s", (uuid,))
    purge_expired(app.extensions["db"], batch_size=10, media_files=app.extensions["media_files"])
    assert f"media/{me}/{uuid}" not in media_keys(config)[config.uploads_bucket]
    assert sql("SELECT 1 FROM media WHERE uuid = %s", (uuid,)) == []


def test_posting_tags_the_files_so_the_lifecycle_rule_leaves_them(client, person, upload, config, sql):
    ana = person("ana")
    uuid = upload(ana)
    s3 = boto3.client("s3", endpoint_url=config.aws_endpoint_url, region_name=config.aws_region)
    keys = files_of(config, sql, [uuid])
    tags = lambda key: s3.get_object_tagging(Bucket=config.media_bucket, Key=key)["TagSet"]  # noqa: E731
    assert all(tags(k) == [{"Key": "cruddur-media", "Value": "unposted"}] for k in keys)
    post_crud(client, ana, [uuid])
    assert all(tags(k) == [{"Key": "cruddur-media", "Value": "posted"}] for k in keys)


@pytest.mark.slow  # runs the worker
def test_an_upload_is_processed_through_the_queue_and_the_worker(client, person, config, monkeypatch):
    """The local path end to end: the browser's POST, the bucket's event through the queue, the worker routing
    it by prefix to the media handler (bin/dev runs the same)."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", config.aws_endpoint_url)
    monkeypatch.setenv("ASSETS_BUCKET", aws.ASSETS_BUCKET)
    monkeypatch.setenv("MEDIA_BUCKET", config.media_bucket)
    monkeypatch.setenv("DATABASE_URL", config.database_url)
    media_handler._s3.cache_clear()
    stopped = threading.Event()
    thread = threading.Thread(target=worker.Worker(worker.pollers(config)).run, args=(stopped,), daemon=True)
    thread.start()
    try:
        ana = person("ana")
        data = png(BLUE, (900, 700))
        post = presign(client, ana, "image/png", len(data)).json
        sent = requests.post(post["url"], data=post["fields"], timeout=5, files={"file": ("p.png", data, "image/png")})
        assert sent.status_code == 204
        deadline = time.monotonic() + 15
        while (photo := client.get(f"/api/media/{post['media_uuid']}", headers=ana).json)["status"] == "processing":
            assert time.monotonic() < deadline, "the worker did not process the photo in time"
            time.sleep(0.2)
        assert (photo["status"], photo["width"], photo["height"]) == ("ready", 900, 700)
        assert Image.open(io.BytesIO(requests.get(photo["preview_url"], timeout=5).content)).size == (640, 498)
    finally:
        stopped.set()
        thread.join(timeout=5)
        media_handler._s3.cache_clear()
