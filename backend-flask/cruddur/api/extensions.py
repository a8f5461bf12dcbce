"""The app's parts as the request being answered sees them (Flask's current_app), in the web layer only:
services, stores and the auth package get what they need as arguments."""

from flask import current_app


def current_db():
    return current_app.extensions["db"]


def current_store():
    """The messages store (DynamoDB)."""
    return current_app.extensions["messages"]


def current_uploads():
    """The uploads bucket (S3)."""
    return current_app.extensions["uploads"]


def current_media_files():
    """The photos' files (S3)."""
    return current_app.extensions["media_files"]


def current_media_urls():
    """The signer of photos' URLs (S3 presigned GETs or CloudFront signed URLs)."""
    return current_app.extensions["media_urls"]


def current_timelines():
    """The home timelines (Redis), or None where there are none."""
    return current_app.extensions["timelines"]


def current_cognito():
    return current_app.extensions["cognito"]


def current_public_pages():
    return current_app.extensions["public_pages"]


def current_cursors():
    return current_app.extensions["cursors"]


def current_config():
    return current_app.config["CRUDDUR"]
