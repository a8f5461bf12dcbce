"""The stream process's web layer (aiohttp): `GET /api/stream` with the API's bearer token answers
text/event-stream until the client goes, the token expires or the process stops; `GET
/api/stream/health-check` says whether the broker is listening (and whether home events are heard)."""

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import orjson
import psycopg
import psycopg_pool
from aiohttp import web

from ..auth.cognito import CognitoDirectory
from ..auth.tokens import KeyCache, TokenVerifier, bearer_token
from ..db.database import Database
from ..errors import DomainError, Unauthenticated, Unavailable
from ..http_status import status_of
from ..s3.media import media_url_signer
from . import lookups
from .broker import Listener
from .home_events import HomeSubscriber
from .hub import Hub, Stream

log = logging.getLogger("cruddur.stream")
PATH = "/api/stream"
HUB = web.AppKey("hub", Hub)


def error_response(status, code, message, field=None, headers=None):
    body = orjson.dumps({"errors": [{"code": code, "message": message, "field": field}]})
    return web.Response(status=status, body=body, content_type="application/json", headers=headers)


def domain_error_response(exc):
    status = status_of(exc)
    headers = {}
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    if isinstance(exc, Unavailable):
        headers["Retry-After"] = str(exc.retry_after)
    return error_response(status, exc.code, exc.message, exc.field, headers)


@web.middleware
async def errors_as_json(request, handler):
    """Every failure as the API's errors body: domain errors by kind, the database down as 503, the rest 500."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = {404: "route_not_found", 405: "method_not_allowed"}.get(exc.status, "http_error")
        return error_response(exc.status, code, exc.reason, headers={"Allow": exc.headers.get("Allow", "")})
    except DomainError as exc:
        return domain_error_response(exc)
    except (psycopg.OperationalError, psycopg_pool.PoolTimeout):
        return error_response(503, "database_unavailable", "The database is unreachable", headers={"Retry-After": "5"})
    except Exception:
        log.exception("stream request failed")
        return error_response(500, "internal_error", "Something went wrong on our side")


async def _plain_headers(_request, response):
    # No server version for scanners; nothing sniffed into another type.
    response.headers["Server"] = "cruddur"
    response.headers["X-Content-Type-Options"] = "nosniff"


class StreamServer:
    """The parts of one stream process; `clock` is the wall clock tokens expire by (tests may move it)."""

    def __init__(self, config, settings, clock=time.time):
        self.config = config
        self.settings = settings
        self.db = Database()
        self.executor = ThreadPoolExecutor(settings.lookup_threads, thread_name_prefix="stream-lookup")
        self.directory = CognitoDirectory()
        keys = KeyCache(config.jwks_url, config.jwks_refetch_interval_seconds)
        self.verifier = TokenVerifier(config.cognito_issuer, config.cognito_user_pool_client_id, keys)
        self.hub = Hub(self.db, self.executor, settings, config.assets_base_url, media_url_signer(config), clock=clock)
        self.listener = Listener(
            config.database_url,
            self.hub.on_payload,
            self.hub.check_lookups,
            check_seconds=settings.listener_check_seconds,
            retry_max_seconds=settings.listener_retry_max_seconds,
        )
        self.home_events = HomeSubscriber(
            config.timelines_url,
            self.hub.on_home,
            check_seconds=settings.listener_check_seconds,
            retry_max_seconds=settings.listener_retry_max_seconds,
        )
        self.tasks = []

    def app(self):
        app = web.Application(middlewares=[errors_as_json])
        app[HUB] = self.hub
        app.router.add_get(PATH, self.stream)
        app.router.add_get(f"{PATH}/health-check", self.health)
        app.on_response_prepare.append(_plain_headers)
        app.on_startup.append(self._start)
        app.on_shutdown.append(self._shutdown)
        app.on_cleanup.append(self._cleanup)
        return app

    async def _start(self, _app):
        # The lookups' pool is small: the hub reads once per event, not once per stream.
        self.db.open(self.config.with_overrides(db_pool_max_size=max(self.settings.lookup_threads, 1)))
        # CognitoDirectory registers itself in an app's extensions; this process only needs its client.
        self.directory.init_app(SimpleNamespace(extensions={}), self.config)
        self.hub.start()
        loop = asyncio.get_running_loop()
        self.tasks = [loop.create_task(self.listener.run()), loop.create_task(self.home_events.run())]

    async def _shutdown(self, _app):
        await self.hub.stop()

    async def _cleanup(self, _app):
        for task in self.tasks:
            task.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.db.close()

    async def health(self, _request):
        # Ready means listening to PostgreSQL. Without Redis only `home` events stop (the home page still reads
        # PostgreSQL), so taking every stream task out of service for it would lose more than it saves.
        status = 200 if self.listener.connected else 503
        body = {
            "success": self.listener.connected,
            "listening": self.listener.connected,
            "home_events": self.home_events.subscribed,
            "streams": self.hub.count(),
        }
        return web.json_response(body, status=status, dumps=lambda v: orjson.dumps(v).decode())

    async def _viewer(self, request):
        token = bearer_token(request.headers.get("Authorization"))
        if token is None:
            raise Unauthenticated("missing_token", "Sign in first: send 'Authorization: Bearer <access token>'")
        claims = await self.hub.run_in_thread(self.verifier.verify, token)
        viewer = await self.hub.run_in_thread(lookups.viewer, self.db, self.directory, claims["sub"], token)
        return viewer, claims["exp"]

    async def stream(self, request):
        viewer, expires_at = await self._viewer(request)
        stream = self.hub.open(viewer["uuid"], expires_at)
        opened = time.monotonic()
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache, no-transform",
                "X-Accel-Buffering": "no",
            }
        )
        reason = "client_gone"
        log.info(
            "stream opened",
            extra={"fields": {"event": "stream_open", "user_uuid": stream.viewer, "open_streams": self.hub.count()}},
        )
        try:
            await response.prepare(request)
            await response.write(b": connected\n\n")
            reason = await self._pump(stream, response)
        except ConnectionError:
            reason = "client_gone"
        except asyncio.CancelledError:
            reason = "client_gone"
            raise
        finally:
            self.hub.close(stream)
            log.info(
                "stream closed",
                extra={
                    "fields": {
                        "event": "stream_close",
                        "user_uuid": stream.viewer,
                        "reason": reason,
                        "events": stream.events,
                        "duration_s": round(time.monotonic() - opened, 3),
                        "open_streams": self.hub.count(),
                    }
                },
            )
        return response

    @staticmethod
    async def _pump(stream, response):
        """Writes what the hub queues (events, and the pings and token expiry of its shared clock) until the
        stream ends; answers why it ended. One task per stream, and no timer of its own."""
        while True:
            chunk = await stream.queue.get()
            if chunk is Stream.CLOSE:
                return "slow_client" if stream.overflowed else "server_closing"
            await response.write(chunk)
            if chunk is Stream.EXPIRED:
                return "token_expired"
