"""The uploads bucket: browsers post avatars straight to it with a POST the API presigns.

Presigning is signing, not a call to S3: what can fail is getting the credentials to sign with (the task
role's, refreshed from the container credentials endpoint on AWS).
"""

import threading

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from ..aws_errors import is_transient_aws_error
from ..errors import Unavailable


class UploadsBucket:
    """Created unbound; `init_app` binds it to the settings. The S3 client is made on the first presign: a
    session of its own loads botocore's data anew (about 0.2 s), which only a process that presigns needs."""

    def __init__(self):
        self.config = None
        self.bucket = None
        self._s3 = None
        self._lock = threading.Lock()

    def init_app(self, app, config):
        self.open(config)
        app.extensions["uploads"] = self

    def open(self, config):
        self.config = config
        self.bucket = config.uploads_bucket
        return self

    @property
    def s3(self):
        with self._lock:
            if self._s3 is None:
                # Locally every bucket lives under moto's one address (path style); on AWS the bucket's own
                # host (virtual-hosted style), the origin the web app's CSP allows. A session of its own, so
                # its credentials are resolved (and refreshed) apart from other clients'.
                addressing = "path" if self.config.aws_endpoint_url else "virtual"
                self._s3 = boto3.session.Session().client(
                    "s3",
                    region_name=self.config.aws_region,
                    endpoint_url=self.config.aws_endpoint_url,
                    config=BotoConfig(signature_version="s3v4", s3={"addressing_style": addressing}),
                )
            return self._s3

    def presigned_post(self, key, content_type, max_bytes, expires_in):
        """A POST form for exactly this key and Content-Type, of 1 to max_bytes bytes."""
        try:
            return self.s3.generate_presigned_post(
                Bucket=self.bucket,
                Key=key,
                Fields={"Content-Type": content_type},
                Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
                ExpiresIn=expires_in,
            )
        except (BotoCoreError, ClientError) as exc:
            if not is_transient_aws_error(exc):
                raise
            raise Unavailable("uploads_unavailable", "Uploads are unavailable right now, try again shortly") from exc
