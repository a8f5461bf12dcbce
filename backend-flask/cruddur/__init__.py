"""Cruddur's API: `create_app(config)` builds it; config comes from the environment unless given.

Layers (checked by import-linter in bin/test): `api` (Flask: routes, authentication, rate limits, errors as
HTTP) calls `services` (the rules, plain arguments, domain errors), which use `db` (PostgreSQL), `ddb`
(DynamoDB), `s3` and `auth` (tokens, Cognito). Rules the Lambdas share live in `cruddur_shared`."""

from flask import Flask

from .api import authentication
from .api.errors import register_error_handlers
from .api.http_hardening import init_http_hardening
from .api.json_provider import FastJSONProvider
from .api.public_pages import PublicPages
from .api.rate_limits import init_rate_limits
from .auth.cognito import CognitoDirectory
from .config import Config
from .cursors import CursorSigner
from .db.database import Database
from .db.purge import PurgeRunner
from .ddb.messages import MessagesStore
from .observability.errors import init_error_reporting
from .observability.logs import init_logging
from .observability.tracing import init_tracing
from .observability.xray import init_xray
from .s3.media import MediaFiles, media_url_signer
from .s3.uploads import UploadsBucket
from .timelines.store import Timelines


def create_app(config=None):
    config = (config or Config.from_env()).validate()
    app = Flask(__name__, static_folder=None)
    app.json = FastJSONProvider(app)
    app.config["CRUDDUR"] = config
    # Every body this API takes is small; larger ones are refused with 413 before they are read.
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024

    init_logging(app, config)
    init_tracing(app, config)
    Database().init_app(app, config)
    CognitoDirectory().init_app(app, config)
    MessagesStore().init_app(app, config)
    UploadsBucket().init_app(app, config)
    MediaFiles().init_app(app, config)
    app.extensions["media_urls"] = media_url_signer(config)
    app.extensions["timelines"] = Timelines.from_url(config.timelines_url) if config.timelines_url else None
    PublicPages(config.public_page_cache_ms).init_app(app)
    app.extensions["cursors"] = CursorSigner(config.cursor_signing_key.encode())
    authentication.init_app(app, config)
    register_error_handlers(app)
    init_rate_limits(app, config)
    init_http_hardening(app, config)
    init_xray(app, config)
    init_error_reporting(app, config)

    from .api import api

    app.register_blueprint(api)

    if config.purge_interval_seconds > 0:
        runner = PurgeRunner(
            app.extensions["db"], config.purge_interval_seconds, config.purge_batch_size, app.extensions["media_files"]
        )
        app.extensions["purge"] = runner.start()
    return app
