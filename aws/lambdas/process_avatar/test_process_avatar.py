"""The avatar handler on moto's S3 (in process) and the real PostgreSQL, with pictures made by Pillow and
events shaped as S3 sends them."""

import io
import os
import secrets
import uuid

import boto3
import psycopg
import pytest
from moto import mock_aws
from PIL import Image

from lambda_common.database import database_url
from process_avatar import handler

REGION = "us-east-1"
UPLOADS = "cruddur-uploads-test"
ASSETS = "cruddur-assets-test"
OLD_AVATAR = "avatars/old/0123-512.webp"
RED, BLUE = (255, 0, 0), (0, 0, 255)


@pytest.fixture
def s3(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("ASSETS_BUCKET", ASSETS)
    handler._s3.cache_clear()
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=UPLOADS)
        client.create_bucket(Bucket=ASSETS)
        yield client
    handler._s3.cache_clear()


@pytest.fixture
def person(database):
    """A users row with an avatar already; answers its uuid."""
    with psycopg.connect(database) as conn:
        return str(
            conn.execute(
                "INSERT INTO users (cognito_user_id, handle, email, display_name, avatar_key) "
                "VALUES ('sub-ana', 'ana', 'ana@example.com', 'Ana', %s) RETURNING uuid",
                (OLD_AVATAR,),
            ).fetchone()[0]
        )


def avatar_key_of(database, user_uuid):
    with psycopg.connect(database) as conn:
        return conn.execute("SELECT avatar_key FROM users WHERE uuid = %s", (user_uuid,)).fetchone()[0]


def picture(fmt, size=(800, 600), mode="RGB", colour=RED, **save_options):
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save_options)
    return out.getvalue()


def halves(size, left, right):
    """A picture whose left half is one colour and right half another."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def close(colour, expected):
    """Equal but for what lossy compression changes."""
    return all(abs(a - b) < 40 for a, b in zip(colour, expected))


def upload(s3, user_uuid, data):
    """Puts `data` where the API would have sent it, recorded as the API records the uploads it presigns;
    answers the key."""
    upload_id = secrets.token_hex(16)
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:  # the database fixture's
        conn.execute(
            "INSERT INTO avatar_uploads (upload_id, user_uuid) SELECT %s, uuid FROM users WHERE uuid = %s",
            (upload_id, user_uuid),
        )
    key = f"uploads/{user_uuid}/{upload_id}"
    s3.put_object(Bucket=UPLOADS, Key=key, Body=data)
    return key


def outcome(database, key):
    """(status, reason) of the upload at `key`, as GET /api/avatars/{upload_id} answers it."""
    with psycopg.connect(database) as conn:
        return conn.execute(
            "SELECT status, reason FROM avatar_uploads WHERE upload_id = %s", (key.rsplit("/", 1)[1],)
        ).fetchone()


def s3_event(*keys, bucket=UPLOADS):
    """An ObjectCreated event as S3 delivers it: one record per object, keys URL-encoded."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventName": "ObjectCreated:Post",
                "eventTime": "2026-11-27T10:00:00.000Z",
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "avatars",
                    "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {"key": key, "size": 1, "eTag": "0"},
                },
            }
            for key in keys
        ]
    }


def served(s3, key):
    obj = s3.get_object(Bucket=ASSETS, Key=key)
    return obj, Image.open(io.BytesIO(obj["Body"].read()))


def uploads_left(s3):
    return [obj["Key"] for obj in s3.list_objects_v2(Bucket=UPLOADS).get("Contents", [])]


@pytest.mark.parametrize(
    "fmt, mode, colour", [("JPEG", "RGB", RED), ("PNG", "RGBA", (255, 0, 0, 128)), ("WEBP", "RGB", RED)]
)
def test_a_picture_becomes_the_avatar_in_both_sizes(s3, database, person, fmt, mode, colour):
    key = upload(s3, person, picture(fmt, mode=mode, colour=colour))
    handler.handler(s3_event(key), None)

    avatar_key = avatar_key_of(database, person)
    assert avatar_key == f"avatars/{person}/{key.rsplit('/', 1)[1]}-512.webp"
    assert outcome(database, key) == ("ready", None)
    for size in (512, 128):
        obj, image = served(s3, avatar_key.replace("-512.webp", f"-{size}.webp"))
        assert (image.format, image.size, image.mode) == ("WEBP", (size, size), mode)
        assert obj["ContentType"] == "image/webp"
        assert obj["CacheControl"] == "public, max-age=31536000, immutable"
    assert uploads_left(s3) == []


def test_every_new_picture_gets_a_new_key(s3, database, person):
    handler.handler(s3_event(upload(s3, person, picture("PNG"))), None)
    first = avatar_key_of(database, person)
    handler.handler(s3_event(upload(s3, person, picture("PNG"))), None)
    assert avatar_key_of(database, person) not in (first, OLD_AVATAR)


def test_a_new_picture_deletes_the_files_of_the_one_it_replaces(s3, database, person):
    handler.handler(s3_event(upload(s3, person, picture("PNG"))), None)
    first = avatar_key_of(database, person)
    handler.handler(s3_event(upload(s3, person, picture("JPEG"))), None)
    second = avatar_key_of(database, person)
    assets = {obj["Key"] for obj in s3.list_objects_v2(Bucket=ASSETS).get("Contents", [])}
    assert assets == {second, second.replace("-512.webp", "-128.webp")}, "both sizes of the first are gone"
    assert first not in assets


def test_an_avatar_this_handler_did_not_make_is_left_alone(s3, database, person):
    s3.put_object(Bucket=ASSETS, Key=OLD_AVATAR, Body=b"made elsewhere")
    handler.handler(s3_event(upload(s3, person, picture("PNG"))), None)
    assert s3.get_object(Bucket=ASSETS, Key=OLD_AVATAR)["Body"].read() == b"made elsewhere"


def test_exif_orientation_is_applied_and_metadata_dropped(s3, database, person):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    exif[0x010F] = "Camera Maker"  # Make
    out = io.BytesIO()
    halves((300, 200), RED, BLUE).save(out, "JPEG", exif=exif, quality=95)

    handler.handler(s3_event(upload(s3, person, out.getvalue())), None)

    _, image = served(s3, avatar_key_of(database, person))
    # Turned upright the left half (red) is on top; center-cropped, the square is red above, blue below.
    assert close(image.getpixel((256, 60)), RED) and close(image.getpixel((256, 450)), BLUE)
    assert not image.getexif() and "icc_profile" not in image.info and "xmp" not in image.info


def test_the_square_is_cut_from_the_middle(s3, database, person):
    wide = Image.new("RGB", (900, 300), BLUE)
    wide.paste(RED, (300, 0, 600, 300))  # only the middle third is red
    out = io.BytesIO()
    wide.save(out, "PNG")

    handler.handler(s3_event(upload(s3, person, out.getvalue())), None)

    _, image = served(s3, avatar_key_of(database, person))
    assert close(image.getpixel((5, 5)), RED) and close(image.getpixel((506, 506)), RED)


def truncated(fmt):
    """The first half of a noisy picture (noise, so that half is not the whole of it compressed)."""
    out = io.BytesIO()
    Image.effect_noise((800, 600), 64).convert("RGB").save(out, fmt)
    return out.getvalue()[: out.tell() // 2]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"just some text, named avatar.png by its sender\n", id="text named .png"),
        pytest.param(truncated("JPEG"), id="truncated jpeg"),
        pytest.param(truncated("PNG"), id="truncated png"),
        pytest.param(picture("GIF"), id="gif (not an allowed format)"),
        pytest.param(picture("PNG", size=(6000, 5000), mode="1", colour=0), id="over the pixel limit"),
        pytest.param(picture("PNG", size=(12000, 12000), mode="1", colour=0), id="decompression bomb"),
        pytest.param(b"\xff\xd8\xff" + bytes(5 * 1024 * 1024), id="over 5 MB"),
    ],
)
def test_a_bad_upload_is_discarded_and_the_old_avatar_stays(s3, database, person, data, caplog):
    key = upload(s3, person, data)
    handler.handler(s3_event(key), None)

    assert avatar_key_of(database, person) == OLD_AVATAR
    assert uploads_left(s3) == []
    assert s3.list_objects_v2(Bucket=ASSETS).get("KeyCount") == 0
    assert f"discarding upload {key}" in caplog.text
    status, reason = outcome(database, key)
    assert status == "failed" and reason.startswith("it ")


def test_a_key_the_api_did_not_make_is_discarded(s3, database, person, caplog):
    s3.put_object(Bucket=UPLOADS, Key="uploads/someone/avatar.png", Body=picture("PNG"))
    handler.handler(s3_event("uploads/someone/avatar.png"), None)
    assert uploads_left(s3) == [] and avatar_key_of(database, person) == OLD_AVATAR
    assert "not a key the API hands out" in caplog.text


def test_a_redelivered_event_changes_nothing(s3, database, person):
    event = s3_event(upload(s3, person, picture("PNG")))
    handler.handler(event, None)
    avatar_key = avatar_key_of(database, person)
    handler.handler(event, None)
    assert avatar_key_of(database, person) == avatar_key


def test_a_picture_of_someone_gone_is_not_recorded(s3, database, caplog):
    handler.handler(s3_event(upload(s3, uuid.uuid4(), picture("PNG"))), None)
    assert uploads_left(s3) == [] and "is not recorded" in caplog.text


def test_a_failing_record_fails_the_invocation_after_the_others_are_done(s3, database, person):
    good = upload(s3, person, picture("PNG"))
    event = s3_event(good)
    event["Records"].insert(0, s3_event("uploads/x", bucket="no-such-bucket")["Records"][0])

    with pytest.raises(RuntimeError, match="1 of 2 uploads failed: uploads/x"):
        handler.handler(event, None)
    assert avatar_key_of(database, person).startswith(f"avatars/{person}/")


def test_database_down_keeps_the_upload_for_a_retry(s3, database, person, monkeypatch, tmp_path):
    key = upload(s3, person, picture("PNG"))
    monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@/x?host={tmp_path}")
    database_url.cache_clear()
    with pytest.raises(RuntimeError, match=key):
        handler.handler(s3_event(key), None)
    assert uploads_left(s3) == [key]
