"""The Slack connection: Bolt in Socket Mode (a websocket we open) or HTTP mode (an aiohttp server
that also carries the ops routes), started with a clear line for a rejected token, and stopped so
that answers in flight finish first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient

from bot.adapters.slack.http import verified_request
from bot.adapters.slack.listeners import register
from bot.adapters.slack.settings import PLATFORM, SlackSettings
from bot.context import AppContext
from bot.conversation.stage import Stage
from bot.ops import READ_TIMEOUT_SECONDS, add_ops_routes, bound_port
from bot.startup import Backoff, StartupError, Unreachable, until_reachable

_Result = TypeVar("_Result")
log = logging.getLogger(__name__)

#: How long close() lets answers in flight finish (the runtime allows runners 6 s in all).
DRAIN_SECONDS = 4.0
# Slack errors that pass by themselves: tried again rather than reported as a setting to fix.
_PASSING_ERRORS = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                             "request_timeout"})
_REJECTED_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
     "not_allowed_token_type", "missing_scope", "invalid_token"}
)


class _ObservedSocketModeClient(SocketModeClient):
    """slack-sdk's aiohttp Socket Mode client, telling us of every (re)connection it makes."""

    def __init__(self, *, on_connected: Callable[[bool], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_connected = on_connected
        self._connections = 0

    async def connect(self) -> None:
        await super().connect()  # type: ignore[no-untyped-call]
        if not self.closed and self.current_session is not None:
            self._on_connected(self._connections > 0)
            self._connections += 1


class _SocketModeHandler(AsyncSocketModeHandler):
    """Bolt's async Socket Mode handler on the observed client (the base class would build a plain one)."""

    def __init__(self, app: AsyncApp, app_token: str, on_connected: Callable[[bool], None]) -> None:
        # Deliberately not calling super().__init__: it would open a second, unused client session.
        self.app = app
        self.app_token = app_token
        self.client = _ObservedSocketModeClient(
            app_token=app_token, logger=app.logger, web_client=app.client, on_connected=on_connected
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]


def _rejected(what: str, exc: SlackApiError) -> StartupError:
    error = str(exc.response.get("error", "unknown_error"))
    if error in _REJECTED_TOKEN_ERRORS:
        return StartupError(f"Slack rejected {what} ({error}); check the token and the app's scopes")
    return StartupError(f"Slack refused to start with {what} ({error})")


class SlackRunner:
    """Serves one Slack app until `close()`: Socket Mode, or HTTP mode with the ops routes alongside."""

    platform = PLATFORM

    def __init__(self, ctx: AppContext, settings: SlackSettings, health_interval: float = 2.0,
                 drain_seconds: float = DRAIN_SECONDS) -> None:
        self.ctx = ctx
        self.settings = settings
        # In HTTP mode this server also carries /healthz, /readyz and /metrics (bot.runtime asks).
        self.ops_port: int | None = settings.port if settings.http else None
        self.stage = Stage.from_context(ctx)
        self.backoff = Backoff()  # between attempts to reach Slack at start-up
        self._health_interval = health_interval
        self._drain_seconds = drain_seconds
        self._closed = asyncio.Event()
        self._web_runner: web.AppRunner | None = None
        self._socket: _SocketModeHandler | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self.app: AsyncApp | None = None
        self.bound_port: int | None = None

    async def build_app(self) -> AsyncApp:
        """Build the Bolt app with our listeners and check the bot token against Slack (auth.test)."""
        app = AsyncApp(
            # Given a `client`, Bolt warns whenever SLACK_BOT_TOKEN is in os.environ; so it builds its
            # own client from the token and we point that client at the configured Web API base.
            token=self.settings.bot_token,
            # HTTP requests are verified before Bolt sees them (`verified_request`), so nothing of an
            # unsigned request is parsed, logged or handed to a listener or error handler. Socket Mode
            # requests come over our own authenticated websocket and carry no signature.
            request_verification_enabled=False,
            name="pactbot",
            logger=logging.getLogger("bot.adapters.slack.bolt"),
        )
        # One connection pool for every Web API call and response_url answer; without a session
        # slack-sdk opens (and closes) a new one per call.
        self._session = aiohttp.ClientSession()
        app.client.session = self._session
        app.client.base_url = self.settings.api_url
        app.client.timeout = 10
        auth = await self._at_start("SLACK_BOT_TOKEN", app.client.auth_test)
        log.info("Slack: signed in as %s in team %s", auth.get("user"), auth.get("team"))
        register(app, self.stage, self.settings.command)
        self.app = app
        return app

    async def _at_start(self, token_name: str, call: Callable[[], Awaitable[_Result]]) -> _Result:
        """`call()` made at start-up, until Slack answers: a rejected token is one clear `StartupError`
        line; an unreachable or failing Slack is tried again (bot.startup.until_reachable)."""

        async def attempt() -> _Result:
            try:
                return await call()
            except SlackApiError as exc:
                error, status = str(exc.response.get("error", "")), exc.response.status_code
                if status >= 500 or error in _PASSING_ERRORS:
                    raise Unreachable(f"Slack could not answer at {self.settings.api_url} "
                                      f"(HTTP {status} {error})") from None
                raise _rejected(token_name, exc) from None
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                raise Unreachable(
                    f"cannot reach the Slack Web API at {self.settings.api_url} ({type(exc).__name__})"
                ) from None

        return await until_reachable(attempt, self.backoff)

    async def start(self) -> None:
        app = await self.build_app()
        if self._closed.is_set():
            return
        if self.settings.http:
            await self._start_http(app)
        else:
            await self._start_socket_mode(app)
        await self._closed.wait()

    async def _start_http(self, app: AsyncApp) -> None:
        signing_secret = self.settings.signing_secret
        assert signing_secret is not None  # from_env guarantees it in HTTP mode

        async def handle(request: web.Request) -> web.Response:
            bolt_request = await verified_request(request, signing_secret)
            if isinstance(bolt_request, web.Response):
                return bolt_request
            return await to_aiohttp_response(await app.async_dispatch(bolt_request))

        web_app = web.Application()
        web_app.router.add_post(self.settings.path, handle)
        add_ops_routes(web_app, self.ctx)
        # A client that never finishes its request head is cut off, as on the ops server.
        runner = web.AppRunner(web_app, access_log=None, handle_signals=False, shutdown_timeout=2.0,
                               keepalive_timeout=READ_TIMEOUT_SECONDS)
        await runner.setup()
        self._web_runner = runner
        site = web.TCPSite(runner, self.settings.host, self.settings.port)
        try:
            await site.start()
        except OSError as exc:
            raise StartupError(
                f"cannot listen on {self.settings.host}:{self.settings.port} ({exc.strerror or exc})"
            ) from None
        self.bound_port = bound_port(runner)
        self.ctx.health.set_connected(PLATFORM, True)
        log.info("Slack HTTP mode: listening on http://%s:%d%s", self.settings.host, self.bound_port,
                 self.settings.path)

    async def _start_socket_mode(self, app: AsyncApp) -> None:
        app_token = self.settings.app_token
        assert app_token is not None  # from_env guarantees it in Socket Mode
        handler = _SocketModeHandler(app, app_token, self._on_socket_connected)
        self._socket = handler

        async def connect() -> None:
            # Ask for the websocket URL ourselves first: slack-sdk's connect() retries a rejected
            # app token forever (a wrong token must be one clear line and exit 2 instead), and its
            # issue_new_wss_url() logs each failure as an ERROR of its own.
            opened = await app.client.apps_connections_open(app_token=app_token)
            handler.client.wss_uri = str(opened["url"])
            await handler.connect_async()  # type: ignore[no-untyped-call]

        await self._at_start("SLACK_APP_TOKEN", connect)
        self._watcher = asyncio.create_task(self._watch_socket(handler), name="slack-socket-health")
        log.info("Slack Socket Mode: connected")

    def _on_socket_connected(self, reconnect: bool) -> None:
        if reconnect:
            self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
            log.info("Slack Socket Mode: reconnected")
        self.ctx.health.set_connected(PLATFORM, True)

    async def _watch_socket(self, handler: _SocketModeHandler) -> None:
        # The client reconnects by itself; this only keeps /readyz truthful in between.
        while not self._closed.is_set():
            await asyncio.sleep(self._health_interval)
            self.ctx.health.set_connected(PLATFORM, await handler.client.is_connected())

    async def close(self) -> None:
        """Stop taking requests, let the answers in flight finish (bounded), then close connections."""
        self._closed.set()
        self.ctx.health.set_connected(PLATFORM, False)
        if self._watcher is not None:
            self._watcher.cancel()
            await asyncio.gather(self._watcher, return_exceptions=True)
            self._watcher = None
        if self._socket is not None:
            socket, self._socket = self._socket, None
            await socket.close_async()  # type: ignore[no-untyped-call]
        if self._web_runner is not None:
            runner, self._web_runner = self._web_runner, None
            await runner.cleanup()
        left = await self.stage.finish(self._drain_seconds)
        if left:
            log.warning("closing Slack with %d answer(s) still in flight", left)
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()


def build_runner(ctx: AppContext, settings: SlackSettings) -> SlackRunner:
    return SlackRunner(ctx, settings)
