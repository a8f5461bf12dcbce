"""`python -m cruddur.stream`: serves the real-time stream on STREAM_HOST:STREAM_PORT (127.0.0.1:4568)."""

import os

from aiohttp import web

from ..config import Config
from ..observability.json_logs import configure_process_logging
from ..observability.providers import exporting_provider
from .server import StreamServer
from .settings import StreamSettings


def main():
    config = Config.from_env().validate()
    settings = StreamSettings.from_env()
    configure_process_logging(config)
    exporting_provider(config.otel_traces_exporter, os.environ.get("OTEL_SERVICE_NAME") or "cruddur-stream")
    server = StreamServer(config, settings)
    web.run_app(server.app(), host=settings.host, port=settings.port, access_log=None, print=None, shutdown_timeout=5)


if __name__ == "__main__":
    main()
