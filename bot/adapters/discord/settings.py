"""The Discord adapter's settings: what `pactbot discord` reads from the environment, the gateway
intents it asks for and the invite it makes. Nothing here runs at import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import discord

from bot.settings import command_name, env_int, read_secret
from bot.startup import StartupError

PLATFORM = "discord"
DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/"

# What the invite asks for: read the channel, answer in it and in its threads, with embeds,
# and see the message being replied to.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)
INVITE_SCOPES = ("bot", "applications.commands")


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """Everything the Discord adapter reads from the environment."""

    token: str = field(repr=False)
    command: str = "pact"
    guild_id: int | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    api_base: str = DEFAULT_API_BASE
    gateway_url: str = DEFAULT_GATEWAY_URL
    application_id: int | None = None
    # How long discord.py waits for the last GUILD_CREATE before it calls the client ready.
    guild_ready_timeout: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DiscordSettings:
        """Read and check the settings; a missing token or a bad value is one clear `StartupError`."""
        token = read_secret(env, "DISCORD_TOKEN")
        if not token:
            raise StartupError(
                "DISCORD_TOKEN (or DISCORD_TOKEN_FILE) is not set: create a bot in the Discord "
                "Developer Portal and put its token there (see README.md, section Discord)"
            )
        command = command_name(env)
        shard_count = _optional_int(env, "DISCORD_SHARD_COUNT", minimum=1)
        shard_ids = _shard_ids(env.get("DISCORD_SHARD_IDS", ""))
        if shard_ids is not None:
            if shard_count is None:
                raise StartupError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total number of shards)")
            wrong = [s for s in shard_ids if s >= shard_count]
            if wrong:
                raise StartupError(
                    f"DISCORD_SHARD_IDS has {wrong[0]}, but shard ids run from 0 to "
                    f"DISCORD_SHARD_COUNT-1 = {shard_count - 1}"
                )
        api_base = env.get("DISCORD_API_BASE", "").strip().rstrip("/") or DEFAULT_API_BASE
        if not api_base.startswith(("http://", "https://")):
            raise StartupError(f"DISCORD_API_BASE must start with http:// or https://, not {api_base!r}")
        gateway_url = env.get("DISCORD_GATEWAY_URL", "").strip() or DEFAULT_GATEWAY_URL
        if not gateway_url.startswith(("ws://", "wss://")):
            raise StartupError(f"DISCORD_GATEWAY_URL must start with ws:// or wss://, not {gateway_url!r}")
        return cls(
            token=token,
            command=command,
            guild_id=_optional_int(env, "DISCORD_GUILD_ID", minimum=1),
            shard_count=shard_count,
            shard_ids=shard_ids,
            api_base=api_base,
            gateway_url=gateway_url,
            application_id=_optional_int(env, "DISCORD_APPLICATION_ID", minimum=1),
        )

    @property
    def syncs_commands(self) -> bool:
        """Only the process that runs shard 0 publishes the slash command, so N processes sync once."""
        return self.shard_ids is None or 0 in self.shard_ids


def _optional_int(env: Mapping[str, str], name: str, minimum: int) -> int | None:
    if not env.get(name, "").strip():
        return None
    return env_int(env, name, 0, minimum=minimum)


def _shard_ids(raw: str) -> tuple[int, ...] | None:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts:
        return None
    try:
        ids = tuple(sorted({int(p) for p in parts}))
    except ValueError:
        raise StartupError(
            f"DISCORD_SHARD_IDS must be shard numbers separated by commas, not {raw!r}"
        ) from None
    if ids[0] < 0:
        raise StartupError(f"DISCORD_SHARD_IDS must not be negative, not {raw!r}")
    return ids


def invite_url(application_id: int) -> str:
    """The OAuth2 URL that adds the bot to a server with exactly the permissions it uses."""
    return discord.utils.oauth_url(application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES)


def invite_url_from_env(env: Mapping[str, str]) -> str:
    application_id = _optional_int(env, "DISCORD_APPLICATION_ID", minimum=1)
    if application_id is None:
        raise StartupError(
            "DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information "
            "page of your application in the Discord Developer Portal"
        )
    return invite_url(application_id)


def intents() -> discord.Intents:
    """Only what the bot uses. Messages that mention the bot carry their text without the privileged
    message-content intent, and slash commands need no intent at all."""
    wanted = discord.Intents.none()
    wanted.guilds = True  # servers and channels, so replies land in the right place
    wanted.guild_messages = True  # mentions in server channels and threads
    wanted.dm_messages = True  # direct messages
    return wanted
