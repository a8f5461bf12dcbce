import pytest

from cruddur.config import Config, ConfigError

POOL = {
    "DATABASE_URL": "postgresql://db/cruddur",
    "COGNITO_USER_POOL_ID": "us-west-2_abc",
    "COGNITO_USER_POOL_CLIENT_ID": "client",
    "AWS_REGION": "us-west-2",
}
PRODUCTION = {
    **POOL,
    "CRUDDUR_ENV": "production",
    "CURSOR_SIGNING_KEY": "k" * 64,
    "RATE_LIMIT_STORAGE_URL": "rediss://:token@cache.example:6379/0",
}


def test_reads_the_environment():
    config = Config.from_env({**POOL, "PURGE_INTERVAL_SECONDS": "0", "ASSETS_BASE_URL": "https://assets.example"})
    assert config.purge_interval_seconds == 0 and config.assets_base_url == "https://assets.example"
    assert config.cognito_issuer == "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_abc"
    assert config.jwks_url == "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_abc/.well-known/jwks.json"


def test_local_endpoint_serves_the_jwks():
    config = Config.from_env({**POOL, "AWS_ENDPOINT_URL": "http://127.0.0.1:5000"})
    assert config.jwks_url == "http://127.0.0.1:5000/us-west-2_abc/.well-known/jwks.json"
    assert config.cognito_issuer.startswith("https://cognito-idp.us-west-2.amazonaws.com/")


def test_production_on_real_cognito_starts():
    assert Config.from_env(PRODUCTION).validate()


@pytest.mark.parametrize("key", [None, "short", "cruddur-development-cursor-signing-key-not-secret"])
def test_production_refuses_a_missing_short_or_public_cursor_key(key):
    env = {k: v for k, v in PRODUCTION.items() if k != "CURSOR_SIGNING_KEY"}
    with pytest.raises(ConfigError, match="CURSOR_SIGNING_KEY"):
        Config.from_env({**env, **({"CURSOR_SIGNING_KEY": key} if key else {})}).validate()


def test_production_refuses_counting_rate_limits_per_process():
    env = {k: v for k, v in PRODUCTION.items() if k != "RATE_LIMIT_STORAGE_URL"}
    with pytest.raises(ConfigError, match="RATE_LIMIT_STORAGE_URL"):
        Config.from_env(env).validate()


@pytest.mark.parametrize(
    "extra",
    [
        {"AWS_ENDPOINT_URL": "http://127.0.0.1:5000"},
        {"COGNITO_JWKS_URL": "http://127.0.0.1:5000/us-west-2_abc/.well-known/jwks.json"},
        {"COGNITO_JWKS_URL": "https://evil.example/.well-known/jwks.json"},
    ],
)
def test_production_refuses_local_signers(extra):
    with pytest.raises(ConfigError):
        Config.from_env({**PRODUCTION, **extra}).validate()


@pytest.mark.parametrize(
    "env",
    [
        {k: v for k, v in POOL.items() if k != "DATABASE_URL"},
        {k: v for k, v in POOL.items() if k != "COGNITO_USER_POOL_ID"},
        {**POOL, "DB_POOL_MAX_SIZE": "0"},
    ],
)
def test_incomplete_settings_are_refused(env):
    with pytest.raises(ConfigError):
        Config.from_env(env).validate()


def test_numbers_must_be_numbers():
    with pytest.raises(ConfigError):
        Config.from_env({**POOL, "PURGE_INTERVAL_SECONDS": "soon"})


@pytest.mark.parametrize(
    "extra, exporter",
    [
        ({}, "none"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "https://api.honeycomb.io"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, "otlp"),
        ({"OTEL_TRACES_EXPORTER": "console"}, "console"),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "https://api.honeycomb.io"}, "none"),
    ],
)
def test_tracing_is_off_unless_configured(extra, exporter):
    assert Config.from_env({**POOL, **extra}).validate().otel_traces_exporter == exporter


def test_unknown_traces_exporter_is_refused():
    with pytest.raises(ConfigError):
        Config.from_env({**POOL, "OTEL_TRACES_EXPORTER": "zipkin"}).validate()
