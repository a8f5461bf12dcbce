"""The media handler on moto's S3 (in process) and the real PostgreSQL, with photos made by Pillow and events
shaped as S3 sends them."""

import io
import os
import struct
import uuid

import boto3
import psycopg
import pytest
from moto import mock_aws
from PIL import Image, ImageCms

from process_media import handler

REGION = "us-east-1"
UPLOADS = "cruddur-uploads-test"
MEDIA = "cruddur-media-test"
RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)


@pytest.fixture
def s3(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("MEDIA_BUCKET", MEDIA)
    handler._s3.cache_clear()
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=UPLOADS)
        client.create_bucket(Bucket=MEDIA)
        yield client
    handler._s3.cache_clear()


@pytest.fixture
def person(database):
    with psycopg.connect(database) as conn:
        return str(
            conn.execute(
                "INSERT INTO users (cognito_user_id, handle, email, display_name) "
                "VALUES ('sub-ana', 'ana', 'ana@example.com', 'Ana') RETURNING uuid"
            ).fetchone()[0]
        )


def upload(s3, user_uuid, data):
    """Puts `data` where the API would have sent it, with the media row the API makes when it presigns;
    answers (key, media uuid)."""
    media_uuid = str(uuid.uuid4())
    key = f"media/{user_uuid}/{media_uuid}"
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:  # the database fixture's
        conn.execute(
            "INSERT INTO media (uuid, user_uuid, original_key) VALUES (%s, %s, %s)", (media_uuid, user_uuid, key)
        )
    s3.put_object(Bucket=UPLOADS, Key=key, Body=data)
    return key, media_uuid


def row_of(database, media_uuid):
    with psycopg.connect(database) as conn:
        conn.row_factory = psycopg.rows.dict_row
        return conn.execute("SELECT * FROM media WHERE uuid = %s", (media_uuid,)).fetchone()


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
                    "configurationId": "media",
                    "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {"key": key, "size": 1, "eTag": "0"},
                },
            }
            for key in keys
        ]
    }


def process(s3, database, person, data):
    """Uploads `data`, runs the handler on its event; answers the media row after."""
    key, media_uuid = upload(s3, person, data)
    handler.handler(s3_event(key), None)
    return row_of(database, media_uuid)


def served(s3, key):
    obj = s3.get_object(Bucket=MEDIA, Key=key)
    data = obj["Body"].read()
    return obj, data, Image.open(io.BytesIO(data))


def keys_in(s3, bucket):
    return sorted(obj["Key"] for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []))


def encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def close(colour, expected, tolerance=40):
    """Equal but for what lossy compression changes."""
    return all(abs(a - b) < tolerance for a, b in zip(colour, expected))


def no_metadata(data, image):
    """Nothing but pixels: no EXIF, XMP or colour profile, in Pillow's reading and in the WebP's chunks."""
    return (
        not image.getexif()
        and not {"icc_profile", "exif", "xmp"} & set(image.info)
        and not any(chunk in data for chunk in (b"EXIF", b"ICCP", b"XMP "))
    )


@pytest.mark.parametrize(
    "fmt, mode, colour",
    [("JPEG", "RGB", RED), ("PNG", "RGBA", (255, 0, 0, 128)), ("PNG", "P", RED), ("WEBP", "RGB", RED)],
)
def test_each_format_becomes_a_ready_photo_in_two_webp_sizes(s3, database, person, fmt, mode, colour):
    key, media_uuid = upload(s3, person, encoded(Image.new(mode, (800, 600), colour), fmt))
    handler.handler(s3_event(key), None)

    row = row_of(database, media_uuid)
    assert (row["status"], row["reason"], row["width"], row["height"]) == ("ready", None, 800, 600)
    assert row["full_key"] == f"media/{person}/{media_uuid}-2048.webp"
    assert row["preview_key"] == f"media/{person}/{media_uuid}-640.webp"
    expected_mode = "RGBA" if mode == "RGBA" else "RGB"
    for served_key, size in ((row["full_key"], (800, 600)), (row["preview_key"], (640, 480))):
        obj, data, image = served(s3, served_key)
        assert (image.format, image.size, image.mode) == ("WEBP", size, expected_mode)
        assert close(image.getpixel((10, 10)), colour if mode != "P" else RED)
        assert obj["ContentType"] == "image/webp" and no_metadata(data, image)
        tags = s3.get_object_tagging(Bucket=MEDIA, Key=served_key)["TagSet"]
        assert tags == [{"Key": "cruddur-media", "Value": "unposted"}], "the lifecycle rule may take it until posted"
    assert keys_in(s3, UPLOADS) == [], "the original, metadata and all, is deleted"


@pytest.mark.parametrize(
    "size, full, preview",
    [
        ((4000, 3000), (2048, 1536), (640, 480)),
        ((1000, 5000), (410, 2048), (128, 640)),
        ((2048, 2048), (2048, 2048), (640, 640)),
        ((300, 200), (300, 200), (300, 200)),
    ],
)
def test_the_longest_side_is_at_most_2048_and_640_and_never_enlarged(s3, database, person, size, full, preview):
    row = process(s3, database, person, encoded(Image.new("RGB", size, GREEN), "JPEG"))
    assert (row["width"], row["height"]) == full
    assert served(s3, row["full_key"])[2].size == full
    assert served(s3, row["preview_key"])[2].size == preview


def halves(size, left, right):
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def test_exif_orientation_is_applied_and_gps_and_every_other_tag_removed(s3, database, person):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    exif[0x010F] = "Camera Maker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    data = encoded(halves((300, 200), RED, BLUE), "JPEG", exif=exif, quality=95)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)[1] == "N", "the upload carries a location"

    row = process(s3, database, person, data)

    assert (row["width"], row["height"]) == (200, 300), "turned upright"
    for served_key in (row["full_key"], row["preview_key"]):
        _, served_data, image = served(s3, served_key)
        # Upright the left half (red) is on top.
        w, h = image.size
        assert close(image.getpixel((w // 2, h // 8)), RED) and close(image.getpixel((w // 2, h - h // 8)), BLUE)
        assert no_metadata(served_data, image)
        assert b"Camera Maker" not in served_data


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def swapped_primaries_profile():
    """A minimal ICC v2 RGB display profile whose red and blue primaries are sRGB's blue and red: a pixel
    that says (255, 0, 0) in it is blue. (Pillow makes no RGB profile but sRGB, so the test writes one.)"""
    d50 = (0.9642, 1.0, 0.8249)
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    xyz = lambda v: b"XYZ " + bytes(4) + b"".join(_s15(c) for c in v)  # noqa: E731
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)  # gamma 2.2, padded to 4 bytes
    tags = [
        (b"wtpt", xyz(d50)),
        (b"rXYZ", xyz(blue)),
        (b"gXYZ", xyz(green)),
        (b"bXYZ", xyz(red)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset, entries, body = 128 + table_size, b"", b""
    for signature, data in tags:
        entries += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = 128 + table_size + len(body)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + bytes(28)
        + b"".join(_s15(c) for c in d50)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + entries + body


def test_the_colour_profile_is_converted_to_srgb_and_dropped(s3, database, person):
    profile = swapped_primaries_profile()
    ImageCms.ImageCmsProfile(io.BytesIO(profile))  # a profile lcms takes
    data = encoded(Image.new("RGB", (400, 300), RED), "PNG", icc_profile=profile)

    row = process(s3, database, person, data)

    assert row["status"] == "ready"
    _, served_data, image = served(s3, row["full_key"])
    assert close(image.getpixel((10, 10)), BLUE, tolerance=60), image.getpixel((10, 10))
    assert no_metadata(served_data, image)


def test_an_srgb_profile_leaves_the_colours_as_they_are(s3, database, person):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    row = process(s3, database, person, encoded(Image.new("RGB", (400, 300), (200, 120, 40)), "JPEG", icc_profile=srgb))
    _, served_data, image = served(s3, row["full_key"])
    assert close(image.getpixel((10, 10)), (200, 120, 40), tolerance=12)
    assert no_metadata(served_data, image)


def test_a_damaged_colour_profile_is_ignored_not_fatal(s3, database, person):
    row = process(s3, database, person, encoded(Image.new("RGB", (40, 30), RED), "PNG", icc_profile=b"not a profile"))
    assert row["status"] == "ready"
    assert close(served(s3, row["full_key"])[2].getpixel((5, 5)), RED)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_an_animated_picture_becomes_its_first_frame(s3, database, person, fmt):
    frames = [Image.new("RGB", (200, 100), colour) for colour in (RED, GREEN, BLUE)]
    data = encoded(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 3

    row = process(s3, database, person, data)

    assert row["status"] == "ready"
    _, _, image = served(s3, row["full_key"])
    assert getattr(image, "n_frames", 1) == 1 and not getattr(image, "is_animated", False)
    assert close(image.getpixel((10, 10)), RED)


def truncated(fmt):
    """The first half of a noisy picture (noise, so that half is not the whole of it compressed)."""
    data = encoded(Image.effect_noise((800, 600), 64).convert("RGB"), fmt)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(
            b"just some text, named photo.png by its sender\n", "it is not a JPEG, PNG or WebP", id="text .png"
        ),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "it is not a JPEG, PNG or WebP", id="svg"),
        pytest.param(encoded(Image.new("RGB", (50, 50)), "GIF"), "it is not a JPEG, PNG or WebP", id="gif"),
        pytest.param(truncated("JPEG"), "it is damaged or cut short", id="truncated jpeg"),
        pytest.param(truncated("PNG"), "it is damaged or cut short", id="truncated png"),
        pytest.param(truncated("WEBP"), "it is damaged or cut short", id="truncated webp"),
        pytest.param(encoded(Image.new("1", (7000, 6000)), "PNG"), "it has more than 40 million", id="over 40 MP"),
        pytest.param(encoded(Image.new("1", (12000, 12000)), "PNG"), "it has more than 40 million", id="bomb"),
        pytest.param(b"\xff\xd8\xff" + bytes(10 * 1024 * 1024), "it is larger than 10 MB", id="over 10 MB"),
    ],
)
def test_a_bad_upload_fails_with_the_reason_and_leaves_nothing(s3, database, person, data, reason, caplog):
    key, media_uuid = upload(s3, person, data)
    handler.handler(s3_event(key), None)

    row = row_of(database, media_uuid)
    assert row["status"] == "failed" and row["reason"].startswith(reason)
    assert row["full_key"] is None and row["width"] is None
    assert keys_in(s3, UPLOADS) == [] and keys_in(s3, MEDIA) == []
    assert f"discarding upload {key}" in caplog.text


def test_a_key_the_api_did_not_make_is_discarded(s3, database, person, caplog):
    s3.put_object(Bucket=UPLOADS, Key="media/someone/photo.png", Body=encoded(Image.new("RGB", (9, 9)), "PNG"))
    handler.handler(s3_event("media/someone/photo.png"), None)
    assert keys_in(s3, UPLOADS) == [] and keys_in(s3, MEDIA) == []
    assert "not a key the API hands out" in caplog.text


def test_a_photo_whose_row_is_gone_leaves_no_files(s3, database, person, caplog):
    key, media_uuid = upload(s3, person, encoded(Image.new("RGB", (90, 60), RED), "PNG"))
    with psycopg.connect(database) as conn:
        conn.execute("DELETE FROM media WHERE uuid = %s", (media_uuid,))
    handler.handler(s3_event(key), None)
    assert keys_in(s3, UPLOADS) == [] and keys_in(s3, MEDIA) == []
    assert f"no media row {media_uuid}" in caplog.text


def test_a_redelivered_event_changes_nothing(s3, database, person):
    key, media_uuid = upload(s3, person, encoded(Image.new("RGB", (90, 60), RED), "PNG"))
    handler.handler(s3_event(key), None)
    before = row_of(database, media_uuid)
    handler.handler(s3_event(key), None)
    assert row_of(database, media_uuid) == before and len(keys_in(s3, MEDIA)) == 2


def test_a_failing_record_fails_the_invocation_after_the_others_are_done(s3, database, person):
    key, media_uuid = upload(s3, person, encoded(Image.new("RGB", (90, 60), RED), "PNG"))
    event = s3_event(key)
    event["Records"].insert(0, s3_event("media/x", bucket="no-such-bucket")["Records"][0])
    with pytest.raises(RuntimeError, match="1 of 2 uploads failed: media/x"):
        handler.handler(event, None)
    assert row_of(database, media_uuid)["status"] == "ready"
