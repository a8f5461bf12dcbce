"""The uploads bucket: browsers post avatars straight to it with a POST the API presigns.

Presigning is signing, not a call to S3: what can fail is getting the credentials to sign with (the task
role's, refreshed from the container credentials endpoint on AWS).
"""

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from ..aws_errors import is_transient_aws_error
from ..errors import Unavailable


class UploadsBucket:
    """Created unbound; `init_app` makes the S3 client."""

    def __init__(self):
        self.s3 = None
        self.bucket = None

    def init_app(self, app, config):
        self.open(config)
        app.extensions["uploads"] = self

    def open(self, config):
        # Locally every bucket lives under moto's one address (path style); on AWS the bucket's own host
        # (virtual-hosted style), the origin the web app's CSP allows. A session of its own, so its
        # credentials are resolved (and refreshed) apart from other clients'.
        addressing = "path" if config.aws_endpoint_url else "virtual"
        self.s3 = boto3.session.Session().client(
            "s3",
            region_name=config.aws_region,
            endpoint_url=config.aws_endpoint_url,
            config=BotoConfig(signature_version="s3v4", s3={"addressing_style": addressing}),
        )
        self.bucket = config.uploads_bucket
        return self

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
