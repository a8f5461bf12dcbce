"""`python -m cruddur.fanout`: the fan-out process (process.py). Needs DATABASE_URL and TIMELINES_URL."""

import os
import signal

from ..config import Config, ConfigError
from ..observability.json_logs import configure_process_logging
from ..observability.providers import exporting_provider
from ..timelines.store import Timelines
from .process import FanOut


def main():
    # Only what the fan-out uses is required: the database and the timelines' Redis (not the API's settings).
    config = Config.from_env()
    if not config.database_url or not config.timelines_url:
        raise ConfigError("DATABASE_URL (or DATABASE_HOST...) and TIMELINES_URL, the timelines' Redis, are required")
    configure_process_logging(config)
    exporting_provider(config.otel_traces_exporter, os.environ.get("OTEL_SERVICE_NAME") or "cruddur-fanout")
    fan_out = FanOut(config.database_url, Timelines.from_url(config.timelines_url))
    signal.signal(signal.SIGTERM, lambda *_: fan_out.stop())
    fan_out.run()


if __name__ == "__main__":
    main()
