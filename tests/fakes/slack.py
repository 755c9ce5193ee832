"""A small fake Slack on 127.0.0.1 for tests and benchmarks: Web API, response_url sink, Socket Mode.

It runs an aiohttp server on its own thread and event loop, so sync and async Bolt apps (and a
`pactbot` subprocess) can all talk to it. Everything it receives is recorded for assertions:

- `POST /api/<method>`: recorded in `calls`. `auth.test` and `apps.connections.open` check the
  bearer token (`invalid_auth` otherwise); `apps.connections.open` returns a ws:// URL to this server;
  `chat.postMessage`/`chat.postEphemeral` return a message ts; any other method answers `{"ok": true}`.
  `fail_next(method, error, status)` makes the next call of `method` fail with that Slack error.
- `POST /response/<key>`: a `response_url` sink, recorded in `responses` once answered (with
  `response_delay`, only if the bot is still there to hear the answer; `arrived` counts every post).
- Messages with blocks Slack would refuse (an action_id twice, a label too long, too many elements;
  see `refuse_blocks`)
  are refused as Slack refuses them: `invalid_blocks` from chat.*, HTTP 400 at a response_url (those
  are kept in `refused`).
- `GET /socket`: the Socket Mode websocket. It sends `hello`, `push(envelope)` sends an envelope to
  every connected client, and every message a client sends back is recorded in `acks`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass(frozen=True)
class Posted:
    """A message posted to a response_url, and when it arrived (time.perf_counter, for benchmarks)."""

    key: str
    body: dict[str, Any]
    at: float = 0.0


@dataclass
class FakeSlack:
    bot_token: str = "xoxb-fake-bot-token"
    app_token: str = "xapp-fake-app-token"
    bot_user_id: str = "UBOT"
    team_id: str = "T0FAKE"
    calls: list[ApiCall] = field(default_factory=list, repr=False)
    responses: list[Posted] = field(default_factory=list, repr=False)
    acks: list[dict[str, Any]] = field(default_factory=list, repr=False)
    raw: list[str] = field(default_factory=list, repr=False)  # every body received, for "never sent" checks
    refused: list[Posted] = field(default_factory=list, repr=False)  # response_url posts Slack would refuse
    connections_opened: int = 0
    port: int = 0
    response_delay: float = 0.0  # seconds the response_url sink waits before it answers (a slow Slack)
    arrived: int = 0  # response_url posts received, answered or not yet (`responses` holds the answered)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, list[tuple[str, int]]] = {}
        self._sockets: dict[web.WebSocketResponse, int] = {}  # open websocket -> its ticket
        self._ts = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve())
            except BaseException as exc:  # reported to start()'s caller
                errors.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="fake-slack", daemon=True)
        self._thread.start()
        if not ready.wait(10) or errors:
            raise RuntimeError(f"the fake Slack did not start: {errors}")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/response/{key}", self._response)
        app.router.add_get("/socket", self._socket)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self.port)
        await site.start()
        self._runner = runner
        for address in runner.addresses:
            self.port = int(address[1])

    async def _shutdown(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- addresses ---------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, key: str | None = None) -> str:
        return f"{self.base_url}/response/{key or uuid.uuid4().hex}"

    def slash_command(
        self, text: str, key: str, *, user: str = "U1", command: str = "/pact"
    ) -> dict[str, str]:
        """The fields Slack sends for a slash command, answered at `response_url(key)`: a form body in
        HTTP mode (urlencode it), an envelope's payload in Socket Mode."""
        return {
            "token": "verification-token", "team_id": self.team_id, "team_domain": "fake", "channel_id": "C1",
            "channel_name": "general", "user_id": user, "user_name": "ada", "command": command, "text": text,
            "response_url": self.response_url(key), "trigger_id": "1.2.3", "api_app_id": "AFAKE",
        }

    # -- control and inspection (thread-safe) ------------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.responses.clear()
            self.acks.clear()
            self.raw.clear()
            self.refused.clear()
            self.arrived = 0
            self._failures.clear()
            self.response_delay = 0.0

    def fail_next(self, method: str, error: str, status: int = 200) -> None:
        """Make the next call of `method` fail with Slack error `error` (and HTTP `status`, say 503)."""
        with self._lock:
            self._failures.setdefault(method, []).append((error, status))

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def responses_to(self, key: str) -> list[Posted]:
        with self._lock:
            return [r for r in self.responses if r.key == key]

    def everything_sent(self) -> str:
        """Every body the bot sent to this fake, concatenated, for "this text never left" checks."""
        with self._lock:
            return "\n".join(self.raw)

    def wait_for(self, check: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Poll `check` (from a plain thread) until it returns something truthy; fail after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for the fake Slack")
            time.sleep(0.01)

    async def until(self, check: Callable[[], Any], within: float = 5.0) -> Any:
        """`wait_for` for async tests: polls without blocking the test's event loop."""
        deadline = time.monotonic() + within
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within} s waiting for the fake Slack")
            await asyncio.sleep(0.01)

    @property
    def socket_count(self) -> int:
        with self._lock:
            return len(self._sockets)

    def open_tickets(self) -> list[int]:
        """The tickets (1 for the first apps.connections.open, ...) of the websockets open now."""
        with self._lock:
            return sorted(self._sockets.values())

    def push(self, envelope_type: str, payload: dict[str, Any], **extra: Any) -> str:
        """Send a Socket Mode envelope on the newest connection; returns its envelope_id."""
        envelope_id = uuid.uuid4().hex
        message = {"envelope_id": envelope_id, "type": envelope_type, "payload": payload,
                   "accepts_response_payload": envelope_type != "events_api", **extra}
        self._send(message, newest_only=True)
        return envelope_id

    def ask_to_reconnect(self) -> None:
        """Send Slack's `disconnect` message, as Slack does before it recycles a connection."""
        self._send({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}})

    def _send(self, message: dict[str, Any], newest_only: bool = False) -> None:
        if self._loop is None:
            raise RuntimeError("the fake Slack is not running")
        text = json.dumps(message)

        async def send() -> int:
            with self._lock:
                by_age = sorted(self._sockets, key=self._sockets.__getitem__)
            sockets = by_age[-1:] if newest_only else by_age
            for ws in sockets:
                await ws.send_str(text)
            return len(sockets)

        sent = asyncio.run_coroutine_threadsafe(send(), self._loop).result(5)
        if not sent:
            raise AssertionError("no Socket Mode client is connected to the fake Slack")

    # -- handlers ----------------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        text = await request.text()
        params: dict[str, Any] = dict(parse_qsl(request.query_string))
        if request.content_type == "application/json" and text:
            params.update(json.loads(text))
        elif text:
            params.update(parse_qsl(text, keep_blank_values=True))
        with self._lock:
            self.raw.append(text)
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        with self._lock:
            self.calls.append(ApiCall(method, params, token))
            queued = self._failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure is not None:
            error, status = failure
            return web.json_response({"ok": False, "error": error}, status=status)
        if method == "auth.test":
            if token != self.bot_token:
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response({
                "ok": True, "url": "https://fake.slack.test/", "team": "Fake Team", "user": "pactbot",
                "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": "BFAKE",
            })
        if method == "apps.connections.open":
            if token != self.app_token:
                return web.json_response({"ok": False, "error": "invalid_auth"})
            with self._lock:
                self.connections_opened += 1
                ticket = self.connections_opened
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?ticket={ticket}"})
        if method in ("chat.postMessage", "chat.postEphemeral"):
            if refuse_blocks(params.get("blocks")):
                return web.json_response({"ok": False, "error": "invalid_blocks"})
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            key = "ts" if method == "chat.postMessage" else "message_ts"
            return web.json_response({"ok": True, "channel": params.get("channel"), key: ts})
        return web.json_response({"ok": True})

    async def _response(self, request: web.Request) -> web.Response:
        text = await request.text()
        with self._lock:
            self.arrived += 1
        if self.response_delay:
            await asyncio.sleep(self.response_delay)
            if request.transport is None or request.transport.is_closing():
                return web.Response(text="ok")  # the bot hung up: it never learnt the message arrived
        posted = Posted(request.match_info["key"], json.loads(text or "{}"), time.perf_counter())
        with self._lock:
            self.raw.append(text)
            if refuse_blocks(posted.body.get("blocks")):
                self.refused.append(posted)
                return web.Response(status=400, text="invalid_blocks")
            self.responses.append(posted)
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        with self._lock:
            self._sockets[ws] = int(request.query.get("ticket", "0"))
        try:
            await ws.send_json({"type": "hello", "num_connections": len(self._sockets),
                                "connection_info": {"app_id": "AFAKE"},
                                "debug_info": {"host": "fake", "approximate_connection_time": 3600}})
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    with self._lock:
                        self.raw.append(message.data)
                        self.acks.append(json.loads(message.data))
        finally:
            with self._lock:
                self._sockets.pop(ws, None)
        return ws


def refuse_blocks(blocks: Any) -> bool:
    """Whether Slack would refuse these blocks (`invalid_blocks`): more than 50 blocks, an actions block
    of more than 25 elements, an action_id or block_id used twice in one message, an action_id over
    255 characters, or a button label over 75."""
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks or []) > 50:
        return True
    action_ids: list[str] = []
    block_ids: list[str] = []
    for block in blocks or []:
        if "block_id" in block:
            block_ids.append(block["block_id"])
        if block.get("type") == "actions" and len(block.get("elements") or []) > 25:
            return True
        for element in block.get("elements") or [] if block.get("type") == "actions" else []:
            action_ids.append(str(element.get("action_id", "")))
            if len(element.get("text", {}).get("text", "")) > 75:
                return True
    return (len(set(action_ids)) != len(action_ids) or len(set(block_ids)) != len(block_ids)
            or any(len(a) > 255 for a in action_ids))


def sign(secret: str, body: str | bytes, timestamp: int | None = None) -> dict[str, str]:
    """Headers for a request signed as Slack signs them: v0= HMAC-SHA256 of `v0:{timestamp}:{body}`
    (the body's bytes as sent; a str is sent as UTF-8)."""
    import hashlib
    import hmac

    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}
