"""A small fake Discord on 127.0.0.1: REST v10 and a gateway websocket, enough for discord.py 2.7.

The bot under test connects to it through DISCORD_API_BASE / DISCORD_GATEWAY_URL, exactly as it
would connect to a REST or gateway proxy. The fake records every REST request (method, path,
query, JSON body, headers) so tests can assert on what the bot sent, and lets tests push gateway
events (INTERACTION_CREATE, MESSAGE_CREATE) and opcodes (RECONNECT) to the connected shards.

Quirks of discord.py 2.7.1 it honours:
- REST responses carry `Content-Type: application/json` exactly (aiohttp's json_response adds
  `; charset=utf-8`, and discord.py then treats the body as text);
- the gateway is asked for `compress=zlib-stream`: binary frames from one zlib stream per
  connection, each ending in Z_SYNC_FLUSH (any other compression gets plain text frames);
- READY carries user, session_id, resume_gateway_url, guilds, application and shard, followed
  by one GUILD_CREATE per guild of that shard; op 7 RECONNECT is answered by a RESUME (op 6).

Like Discord it refuses (400, code 50035) a message whose buttons repeat a custom_id, exceed
Discord's lengths, or do not fit in 5 rows of 5 (`refuse_components`). For the tests of a
misbehaving gateway it can send raw frames (`GatewaySession.send_raw`), replace the next HELLO,
READY or RESUMED, and close IDENTIFY with a code of the test's choosing.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"

# Snowflakes: (n << 22) puts n in the timestamp bits, so guild ids spread over shards by
# (guild_id >> 22) % shard_count. Guild A lands on shard 0 and guild B on shard 1 of 2.
APPLICATION_ID = 1_100_000_000_000_000_001
BOT_ID = 1_100_000_000_000_000_002
GUILD_A = (262_000_000_000 << 22) | 1
GUILD_B = (262_000_000_001 << 22) | 1
TIMESTAMP = "2026-01-01T00:00:00.000000+00:00"


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class FakeGuild:
    id: int
    name: str
    channel_id: int
    thread_id: int
    role_id: int


def default_guilds() -> tuple[FakeGuild, ...]:
    return tuple(
        FakeGuild(id=gid, name=name, channel_id=gid + 10, thread_id=gid + 20, role_id=gid + 30)
        for gid, name in ((GUILD_A, "History A"), (GUILD_B, "History B"))
    )


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    headers: dict[str, str]


@dataclass
class GatewaySession:
    """One websocket connection from one shard of the bot."""

    ws: web.WebSocketResponse
    compressor: Any  # zlib compressobj, or None for plain text frames
    shard_id: int = 0
    shard_count: int = 1
    session_id: str = ""
    seq: int = 0
    identify: dict[str, Any] | None = None
    resumed: bool = False
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    # One zlib stream per connection: frames must be compressed and written in the same order.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def open(self) -> bool:
        return not self.ws.closed

    async def send(self, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload)
        async with self.lock:
            if self.compressor is None:
                await self.ws.send_str(raw)
            else:
                data = self.compressor.compress(raw.encode()) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)

    async def dispatch(self, event: str, data: Any) -> None:
        self.seq += 1
        await self.send({"op": 0, "t": event, "s": self.seq, "d": data})

    async def send_raw(self, text: str = "", *, data: bytes | None = None) -> None:
        """A frame as given: `text` through the connection's zlib stream (or as a text frame), or
        `data` as a binary frame, bypassing the stream (to corrupt it)."""
        async with self.lock:
            if data is not None:
                await self.ws.send_bytes(data)
            elif self.compressor is None:
                await self.ws.send_str(text)
            else:
                flushed = self.compressor.compress(text.encode()) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(flushed)


def refuse_components(message: dict[str, Any]) -> dict[str, Any] | None:
    """Discord's answer to a message whose buttons it would refuse, or None if it takes them: at most
    5 rows of at most 5 buttons, every custom_id unique within the message and at most 100
    characters, every label at most 80."""
    seen: set[str] = set()
    rows = message.get("components") or []
    if len(rows) > 5 or any(len(row.get("components") or []) > 5 for row in rows):
        return {"message": "Invalid Form Body", "code": 50035, "errors": {"components": {"_errors": [
            {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 5 or fewer in length."}]}}}
    for row in rows:
        for component in row.get("components") or []:
            custom_id = str(component.get("custom_id", ""))
            if custom_id in seen:
                error = {"code": "COMPONENT_CUSTOM_ID_DUPLICATED",
                         "message": "Component custom id cannot be duplicated"}
            elif not 1 <= len(custom_id) <= 100 or len(str(component.get("label") or "")) > 80:
                error = {"code": "BASE_TYPE_BAD_LENGTH", "message": "Must be between 1 and 100 in length."}
            else:
                seen.add(custom_id)
                continue
            return {"message": "Invalid Form Body", "code": 50035,
                    "errors": {"components": {"_errors": [error]}}}
    return None


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]


class FakeDiscord:
    """Start with `async with FakeDiscord() as fake:`; point the bot at `fake.env()`."""

    def __init__(self, token: str = "fake-bot-token.0123456789", guilds: Iterable[FakeGuild] | None = None,
                 gateway_shards: int = 1, port: int = 0) -> None:
        self.token = token
        self.guilds = tuple(guilds) if guilds is not None else default_guilds()
        self.gateway_shards = gateway_shards  # what GET /gateway/bot recommends
        self.recommended_gateway_url: str | None = None  # what GET /gateway/bot names (default: this fake)
        self.requests: list[RecordedRequest] = []
        self.sessions: list[GatewaySession] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> synced commands
        # Called with every recorded request (the benchmark times callbacks with these).
        self.listeners: list[Callable[[RecordedRequest], None]] = []
        # What the gateway sends in place of the next HELLOs (their "d"), READYs (a change to make to
        # its data) and RESUMEDs (their "d"), one per connection, identify or resume; and the close
        # code with which it answers IDENTIFY (4004: authentication failed), if any.
        self.next_hellos: list[Any] = []
        self.next_readies: list[Callable[[dict[str, Any]], dict[str, Any]]] = []
        self.next_resumeds: list[Any] = []
        self.identify_close_code: int | None = None
        # Seconds an interaction callback waits before it is answered (a slow Discord, or a long way),
        # and the callbacks whose answer reached a bot still listening for it.
        self.callback_delay = 0.0
        self.delivered: list[RecordedRequest] = []
        self._ids = itertools.count(1_200_000_000_000_000_000)
        self._failures: list[_Failure] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._sessions_ws: set[web.WebSocketResponse] = set()
        self.port = port  # 0: any free port
        self.connections = 0  # gateway connections opened so far

    # --- lifecycle ------------------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        for ws in list(self._sessions_ws):
            with contextlib.suppress(Exception):
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment that points `pactbot discord` at this fake."""
        return {
            "DISCORD_TOKEN": self.token,
            "DISCORD_API_BASE": self.api_base,
            "DISCORD_GATEWAY_URL": self.gateway_url,
            **extra,
        }

    def bot_user(self) -> dict[str, Any]:
        return {"id": str(BOT_ID), "username": "pactbot", "discriminator": "0", "global_name": "pactbot",
                "avatar": None, "bot": True, "flags": 0, "verified": True, "mfa_enabled": False}

    # --- waiting --------------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, check: Callable[[], Any], within: float = 5.0, what: str = "condition") -> Any:
        """Wait until `check()` returns something truthy, and return it."""
        async def loop() -> Any:
            async with self._changed:
                while not (found := check()):
                    # Woken by every request and gateway change; the short timeout also catches
                    # changes on the bot's side (its health, its metrics).
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), 0.02)
                return found

        try:
            return await asyncio.wait_for(loop(), within)
        except TimeoutError:
            raise AssertionError(f"fake Discord: timed out waiting for {what}") from None

    async def wait_request(self, method: str, path_regex: str, within: float = 5.0,
                           after: int = 0) -> RecordedRequest:
        """The first request (from index `after` on) whose method and path match."""
        pattern = re.compile(path_regex)

        def find() -> RecordedRequest | None:
            for request in self.requests[after:]:
                if request.method == method and pattern.fullmatch(request.path):
                    return request
            return None

        found: RecordedRequest = await self.wait_until(find, within, f"{method} {path_regex}")
        return found

    def requests_to(self, method: str, path_regex: str) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    async def wait_shards(self, shard_ids: Iterable[int], shard_count: int, within: float = 10.0) -> None:
        """Wait until each shard has a live session that got READY and its guilds."""
        wanted = set(shard_ids)

        def ready() -> bool:
            live = {s.shard_id for s in self.sessions
                    if s.open and s.ready.is_set() and s.shard_count == shard_count}
            return wanted <= live

        await self.wait_until(ready, within, f"shards {sorted(wanted)} of {shard_count}")

    def fail_next(self, method: str, path_regex: str, status: int = 400,
                  body: dict[str, Any] | None = None) -> None:
        """Make the next matching REST request fail once (as Discord would reject a bad message)."""
        self._failures.append(_Failure(method, re.compile(path_regex), status,
                                       body or {"message": "Invalid Form Body", "code": 50035}))

    # --- REST -----------------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        # Exactly "application/json": discord.py compares the header verbatim.
        return web.Response(body=json.dumps(data).encode(), status=status,
                            headers={"Content-Type": "application/json"})

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if raw and request.content_type == "application/json":
                body = json.loads(raw)
            elif raw:
                body = raw.decode(errors="replace")
        recorded = RecordedRequest(request.method, path, dict(request.query), body, dict(request.headers))
        self.requests.append(recorded)
        for listener in self.listeners:
            listener(recorded)
        await self._notify()
        if path.endswith("/callback"):
            await asyncio.sleep(self.callback_delay)
            if request.transport is not None and not request.transport.is_closing():
                self.delivered.append(recorded)
        for failure in self._failures:
            if failure.method == request.method and failure.pattern.fullmatch(path):
                self._failures.remove(failure)
                return self._json(failure.body, failure.status)

        # Interaction callbacks and follow-ups authenticate by the interaction token in the URL.
        open_route = path.startswith(("/interactions/", "/webhooks/"))
        if not open_route and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        if request.method == "POST" and isinstance(body, dict):
            refused = refuse_components((body.get("data") or body) if "/callback" in path else body)
            if refused is not None:
                return self._json(refused, 400)
        return self._route(request.method, path, body)

    def _route(self, method: str, path: str, body: Any) -> web.Response:
        if method == "GET" and path == "/users/@me":
            return self._json(self.bot_user())
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._json({
                "id": str(APPLICATION_ID), "name": "pactbot", "description": "", "icon": None,
                "bot_public": True, "bot_require_code_grant": False, "verify_key": "00" * 32,
                "owner": {"id": "1", "username": "owner", "discriminator": "0", "avatar": None},
                "flags": 0,
            })
        if method == "GET" and path == "/gateway/bot":
            return self._json({"url": self.recommended_gateway_url or self.gateway_url,
                               "shards": self.gateway_shards,
                               "session_start_limit": {"total": 1000, "remaining": 1000,
                                                       "reset_after": 0, "max_concurrency": 1}})
        command_path = re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path)
        if command_path and method == "PUT":
            app, guild = command_path.groups()
            synced = [{**c, "id": str(next(self._ids)), "application_id": app, "version": "1",
                       **({"guild_id": guild} if guild else {})} for c in body]
            self.commands[guild or "global"] = synced
            return self._json(synced)
        if (m := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)) and method == "POST":
            flags = int(((body or {}).get("data") or {}).get("flags", 0) or 0)
            return self._json({"interaction": {
                "id": m.group(1), "type": 2, "response_message_id": str(next(self._ids)),
                "response_message_loading": False, "response_message_ephemeral": bool(flags & 64),
            }})
        if (m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)", path)) and method == "POST":
            return self._json(self.message_payload(0, body or {}))
        if (m := re.fullmatch(r"/channels/(\d+)/messages", path)) and method == "POST":
            return self._json(self.message_payload(int(m.group(1)), body or {}))
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    def message_payload(self, channel_id: int, body: dict[str, Any],
                        guild_id: int | None = None) -> dict[str, Any]:
        """A message the bot sent, as Discord would return it."""
        data: dict[str, Any] = {
            "id": str(next(self._ids)), "channel_id": str(channel_id), "type": 0,
            "content": body.get("content") or "", "author": self.bot_user(),
            "embeds": body.get("embeds") or [], "components": body.get("components") or [],
            "flags": int(body.get("flags") or 0), "timestamp": TIMESTAMP, "edited_timestamp": None,
            "mentions": [], "mention_roles": [], "attachments": [], "pinned": False, "tts": False,
            "mention_everyone": False,
        }
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
        return data

    # --- gateway --------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sessions_ws.add(ws)
        compressor = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        session = GatewaySession(ws=ws, compressor=compressor)
        self.connections += 1
        hello = self.next_hellos.pop(0) if self.next_hellos else {"heartbeat_interval": 41250}
        try:
            await session.send({"op": 10, "d": hello})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                await self._on_gateway(session, json.loads(msg.data))
        finally:
            self._sessions_ws.discard(ws)
            await self._notify()
        return ws

    async def _on_gateway(self, session: GatewaySession, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == 1:  # heartbeat
            await session.send({"op": 11})
        elif op == 2:  # identify
            if data.get("token") != self.token or self.identify_close_code is not None:
                code = self.identify_close_code or 4004
                await session.ws.close(code=code, message=b"Authentication failed.")
                return
            session.identify = data
            session.shard_id, session.shard_count = data.get("shard") or [0, 1]
            session.session_id = f"session-{next(self._ids)}"
            self.sessions.append(session)
            mine = [g for g in self.guilds if shard_of(g.id, session.shard_count) == session.shard_id]
            ready = {
                "v": 10, "user": self.bot_user(), "session_id": session.session_id,
                "resume_gateway_url": self.gateway_url,
                "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
                "shard": [session.shard_id, session.shard_count],
                "application": {"id": str(APPLICATION_ID), "flags": 0},
            }
            await session.dispatch("READY", self.next_readies.pop(0)(ready) if self.next_readies else ready)
            for guild in mine:
                await session.dispatch("GUILD_CREATE", self.guild_payload(guild))
            session.ready.set()
            await self._notify()
        elif op == 6:  # resume
            old = next((s for s in self.sessions if s.session_id == data.get("session_id")), None)
            if old is None or data.get("token") != self.token:
                await session.send({"op": 9, "d": False})
                return
            session.identify = old.identify
            session.shard_id, session.shard_count = old.shard_id, old.shard_count
            session.session_id, session.seq, session.resumed = old.session_id, int(data.get("seq") or 0), True
            self.sessions.remove(old)
            self.sessions.append(session)
            await session.dispatch("RESUMED", self.next_resumeds.pop(0) if self.next_resumeds else {})
            session.ready.set()
            await self._notify()

    def guild_payload(self, guild: FakeGuild) -> dict[str, Any]:
        gid = str(guild.id)
        return {
            "id": gid, "name": guild.name, "icon": None, "owner_id": "1", "unavailable": False,
            "member_count": 3, "large": False, "features": [], "emojis": [], "stickers": [],
            "roles": [
                {"id": gid, "name": "@everyone", "permissions": "1024", "position": 0, "color": 0,
                 "hoist": False, "managed": False, "mentionable": False, "flags": 0},
                {"id": str(guild.role_id), "name": "historians", "permissions": "0", "position": 1,
                 "color": 0, "hoist": False, "managed": False, "mentionable": True, "flags": 0},
            ],
            "channels": [
                {"id": str(guild.channel_id), "type": 0, "name": "history", "position": 0,
                 "permission_overwrites": [], "nsfw": False, "parent_id": None, "guild_id": gid},
            ],
            "threads": [
                {"id": str(guild.thread_id), "type": 11, "name": "questions",
                 "parent_id": str(guild.channel_id), "owner_id": "1", "guild_id": gid,
                 "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                                     "archive_timestamp": TIMESTAMP, "locked": False},
                 "message_count": 0, "member_count": 1, "rate_limit_per_user": 0, "flags": 0},
            ],
            "members": [], "presences": [], "voice_states": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [], "preferred_locale": "en-US",
            "joined_at": TIMESTAMP, "premium_tier": 0, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "nsfw_level": 0, "system_channel_flags": 0,
        }

    # --- pushing events -------------------------------------------------------------------------

    def guild(self, guild_id: int) -> FakeGuild:
        return next(g for g in self.guilds if g.id == guild_id)

    def session_for(self, guild_id: int | None) -> GatewaySession:
        """The live session of the shard that owns `guild_id` (DMs go to shard 0, as on Discord)."""
        for session in reversed(self.sessions):
            if not session.open or not session.ready.is_set():
                continue
            wanted = 0 if guild_id is None else shard_of(guild_id, session.shard_count)
            if session.shard_id == wanted:
                return session
        raise AssertionError(f"no connected shard owns guild {guild_id}")

    def sessions_for(self, guild_id: int) -> list[GatewaySession]:
        """Every live session (from any process) that owns `guild_id`."""
        return [s for s in self.sessions if s.open and s.ready.is_set()
                and s.shard_id == shard_of(guild_id, s.shard_count)]

    @staticmethod
    def user(user_id: int, name: str = "reader", bot: bool = False) -> dict[str, Any]:
        return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name,
                "avatar": None, "bot": bot}

    @staticmethod
    def member(user: dict[str, Any]) -> dict[str, Any]:
        return {"user": user, "roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False,
                "flags": 0, "nick": None, "permissions": "2147483647"}

    def _interaction_base(self, kind: int, guild_id: int, user_id: int, locale: str) -> dict[str, Any]:
        guild = self.guild(guild_id)
        return {
            "id": str(next(self._ids)), "application_id": str(APPLICATION_ID), "type": kind,
            "token": f"interaction-token-{next(self._ids)}", "version": 1,
            "guild_id": str(guild_id), "channel_id": str(guild.channel_id),
            "channel": {"id": str(guild.channel_id), "type": 0, "name": "history", "position": 0,
                        "guild_id": str(guild_id), "permission_overwrites": [], "nsfw": False,
                        "parent_id": None},
            "member": self.member(self.user(user_id)), "locale": locale, "guild_locale": "en-US",
            "app_permissions": "2147483647", "entitlements": [], "context": 0,
            "authorizing_integration_owners": {"0": str(guild_id)}, "attachment_size_limit": 8388608,
        }

    def _command_data(self, name: str, guild_id: int) -> dict[str, Any]:
        for scope in (str(guild_id), "global"):
            for command in self.commands.get(scope, []):
                if command["name"] == name:
                    data = {"id": command["id"], "name": name, "type": 1}
                    if scope != "global":
                        data["guild_id"] = scope
                    return data
        return {"id": "1", "name": name, "type": 1}

    async def slash(self, question: str, *, guild_id: int = GUILD_A, user_id: int = 7001,
                    locale: str = "en-US", private: bool | None = None, command: str = "pact",
                    session: GatewaySession | None = None) -> dict[str, Any]:
        """Push `/command question:<question>` as INTERACTION_CREATE (type 2); returns the payload."""
        payload = self._interaction_base(2, guild_id, user_id, locale)
        options: list[dict[str, Any]] = [{"name": "question", "type": 3, "value": question}]
        if private is not None:
            options.append({"name": "private", "type": 5, "value": private})
        payload["data"] = {**self._command_data(command, guild_id), "options": options}
        await (session or self.session_for(guild_id)).dispatch("INTERACTION_CREATE", payload)
        return payload

    async def autocomplete(self, partial: str, *, guild_id: int = GUILD_A, user_id: int = 7001,
                           locale: str = "en-US", command: str = "pact") -> dict[str, Any]:
        payload = self._interaction_base(4, guild_id, user_id, locale)
        payload["data"] = {**self._command_data(command, guild_id),
                           "options": [{"name": "question", "type": 3, "value": partial, "focused": True}]}
        await self.session_for(guild_id).dispatch("INTERACTION_CREATE", payload)
        return payload

    async def click(self, custom_id: str, message: dict[str, Any], *, guild_id: int = GUILD_A,
                    user_id: int = 7001, locale: str = "en-US") -> dict[str, Any]:
        """Push a button click (type 3) on `message` (a payload from `message_payload`)."""
        payload = self._interaction_base(3, guild_id, user_id, locale)
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        payload["message"] = message
        await self.session_for(guild_id).dispatch("INTERACTION_CREATE", payload)
        return payload

    async def message(self, content: str, *, guild_id: int | None = GUILD_A, channel_id: int | None = None,
                      author: dict[str, Any] | None = None, mentions: Iterable[dict[str, Any]] = (),
                      mention_roles: Iterable[int] = (), mention_everyone: bool = False) -> dict[str, Any]:
        """Push MESSAGE_CREATE in a server channel (default), a thread (`channel_id`) or a DM (no guild)."""
        author = author or self.user(7001)
        if channel_id is None:
            # In a DM, a channel id of its own per user.
            dm_channel = 9_000 + int(author["id"])
            channel_id = self.guild(guild_id).channel_id if guild_id is not None else dm_channel
        payload: dict[str, Any] = {
            "id": str(next(self._ids)), "channel_id": str(channel_id), "type": 0, "content": content,
            "author": author, "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False,
            "mention_everyone": mention_everyone, "mention_roles": [str(r) for r in mention_roles],
            "attachments": [], "embeds": [], "pinned": False, "flags": 0, "components": [],
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["member"] = {k: v for k, v in self.member(author).items() if k != "user"}
            payload["mentions"] = [{**u, "member": {k: v for k, v in self.member(u).items() if k != "user"}}
                                   for u in mentions]
        else:
            payload["mentions"] = list(mentions)
        await self.session_for(guild_id).dispatch("MESSAGE_CREATE", payload)
        return payload

    async def reconnect(self, shard_id: int = 0) -> GatewaySession:
        """Send op 7 RECONNECT to a shard, as Discord does before moving it; returns the old session."""
        session = next(s for s in reversed(self.sessions) if s.open and s.shard_id == shard_id)
        await session.send({"op": 7, "d": None})
        return session
