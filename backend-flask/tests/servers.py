"""Servers tests run in subprocesses on loopback ports: the API as production runs it (gunicorn with
gunicorn.conf.py), the stream, and a real redis-server."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
import requests
from receivers import wait_until

from conftest import free_port

BACKEND = Path(__file__).resolve().parents[1]


def environment(config, **extra):
    """The environment variables that give the served API the same settings as `config`."""
    return {
        **os.environ,
        "CRUDDUR_ENV": config.environment,
        "DATABASE_URL": config.database_url,
        "DB_TIMEOUT_SECONDS": str(config.db_timeout_seconds),
        "AWS_REGION": config.aws_region,
        "AWS_ENDPOINT_URL": config.aws_endpoint_url,
        "COGNITO_USER_POOL_ID": config.cognito_user_pool_id,
        "COGNITO_USER_POOL_CLIENT_ID": config.cognito_user_pool_client_id,
        "DYNAMODB_TABLE_NAME": config.dynamodb_table_name,
        "UPLOADS_BUCKET": config.uploads_bucket,
        "ASSETS_BASE_URL": config.assets_base_url,
        "PURGE_INTERVAL_SECONDS": str(config.purge_interval_seconds),
        "RATE_LIMIT_WRITES_PER_USER": config.rate_limit_writes_per_user,
        "RATE_LIMIT_WRITES_PER_IP": config.rate_limit_writes_per_ip,
        "RATE_LIMIT_SIGN_IN_PER_IP": config.rate_limit_sign_in_per_ip,
        **extra,
    }


class Gunicorn:
    def __init__(self, env, workers=2):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
        # A file, not a pipe: nobody reads a pipe while the server runs, and a full one would block its workers.
        self.output = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=BACKEND,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert wait_until(self._answers, seconds=30), "gunicorn did not come up"

    def _answers(self):
        try:
            return requests.get(f"{self.url}/api/health-check", timeout=2).status_code in (200, 503)
        except requests.RequestException:  # not up yet
            return False

    def stop(self):
        """Stops the server; answers everything it printed."""
        self.process.terminate()
        self.process.wait(timeout=30)
        self.output.seek(0)
        printed = self.output.read()
        self.output.close()
        return printed


class StreamProcess:
    """The real-time stream server (python -m cruddur.stream) in a subprocess on a loopback port."""

    def __init__(self, env, **settings):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/api/stream"
        extra = {f"STREAM_{name.upper()}": str(value) for name, value in settings.items()}
        env = {**env, "STREAM_HOST": "127.0.0.1", "STREAM_PORT": str(port), **extra}
        self.output = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cruddur.stream"],
            cwd=BACKEND,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert wait_until(self.listening, seconds=30), f"the stream server did not come up: {self.printed()}"

    def health(self):
        try:
            return requests.get(f"{self.url}/health-check", timeout=2).json()
        except (requests.RequestException, ValueError):  # not up yet
            return {}

    def listening(self):
        return self.health().get("listening") is True

    def printed(self):
        self.output.seek(0)
        return self.output.read()

    def stop(self):
        """Stops the server; answers everything it printed."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        printed = self.printed()
        self.output.close()
        return printed


class RedisServer:
    """A real redis-server on loopback, for as long as a test needs it (stopped and started again on its port
    by tests of what survives a restart)."""

    def __init__(self, directory):
        assert shutil.which("redis-server"), "bin/test installs redis-server"
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.client = redis.Redis.from_url(self.url)
        self.start()

    def start(self):
        # Nothing kept on disk: a restarted server starts empty, as a replaced cache node does.
        settings = ["--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), *settings], cwd=self.directory, stdout=subprocess.DEVNULL
        )
        for _ in range(100):
            try:
                self.client.ping()
                return
            except redis.ConnectionError:  # not listening yet
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(5)
