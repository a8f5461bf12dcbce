"""The photos the bench's photo rows need, made straight in the database and the local S3 (the upload and
processing path is not what those rows measure): ready photos of the viewer to post, and photos on the
cruds of the viewer's home page. Every photo row names the same two small files, so a post tags real
objects (as on AWS) without the bench uploading thousands of them."""

import json
import os

import boto3
import psycopg

from cruddur.config import Config
from cruddur_shared.media import upload_key

# What the files hold plays no part in what the rows measure (the API signs URLs and tags; it never reads them).
FILE_BODY = b"a photo of the bench"
FULL_KEY = "media/bench/photo.webp"
PREVIEW_KEY = "media/bench/photo-640.webp"
# Enough distinct photos for the longest run to post a new one each request (a photo is posted once).
PHOTOS_PER_SECOND = 800


def put_shared_files():
    config = Config.from_env(os.environ)
    s3 = boto3.client("s3", endpoint_url=config.aws_endpoint_url, region_name=config.aws_region)
    for key in (FULL_KEY, PREVIEW_KEY):
        s3.put_object(Bucket=config.media_bucket, Key=key, Body=FILE_BODY, ContentType="image/webp")


_INSERT_READY = """
INSERT INTO media (uuid, user_uuid, status, width, height, original_key, full_key, preview_key,
                   activity_uuid, position, posted_at)
SELECT gen_random_uuid(), %(user_uuid)s, 'ready', 1600, 1200, %(original_key)s, %(full_key)s, %(preview_key)s,
       %(activity_uuid)s, %(position)s, CASE WHEN %(activity_uuid)s::uuid IS NULL THEN NULL ELSE now() END
FROM generate_series(1, %(count)s)
RETURNING uuid
"""


def _insert(conn, user_uuid, count, activity_uuid=None, position=None):
    params = {
        "user_uuid": user_uuid,
        "original_key": upload_key(user_uuid, "bench"),
        "full_key": FULL_KEY,
        "preview_key": PREVIEW_KEY,
        "activity_uuid": activity_uuid,
        "position": position,
        "count": count,
    }
    return [str(row[0]) for row in conn.execute(_INSERT_READY, params).fetchall()]


def bodies_to_post(database_url, viewer_uuid, duration, path):
    """Writes one POST /api/activities body a line to `path`, each with a ready photo of the viewer's not
    yet on a crud; answers `path`."""
    put_shared_files()
    with psycopg.connect(database_url) as conn:
        uuids = _insert(conn, viewer_uuid, PHOTOS_PER_SECOND * duration)
    with open(path, "w") as f:
        for uuid in uuids:
            f.write(json.dumps({"message": "Benchmark crud with a photo", "ttl": "1-hour", "media": [uuid]}) + "\n")
    return path


def photos_on_home_page(database_url, home_page, per_crud=2):
    """Puts `per_crud` photos on each crud of the viewer's home page (`home_page`, the API's answer) that
    has none, each by the crud's author."""
    put_shared_files()
    with psycopg.connect(database_url) as conn:
        for crud in home_page["items"]:
            if crud["media"]:
                continue
            author = conn.execute("SELECT user_uuid FROM activities WHERE uuid = %s", (crud["uuid"],)).fetchone()[0]
            for position in range(per_crud):
                _insert(conn, author, 1, activity_uuid=crud["uuid"], position=position)


def endpoints(session, database_url, duration, home_page, workdir):
    """The photo rows, each made ready by its `prepare` just before it runs (which may add to the row):
    `home_page()` reads the viewer's home page through the API; the bodies to post go under `workdir`."""
    token = session["token"]
    return {
        "home with photos": {
            "paths": ["/api/activities/home"],
            "token": token,
            "prepare": lambda: photos_on_home_page(database_url, home_page()),
        },
        "create crud with photo": {
            "method": "POST",
            "paths": ["/api/activities"],
            "token": token,
            "prepare": lambda: {
                "bodies_file": bodies_to_post(
                    database_url, session["viewer_uuid"], duration, os.path.join(workdir, "photo-posts.jsonl")
                )
            },
        },
    }
