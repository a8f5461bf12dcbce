"""Photos' files: the served sizes in the media bucket (and their uploads in the uploads bucket), and the
signed URLs they are read through.

Every URL in an answer is signed to end no later than the crud's expiry, by one of two signers behind the
same `url(key, expires_at)`, chosen by MEDIA_URLS:

- `s3` (the local stack): an S3 presigned GET against the media bucket. S3 takes at most 7 days
  (MAX_S3_SECONDS), so a crud that lives longer gets a URL of 7 days in each answer, signed anew every time.
- `cloudfront` (AWS): a CloudFront signed URL (canned policy, RSA-SHA1 as CloudFront verifies) under
  MEDIA_BASE_URL, with the private key of the distribution's key group read once from Secrets Manager.
"""

import base64
import json
import logging
import math
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from urllib.parse import quote

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from cruddur_shared.media import POSTED, TAG_KEY

from ..aws_errors import is_transient_aws_error
from ..errors import Unavailable

log = logging.getLogger(__name__)

# The longest a presigned S3 URL may live (SigV4).
MAX_S3_SECONDS = 7 * 24 * 3600


def _s3_client(config):
    addressing = "path" if config.aws_endpoint_url else "virtual"
    return boto3.session.Session().client(
        "s3",
        region_name=config.aws_region,
        endpoint_url=config.aws_endpoint_url,
        config=BotoConfig(signature_version="s3v4", s3={"addressing_style": addressing}),
    )


def _unavailable(exc):
    if not is_transient_aws_error(exc):
        raise exc
    raise Unavailable("media_unavailable", "Photos are unavailable right now, try again shortly") from exc


class MediaFiles:
    """The files of photos: tagging them posted, deleting them. The S3 client is made on first use."""

    def __init__(self):
        self.config = None
        self._s3 = None
        self._lock = threading.Lock()

    def init_app(self, app, config):
        self.open(config)
        app.extensions["media_files"] = self

    def open(self, config):
        self.config = config
        return self

    @property
    def s3(self):
        with self._lock:
            if self._s3 is None:
                self._s3 = _s3_client(self.config)
            return self._s3

    def mark_posted(self, keys):
        """Tags served files as posted, so the lifecycle rule for unposted photos leaves them be."""
        for key in keys:
            try:
                self.s3.put_object_tagging(
                    Bucket=self.config.media_bucket,
                    Key=key,
                    Tagging={"TagSet": [{"Key": TAG_KEY, "Value": POSTED}]},
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    log.warning("no file %s to tag posted: the photo shows nothing there", key)
                    continue
                _unavailable(exc)
            except BotoCoreError as exc:
                _unavailable(exc)

    def delete(self, rows):
        """Deletes the upload and the served sizes of each photo row (keys that are gone already are fine);
        answers the uuids whose files are all gone."""
        by_bucket = {self.config.uploads_bucket: [], self.config.media_bucket: []}
        for row in rows:
            by_bucket[self.config.uploads_bucket].append(row["original_key"])
            by_bucket[self.config.media_bucket].extend(k for k in (row["full_key"], row["preview_key"]) if k)
        failed = set()
        for bucket, keys in by_bucket.items():
            for start in range(0, len(keys), 1000):
                result = self.s3.delete_objects(
                    Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys[start : start + 1000]], "Quiet": True}
                )
                failed.update(error["Key"] for error in result.get("Errors", []))
        return [row["uuid"] for row in rows if not {row["original_key"], row["full_key"], row["preview_key"]} & failed]


class S3PresignedUrls:
    """Presigned GETs of the media bucket, ending at the crud's expiry (7 days at most)."""

    def __init__(self, config, clock=None):
        self.config = config
        self.clock = clock or (lambda: datetime.now(UTC))
        self._s3 = None
        self._lock = threading.Lock()

    @property
    def s3(self):
        with self._lock:
            if self._s3 is None:
                self._s3 = _s3_client(self.config)
            return self._s3

    def expires_in(self, expires_at):
        """Whole seconds from now until expires_at (rounded down, so never past it), 1 to 7 days."""
        left = math.floor((expires_at - self.clock()).total_seconds())
        return max(1, min(left, MAX_S3_SECONDS))

    def url(self, key, expires_at):
        try:
            return self.s3.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.config.media_bucket, "Key": key},
                ExpiresIn=self.expires_in(expires_at),
            )
        except (BotoCoreError, ClientError) as exc:
            _unavailable(exc)


def _cloudfront_b64(data):
    """CloudFront's URL-safe base64: + - , = _ , / ~."""
    return base64.b64encode(data).decode().replace("+", "-").replace("=", "_").replace("/", "~")


class CloudFrontSignedUrls:
    """CloudFront signed URLs (canned policy) under MEDIA_BASE_URL, ending exactly at the crud's expiry. The
    private key is read from Secrets Manager on the first signature; `private_key_pem` skips that (tests)."""

    def __init__(self, config, private_key_pem=None):
        self.config = config
        self.key_pair_id = config.cloudfront_key_pair_id
        self.base_url = config.media_base_url.rstrip("/")
        self._key = serialization.load_pem_private_key(private_key_pem, None) if private_key_pem else None
        self._lock = threading.Lock()

    @property
    def private_key(self):
        with self._lock:
            if self._key is None:
                try:
                    secrets = boto3.session.Session().client(
                        "secretsmanager",
                        region_name=self.config.aws_region,
                        endpoint_url=self.config.aws_endpoint_url,
                    )
                    pem = secrets.get_secret_value(SecretId=self.config.cloudfront_private_key_secret)["SecretString"]
                except (BotoCoreError, ClientError) as exc:
                    _unavailable(exc)
                self._key = serialization.load_pem_private_key(pem.encode(), None)
            return self._key

    @staticmethod
    def policy(url, expires_at):
        """The canned policy CloudFront checks a signed URL against, as the bytes that are signed."""
        epoch = int(expires_at.timestamp())  # rounded down: never past the expiry
        statement = {"Statement": [{"Resource": url, "Condition": {"DateLessThan": {"AWS:EpochTime": epoch}}}]}
        return json.dumps(statement, separators=(",", ":")).encode(), epoch

    def url(self, key, expires_at):
        resource = f"{self.base_url}/{quote(key)}"
        policy, epoch = self.policy(resource, expires_at)
        # bandit: SHA-1 is what CloudFront signed URLs use; nothing else is accepted.
        signature = self.private_key.sign(policy, padding.PKCS1v15(), hashes.SHA1())  # nosec B303
        return f"{resource}?Expires={epoch}&Signature={_cloudfront_b64(signature)}&Key-Pair-Id={self.key_pair_id}"


class RecentlySignedUrls:
    """Answers a URL signed in the last `max_age_seconds` for the same key and expiry instead of signing it
    again: a feed read by many people shows the same photos, and signing is most of the cost of a page of
    them (bin/bench, "home with photos": 40 URLs a page; an RSA signature is ~0.6 ms, an S3 presign ~0.2).
    Either URL still ends no later than the crud's expiry, which is part of the key; the age bound keeps
    S3's 7-day URLs of longer-lived cruds from being handed out close to their end. At most `size` URLs are
    kept (the least recently used go first)."""

    def __init__(self, signer, size=10_000, max_age_seconds=3600, monotonic=time.monotonic):
        self.signer = signer
        self.size = size
        self.max_age_seconds = max_age_seconds
        self.monotonic = monotonic
        self._urls = OrderedDict()
        self._lock = threading.Lock()

    def url(self, key, expires_at):
        now = self.monotonic()
        with self._lock:
            kept = self._urls.get((key, expires_at))
            if kept is not None and now - kept[0] < self.max_age_seconds:
                self._urls.move_to_end((key, expires_at))
                return kept[1]
        url = self.signer.url(key, expires_at)  # outside the lock: threads sign other photos meanwhile
        with self._lock:
            self._urls[(key, expires_at)] = (now, url)
            self._urls.move_to_end((key, expires_at))
            while len(self._urls) > self.size:
                self._urls.popitem(last=False)
        return url


def media_url_signer(config):
    """The signer MEDIA_URLS names, remembering what it signed lately."""
    if config.media_urls == "cloudfront":
        return RecentlySignedUrls(CloudFrontSignedUrls(config))
    return RecentlySignedUrls(S3PresignedUrls(config))
