"""Coordination between bot processes: the IDENTIFY gate and the shared-state backend protocol.

One process needs none of this: the in-process defaults (`bot.conversation.limits.MemoryCooldown`,
`MemoryDeduper`, and `LocalIdentifyGate` here) are used unless `PACTBOT_REDIS_URL` is set, in
which case `bot.context.build_context` builds the Redis versions from `bot.scale.redis`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from typing import Protocol

from bot.settings import env_int
from bot.startup import StartupError

# Discord allows one IDENTIFY per 5 s per max_concurrency bucket (bucket = shard_id % max_concurrency).
IDENTIFY_INTERVAL = 5.0


class IdentifyGate(Protocol):
    async def wait(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Return when shard `shard_id` may send IDENTIFY; use as discord.py's `before_identify_hook`."""


class Backend(Protocol):
    """Shared state behind the cooldown, deduper and gate: checked at startup, closed at shutdown."""

    async def check(self) -> None:
        """Raise `StartupError` with one clear line if the backend cannot be reached."""

    async def aclose(self) -> None: ...


class LocalIdentifyGate:
    """discord.py's own behaviour for a single process: the first IDENTIFY at once, then one per interval.

    Unlike discord.py's default hook (which just sleeps 5 s before every non-initial IDENTIFY),
    it remembers when the last one went out, so a reconnect long after start-up does not wait.
    """

    def __init__(self, interval: float = IDENTIFY_INTERVAL, max_concurrency: int = 1) -> None:
        if interval < 0 or max_concurrency < 1:
            raise ValueError("identify gate needs interval >= 0 and max_concurrency >= 1")
        self.interval = interval
        self.max_concurrency = max_concurrency
        self._last: dict[int, float] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def wait(self, shard_id: int | None, *, initial: bool = False) -> None:
        bucket = (shard_id or 0) % self.max_concurrency
        lock = self._locks.setdefault(bucket, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            last = self._last.get(bucket)
            if last is not None:
                delay = last + self.interval - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            self._last[bucket] = loop.time()


def discord_shard_env(env: Mapping[str, str]) -> Mapping[str, str]:
    """`env` with DISCORD_SHARD_IDS filled in for process number k of a fleet of equal shard processes.

    With `DISCORD_SHARDS_PER_PROCESS=n` (and `DISCORD_SHARD_COUNT`), process k runs shards
    k*n .. k*n+n-1. k is `DISCORD_PROCESS_INDEX`, or else the number ending `HOSTNAME`: a
    Kubernetes StatefulSet names its pods `<name>-0`, `<name>-1`, ... so the pod ordinal picks
    the shards. Without `DISCORD_SHARDS_PER_PROCESS` the mapping comes back unchanged.
    """
    if not env.get("DISCORD_SHARDS_PER_PROCESS", "").strip():
        return env
    per_process = env_int(env, "DISCORD_SHARDS_PER_PROCESS", 1, minimum=1)
    if env.get("DISCORD_SHARD_IDS", "").strip():
        raise StartupError("set DISCORD_SHARD_IDS or DISCORD_SHARDS_PER_PROCESS, not both")
    if not env.get("DISCORD_SHARD_COUNT", "").strip():
        raise StartupError(
            "DISCORD_SHARDS_PER_PROCESS needs DISCORD_SHARD_COUNT (the total number of shards)"
        )
    count = env_int(env, "DISCORD_SHARD_COUNT", 1, minimum=1)
    if env.get("DISCORD_PROCESS_INDEX", "").strip():
        index = env_int(env, "DISCORD_PROCESS_INDEX", 0)
    else:
        ordinal = re.search(r"-(\d+)$", env.get("HOSTNAME", "").strip())
        if ordinal is None:
            raise StartupError(
                "DISCORD_SHARDS_PER_PROCESS needs DISCORD_PROCESS_INDEX (0, 1, ...) or a HOSTNAME "
                "ending in -<number>, as StatefulSet pods have"
            )
        index = int(ordinal.group(1))
    first = index * per_process
    if first >= count:
        raise StartupError(
            f"process {index} would start at shard {first}, but DISCORD_SHARD_COUNT is {count}: "
            f"run at most {-(-count // per_process)} processes of {per_process} shards"
        )
    shard_ids = range(first, min(first + per_process, count))
    return {**env, "DISCORD_SHARD_IDS": ",".join(str(i) for i in shard_ids)}


__all__ = ["IDENTIFY_INTERVAL", "Backend", "IdentifyGate", "LocalIdentifyGate", "discord_shard_env"]
