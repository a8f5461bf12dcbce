"""`python -m cruddur.stream`: serves the real-time stream on STREAM_HOST:STREAM_PORT (127.0.0.1:4568). Needs the
API's settings and TIMELINES_URL, the Redis the fan-out announces home events on."""

import os

from aiohttp import web

from ..config import Config, ConfigError
from ..observability.json_logs import configure_process_logging
from ..observability.providers import exporting_provider
from .server import StreamServer
from .settings import StreamSettings


def main():
    config = Config.from_env().validate()
    if not config.timelines_url:
        raise ConfigError("TIMELINES_URL, the Redis the fan-out announces home events on, is required")
    settings = StreamSettings.from_env()
    configure_process_logging(config)
    exporting_provider(config.otel_traces_exporter, os.environ.get("OTEL_SERVICE_NAME") or "cruddur-stream")
    server = StreamServer(config, settings)
    web.run_app(server.app(), host=settings.host, port=settings.port, access_log=None, print=None, shutdown_timeout=5)


if __name__ == "__main__":
    main()
