"""Every setting the API reads from the environment, in one place."""

import os
from dataclasses import dataclass, fields, replace
from urllib.parse import urlparse

import limits
from psycopg.conninfo import make_conninfo

# Signs cursors on the local stack and in tests only; production refuses it (Secrets Manager holds the real one).
DEVELOPMENT_CURSOR_SIGNING_KEY = "cruddur-development-cursor-signing-key-not-secret"


class ConfigError(RuntimeError):
    """A configuration the API must refuse to start with."""


def _database_url(env):
    """DATABASE_URL, or a connection string made of DATABASE_HOST, _PORT, _NAME, _USER and _PASSWORD: on AWS
    the ECS task gets those from the fields of a rotated secret, which no single URL could follow. Made of
    parts, the server's certificate is verified (DATABASE_SSLMODE, verify-full unless set) against
    DATABASE_SSLROOTCERT (the RDS CA bundle in the image)."""
    if env.get("DATABASE_URL") or not env.get("DATABASE_HOST"):
        return env.get("DATABASE_URL", "")
    parts = {
        "host": env["DATABASE_HOST"],
        "port": env.get("DATABASE_PORT", "5432"),
        "dbname": env.get("DATABASE_NAME", "cruddur"),
        "user": env.get("DATABASE_USER", ""),
        "password": env.get("DATABASE_PASSWORD", ""),
        "sslmode": env.get("DATABASE_SSLMODE", "verify-full"),
        "sslrootcert": env.get("DATABASE_SSLROOTCERT", ""),
    }
    return make_conninfo("", **{key: value for key, value in parts.items() if value})


def _int(env, name, default):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _traces_exporter(env):
    """OTEL_TRACES_EXPORTER as the SDK reads it, but "none" unless an OTLP endpoint or exporter is set."""
    named = env.get("OTEL_TRACES_EXPORTER")
    if named:
        return named
    if env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        return "otlp"
    return "none"


@dataclass(frozen=True)
class Config:
    environment: str = "development"
    database_url: str = ""
    db_pool_min_size: int = 1
    db_pool_max_size: int = 10
    db_timeout_seconds: int = 5
    aws_region: str = "us-east-1"
    # Set for the local AWS (moto); unset means real AWS.
    aws_endpoint_url: str | None = None
    cognito_user_pool_id: str = ""
    cognito_user_pool_client_id: str = ""
    # Derived from the pool (and the endpoint locally) unless given.
    cognito_jwks_url: str | None = None
    jwks_refetch_interval_seconds: int = 60
    assets_base_url: str = ""
    # Where browsers upload avatars (presigned POSTs); the avatar handler moves them to the assets bucket.
    uploads_bucket: str = "cruddur-uploads"
    # Photos (cruddur_shared.media): the served sizes are in the media bucket, read through URLs signed to end
    # with their crud: "s3" presigned GETs (the local stack) or "cloudfront" signed URLs under media_base_url
    # with the key group's key pair id and its private key in Secrets Manager (AWS).
    media_bucket: str = "cruddur-media"
    media_urls: str = "s3"
    media_base_url: str = ""
    cloudfront_key_pair_id: str = ""
    cloudfront_private_key_secret: str = ""
    # The direct messages table (single-table design, see docs/messages-table.md).
    dynamodb_table_name: str = "cruddur-messages"
    # 0 turns the in-process purge of expired cruds off.
    purge_interval_seconds: int = 300
    purge_batch_size: int = 1000
    # Observability: each part is off unless configured.
    otel_traces_exporter: str = "none"
    otel_service_name: str = "cruddur-api"
    xray_daemon_address: str | None = None
    xray_sampling_rules: str | None = None
    rollbar_access_token: str | None = None
    rollbar_endpoint: str | None = None
    rollbar_handler: str = "thread"
    rollbar_client_token: str | None = None
    cloudwatch_log_group: str | None = None
    # Hardening: who may call from a browser, how many proxies stand in front, how fast people may write.
    cors_allowed_origins: tuple = ()
    trusted_proxy_hops: int = 0
    rate_limit_storage_url: str | None = None
    rate_limit_writes_per_user: str = "60/minute"
    rate_limit_writes_per_ip: str = "300/minute"
    rate_limit_sign_in_per_ip: str = "30/minute"
    # The home timelines (cruddur/timelines) in Redis: ElastiCache on AWS, redis-server locally. Unset, every
    # signed-in home is read from PostgreSQL person by person.
    timelines_url: str | None = None
    # How long each process keeps the first page of everyone's cruds as anonymous visitors see it; 0 never.
    public_page_cache_ms: int = 1000
    # The HMAC key of cursors (cursors.py): every API process must share it, or a cursor from one is refused by
    # another.
    cursor_signing_key: str = DEVELOPMENT_CURSOR_SIGNING_KEY
    # Where the SPA opens the real-time stream (cruddur/stream, a process of its own): a path on the app's
    # origin that the dev server or the load balancer routes to it.
    stream_url: str = "/api/stream"

    @classmethod
    def from_env(cls, env=None):
        env = os.environ if env is None else env
        return cls(
            environment=env.get("CRUDDUR_ENV", "development"),
            database_url=_database_url(env),
            db_pool_min_size=_int(env, "DB_POOL_MIN_SIZE", 1),
            db_pool_max_size=_int(env, "DB_POOL_MAX_SIZE", 10),
            db_timeout_seconds=_int(env, "DB_TIMEOUT_SECONDS", 5),
            aws_region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            aws_endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
            cognito_user_pool_id=env.get("COGNITO_USER_POOL_ID", ""),
            cognito_user_pool_client_id=env.get("COGNITO_USER_POOL_CLIENT_ID", ""),
            cognito_jwks_url=env.get("COGNITO_JWKS_URL") or None,
            jwks_refetch_interval_seconds=_int(env, "JWKS_REFETCH_INTERVAL_SECONDS", 60),
            assets_base_url=env.get("ASSETS_BASE_URL", ""),
            uploads_bucket=env.get("UPLOADS_BUCKET") or "cruddur-uploads",
            media_bucket=env.get("MEDIA_BUCKET") or "cruddur-media",
            media_urls=env.get("MEDIA_URLS") or "s3",
            media_base_url=env.get("MEDIA_BASE_URL", ""),
            cloudfront_key_pair_id=env.get("CLOUDFRONT_KEY_PAIR_ID", ""),
            cloudfront_private_key_secret=env.get("CLOUDFRONT_PRIVATE_KEY_SECRET", ""),
            dynamodb_table_name=env.get("DYNAMODB_TABLE_NAME") or "cruddur-messages",
            purge_interval_seconds=_int(env, "PURGE_INTERVAL_SECONDS", 300),
            purge_batch_size=_int(env, "PURGE_BATCH_SIZE", 1000),
            otel_traces_exporter=_traces_exporter(env),
            otel_service_name=env.get("OTEL_SERVICE_NAME") or "cruddur-api",
            xray_daemon_address=env.get("AWS_XRAY_DAEMON_ADDRESS") or None,
            xray_sampling_rules=env.get("XRAY_SAMPLING_RULES") or None,
            rollbar_access_token=env.get("ROLLBAR_ACCESS_TOKEN") or None,
            rollbar_endpoint=env.get("ROLLBAR_ENDPOINT") or None,
            rollbar_handler=env.get("ROLLBAR_HANDLER") or "thread",
            rollbar_client_token=env.get("ROLLBAR_CLIENT_TOKEN") or None,
            cloudwatch_log_group=env.get("CLOUDWATCH_LOG_GROUP") or None,
            cors_allowed_origins=tuple(o.strip() for o in env.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()),
            trusted_proxy_hops=_int(env, "TRUSTED_PROXY_HOPS", 0),
            rate_limit_storage_url=env.get("RATE_LIMIT_STORAGE_URL") or None,
            rate_limit_writes_per_user=env.get("RATE_LIMIT_WRITES_PER_USER") or "60/minute",
            rate_limit_writes_per_ip=env.get("RATE_LIMIT_WRITES_PER_IP") or "300/minute",
            rate_limit_sign_in_per_ip=env.get("RATE_LIMIT_SIGN_IN_PER_IP") or "30/minute",
            timelines_url=env.get("TIMELINES_URL") or None,
            public_page_cache_ms=_int(env, "PUBLIC_PAGE_CACHE_MS", 1000),
            cursor_signing_key=env.get("CURSOR_SIGNING_KEY") or DEVELOPMENT_CURSOR_SIGNING_KEY,
            stream_url=env.get("STREAM_URL") or "/api/stream",
        )

    def with_overrides(self, **overrides):
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown settings: {sorted(unknown)}")
        return replace(self, **overrides)

    @property
    def cognito_issuer(self):
        # Cognito (and moto) always name the public regional host as the issuer.
        return f"https://cognito-idp.{self.aws_region}.amazonaws.com/{self.cognito_user_pool_id}"

    @property
    def jwks_url(self):
        if self.cognito_jwks_url:
            return self.cognito_jwks_url
        if self.aws_endpoint_url:
            return f"{self.aws_endpoint_url.rstrip('/')}/{self.cognito_user_pool_id}/.well-known/jwks.json"
        return f"{self.cognito_issuer}/.well-known/jwks.json"

    def validate(self):
        if not self.database_url:
            raise ConfigError("DATABASE_URL is not set (bin/dev and bin/test set it for the local database)")
        if not self.cognito_user_pool_id or not self.cognito_user_pool_client_id:
            raise ConfigError("COGNITO_USER_POOL_ID and COGNITO_USER_POOL_CLIENT_ID must be set")
        if self.db_pool_min_size < 1 or self.db_pool_max_size < self.db_pool_min_size:
            raise ConfigError("DB_POOL_MIN_SIZE must be >= 1 and <= DB_POOL_MAX_SIZE")
        if self.public_page_cache_ms < 0:
            raise ConfigError("PUBLIC_PAGE_CACHE_MS must be >= 0 (milliseconds; 0 turns the cache off)")
        for spec in (self.rate_limit_writes_per_user, self.rate_limit_writes_per_ip, self.rate_limit_sign_in_per_ip):
            try:
                # One limit per setting: the API counts a single window for each (api/rate_limits.py).
                [parsed] = limits.parse_many(spec)
                counted = parsed.amount
            except ValueError as exc:
                raise ConfigError(f"a rate limit reads like '60/minute' (one limit), not {spec!r}") from exc
            if counted < 1:
                raise ConfigError(f"a rate limit lets at least one request through, not {spec!r}")
        if self.otel_traces_exporter not in ("otlp", "console", "none"):
            raise ConfigError("OTEL_TRACES_EXPORTER must be otlp, console or none")
        if self.media_urls not in ("s3", "cloudfront"):
            raise ConfigError("MEDIA_URLS must be s3 or cloudfront")
        if self.media_urls == "cloudfront" and not (
            self.media_base_url.startswith("https://")
            and self.cloudfront_key_pair_id
            and self.cloudfront_private_key_secret
        ):
            raise ConfigError(
                "MEDIA_URLS=cloudfront needs MEDIA_BASE_URL (https://...), CLOUDFRONT_KEY_PAIR_ID and "
                "CLOUDFRONT_PRIVATE_KEY_SECRET"
            )
        if len(self.cursor_signing_key.encode()) < 32:
            raise ConfigError("CURSOR_SIGNING_KEY must be at least 32 bytes")
        if self.environment == "production":
            self._refuse_local_signers()
        return self

    def _refuse_local_signers(self):
        if self.cursor_signing_key == DEVELOPMENT_CURSOR_SIGNING_KEY:
            raise ConfigError("CURSOR_SIGNING_KEY must be set in production (the development key is public)")
        if not self.rate_limit_storage_url:
            raise ConfigError("RATE_LIMIT_STORAGE_URL must be set in production (each process would count alone)")
        # The local AWS signs tokens with a key anyone can read, so production must never trust it.
        if self.aws_endpoint_url:
            raise ConfigError("AWS_ENDPOINT_URL must not be set in production")
        jwks = urlparse(self.jwks_url)
        expected_host = f"cognito-idp.{self.aws_region}.amazonaws.com"
        if jwks.scheme != "https" or jwks.hostname != expected_host:
            raise ConfigError(f"COGNITO_JWKS_URL must be served by https://{expected_host} in production")
