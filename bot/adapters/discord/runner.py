"""The Discord connection: the client (gateway, slash command sync, connection bookkeeping) and the
runner that starts it against the configured REST and gateway addresses and stops it cleanly,
letting answers in flight finish first.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl
from discord import app_commands

from bot.adapters.discord import gateway, listeners
from bot.adapters.discord.render import ReplyButton
from bot.adapters.discord.settings import DEFAULT_GATEWAY_URL, PLATFORM, DiscordSettings, intents
from bot.context import AppContext
from bot.conversation.stage import Stage
from bot.startup import Backoff, StartupError, Unreachable, until_reachable

log = logging.getLogger(__name__)

#: How long close() lets answers in flight finish (the runtime allows runners 6 s in all).
DRAIN_SECONDS = 4.0


class PactClient(discord.AutoShardedClient):
    """The bot's Discord client: events go to the stage (bot.adapters.discord.listeners); the client
    itself keeps /readyz and the reconnect count up to date."""

    def __init__(self, ctx: AppContext, stage: Stage, settings: DiscordSettings) -> None:
        optional: dict[str, Any] = {}
        if settings.shard_ids is not None:
            optional["shard_ids"] = list(settings.shard_ids)
        if settings.application_id is not None:
            optional["application_id"] = settings.application_id
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            **optional,
            max_messages=None,  # no message cache: the bot never looks back
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            guild_ready_timeout=settings.guild_ready_timeout,
        )
        self.ctx = ctx
        self.stage = stage
        self.settings = settings
        gateway.guard_parsers(self._connection.parsers)
        self.frame_failures = gateway.install(self)
        self.tree: app_commands.CommandTree[PactClient] = app_commands.CommandTree(self)
        self.tree.error(self.on_command_error)
        guild = discord.Object(id=settings.guild_id) if settings.guild_id else None
        self.tree.add_command(listeners.slash_command(stage, settings), guild=guild)
        self._seen_shards: set[int] = set()
        self._connected_shards: set[int] = set()

    async def setup_hook(self) -> None:
        # Buttons sent before a restart still work: everything a click needs is in its custom_id.
        self.add_dynamic_items(ReplyButton)
        if not self.settings.syncs_commands:
            log.info("not syncing /%s: shard 0 runs in another process", self.settings.command)
            return
        guild = discord.Object(id=self.settings.guild_id) if self.settings.guild_id else None
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.HTTPException:
            # Mentions still work, and Discord keeps the commands synced last time.
            log.exception("could not sync the slash command /%s", self.settings.command)
            return
        where = f"server {self.settings.guild_id}" if guild else "all servers (may take up to an hour)"
        log.info("synced %s to %s", ", ".join(f"/{c.name}" for c in synced), where)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord allows one IDENTIFY per 5 s per bucket; the gate spaces them across every process
        # that shares it (in-process by default, Redis when scaled out).
        await self.ctx.identify_gate.wait(shard_id, initial=initial)

    # Events: to the stage.

    async def on_message(self, message: discord.Message) -> None:
        await listeners.on_message(self.stage, message, self.user)

    async def on_pactbot_click(self, interaction: discord.Interaction[Any], button_id: str) -> None:
        await listeners.on_click(self.stage, interaction, button_id)

    # The one error hook: event handlers (discord.py calls this inside its `except`) and commands.

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        target = next((a for a in args if isinstance(a, discord.Message | discord.Interaction)), None)
        await listeners.on_error(self.stage, f"event {event_method}", target, None)

    async def on_command_error(self, interaction: discord.Interaction[Any],
                               error: app_commands.AppCommandError) -> None:
        await listeners.on_error(self.stage, f"/{self.settings.command}", interaction, error)

    # Connection bookkeeping: readiness for /readyz, reconnects for /metrics.

    def _update_health(self) -> None:
        owned = set(self.shard_ids or range(self.shard_count or 1))
        self.ctx.health.set_connected(PLATFORM, self.is_ready() and owned <= self._connected_shards)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s (%s) with shards %s", self.user, getattr(self.user, "id", "?"),
                 sorted(self._connected_shards))
        self._update_health()

    async def on_shard_connect(self, shard_id: int) -> None:
        if shard_id in self._seen_shards:
            self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
        self._seen_shards.add(shard_id)
        self._connected_shards.add(shard_id)
        self._update_health()

    async def on_shard_ready(self, shard_id: int) -> None:
        self.frame_failures.forget(shard_id)

    async def on_shard_resumed(self, shard_id: int) -> None:
        log.info("Discord shard %s resumed", shard_id)
        self.frame_failures.forget(shard_id)
        self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
        self._connected_shards.add(shard_id)
        self._update_health()

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self._connected_shards.discard(shard_id)
        self.ctx.health.set_connected(PLATFORM, False)


class DiscordRunner:
    """Connects to Discord (or whatever `DISCORD_API_BASE`/`DISCORD_GATEWAY_URL` point at) and serves."""

    platform = PLATFORM
    ops_port: int | None = None  # the ops routes are the runtime's own server's

    def __init__(self, ctx: AppContext, settings: DiscordSettings,
                 drain_seconds: float = DRAIN_SECONDS) -> None:
        self.ctx = ctx
        self.settings = settings
        self.stage = Stage.from_context(ctx)
        self.client: PactClient | None = None
        self.backoff = Backoff()  # between attempts to log in while Discord cannot be reached
        self._drain_seconds = drain_seconds
        self._closed = False

    def _point_at_endpoints(self) -> None:
        # discord.py reads these class attributes for every REST route and gateway connection.
        discord.http.Route.BASE = self.settings.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.settings.gateway_url)
        # The bot never joins voice: spare operators two warnings about voice libraries at start-up.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False

    async def start(self) -> None:
        if self._closed:
            return
        self._point_at_endpoints()
        self.ctx.health.set_connected(PLATFORM, False)
        client = self.client = await until_reachable(self._log_in, self.backoff)
        try:
            # From here on discord.py reconnects by itself, with its own backoff.
            await client.connect(reconnect=True)
        except (discord.ConnectionClosed, discord.PrivilegedIntentsRequired) as exc:
            raise gateway.fatal_close(exc) or exc from None
        finally:
            self.ctx.health.set_connected(PLATFORM, False)
            await client.close()

    async def _log_in(self) -> PactClient:
        """A client logged in with the token: a rejected token is a `StartupError`, an unreachable or
        failing Discord `Unreachable` (tried again)."""
        client = PactClient(self.ctx, self.stage, self.settings)
        try:
            await client.login(self.settings.token)
            if self.settings.shard_count is None and self.settings.gateway_url != DEFAULT_GATEWAY_URL:
                # Without a shard count discord.py would connect to the URL in GET /gateway/bot and
                # bypass a configured gateway proxy; ask for the count only and keep our URL.
                client.shard_count, _, _ = await client.http.get_bot_gateway()
        except BaseException as exc:
            await client.close()
            raise _login_error(exc, self.settings.api_base) from None
        return client

    async def close(self) -> None:
        """Stop taking questions, let the answers in flight reach Discord (bounded), then disconnect."""
        self._closed = True
        self.ctx.health.set_connected(PLATFORM, False)
        left = await self.stage.finish(self._drain_seconds)
        if left:
            log.warning("closing Discord with %d answer(s) still in flight", left)
        if self.client is not None:
            await self.client.close()


def _login_error(exc: BaseException, api_base: str) -> BaseException:
    """What a failed login means: a token to fix, a Discord to wait for, or (cancelled) itself."""
    if isinstance(exc, discord.LoginFailure):
        return StartupError(
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the "
            "Bot page of your application in the Discord Developer Portal"
        )
    if isinstance(exc, discord.DiscordServerError | discord.GatewayNotFound | aiohttp.ClientError | OSError):
        return Unreachable(f"cannot log in to Discord at {api_base}: {_describe(exc)}")
    if isinstance(exc, discord.HTTPException):  # a 4xx: the address does not lead to Discord's API
        return StartupError(f"cannot log in to Discord at {api_base} (DISCORD_API_BASE): {_describe(exc)}")
    return exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"HTTP {exc.status} {exc.text or exc.__class__.__name__}"
    return str(exc) or exc.__class__.__name__


def build_runner(ctx: AppContext, settings: DiscordSettings) -> DiscordRunner:
    return DiscordRunner(ctx, settings)
