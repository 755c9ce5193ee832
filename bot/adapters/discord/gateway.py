"""Keeping the Discord gateway connection alive through what discord.py would die of.

- A frame discord.py cannot read (not JSON, not an object, a corrupt zlib stream, a HELLO without
  `heartbeat_interval`, a READY without `session_id`, a RESUMED without data) ends its shard's
  read loop, and with it the whole client. `UnreadableFrameGuard` turns it into one warning line
  and a reconnect (a pause growing from the second unreadable frame in a row, so a gateway that
  keeps sending junk is not hammered), resuming the session when there is one.
- A dispatch whose payload its parser cannot handle costs that event only (`guard_parsers`).
- A close code that reconnecting cannot fix (4004 authentication failed, ...) is a `StartupError`
  naming it: one line and exit status 2 (`fatal_close`).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
import zlib
from collections.abc import Callable
from typing import Any

import discord
import discord.gateway
import discord.shard

from bot.startup import StartupError

log = logging.getLogger(__name__)

# What discord.py raises on a frame it cannot read; ReconnectWebSocket and ConnectionClosed are
# its own signals and pass through.
_UNREADABLE = (ValueError, TypeError, AttributeError, KeyError, IndexError, zlib.error)
MAX_PAUSE = 60.0

# Gateway close codes after which connecting again cannot work (Discord's documented meanings).
FATAL_CLOSE_CODES = {
    4004: "authentication failed: DISCORD_TOKEN is not accepted (reset it in the Developer Portal)",
    4010: "invalid shard: check DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT",
    4011: "sharding required: set DISCORD_SHARD_COUNT (see README.md, Large bots: sharding)",
    4012: "invalid API version",
    4013: "invalid intents",
    4014: "disallowed intents: the bot asked for an intent its application may not use",
}


class UnreadableFrame(discord.gateway.ReconnectWebSocket):
    """A frame discord.py could not read: reconnect (and resume if there is a session)."""


class FrameFailures:
    """Unreadable frames in a row per shard, forgotten when the shard is READY or RESUMED again."""

    def __init__(self) -> None:
        self._counts: dict[int, int] = {}

    def next_pause(self, shard_id: int) -> float:
        count = self._counts[shard_id] = self._counts.get(shard_id, 0) + 1
        return 0.0 if count == 1 else min(MAX_PAUSE, 2.0 ** (count - 2))

    def forget(self, shard_id: int) -> None:
        self._counts.pop(shard_id, None)


class UnreadableFrameGuard(discord.gateway.DiscordWebSocket):
    """discord.py's gateway websocket, reconnecting on a frame it cannot read instead of dying."""

    async def received_message(self, msg: Any, /) -> None:
        try:
            await super().received_message(msg)
        except _UNREADABLE as exc:
            shard = self.shard_id or 0
            failures = _FAILURES.get(self._connection)
            pause = failures.next_pause(shard) if failures is not None else 0.0
            log.warning("Discord shard %s sent a frame that cannot be read (%s); reconnecting%s", shard,
                        type(exc).__name__, f" in {pause:.0f} s" if pause else "")
            await self.close(code=4000)
            await asyncio.sleep(pause)
            raise UnreadableFrame(self.shard_id, resume=self.session_id is not None) from None


# Each client's count of unreadable frames, by its connection state (which every websocket knows).
_FAILURES: weakref.WeakKeyDictionary[object, FrameFailures] = weakref.WeakKeyDictionary()


class _NoTracebackForUnreadable(logging.Filter):
    """discord.py logs a shard's failed first connection with a traceback; for an unreadable frame
    the guard has already said what happened in one line, so the traceback says nothing more."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], UnreadableFrame):
            record.exc_info = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_QUIET = _NoTracebackForUnreadable()


def install(client: discord.AutoShardedClient) -> FrameFailures:
    """Make discord.py's sharded clients open gateway connections through the guard, and keep the
    count of unreadable frames for `client` (it calls `forget` on READY and RESUMED)."""
    discord.shard.DiscordWebSocket = UnreadableFrameGuard  # type: ignore[misc]
    logging.getLogger(discord.shard.__name__).addFilter(_QUIET)  # once: a filter is added only once
    failures = _FAILURES[client._connection] = FrameFailures()
    return failures


def guard_parsers(parsers: dict[str, Callable[[Any], None]]) -> None:
    """Make one malformed gateway event cost that event only.

    discord.py parses each dispatch inside the shard's read loop, and an exception there ends the
    whole client. Wrapped, a payload it cannot parse is logged with its traceback and dropped.
    """

    def guarded(name: str, parse: Callable[[Any], None]) -> Callable[[Any], None]:
        def parse_or_log(data: Any) -> None:
            try:
                parse(data)
            except Exception:
                log.exception("dropped a %s event discord.py could not parse", name)

        return parse_or_log

    for name, parse in list(parsers.items()):
        parsers[name] = guarded(name, parse)


def fatal_close(exc: discord.ConnectionClosed | discord.PrivilegedIntentsRequired) -> StartupError | None:
    """The clear line for a close code that connecting again cannot fix; None for any other.
    (discord.py turns 4014 into PrivilegedIntentsRequired.)"""
    code = 4014 if isinstance(exc, discord.PrivilegedIntentsRequired) else exc.code
    meaning = FATAL_CLOSE_CODES.get(code or 0)
    if meaning is None:
        return None
    return StartupError(f"Discord closed the gateway with code {code}, {meaning}")
