"""Cooldowns, event de-duplication and the Discord IDENTIFY gate shared across processes through Redis.

Every key lives under one prefix (`PACTBOT_REDIS_PREFIX`, default `pactbot`) so several bots can
share a Redis. Time comes from the Redis server, so processes with skewed clocks still agree.
When Redis fails mid-flight the bot keeps answering: cooldowns and de-duplication fail open (a
missed limit or a rare duplicate answer beats silence) and the gate falls back to waiting locally.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.scale import IDENTIFY_INTERVAL
from bot.startup import StartupError

log = logging.getLogger(__name__)

# Slack retries an unacknowledged event after about 1 min and 5 min; an hour covers every retry.
DEDUPE_SECONDS = 3600
# Added to Discord's 5 s between IDENTIFYs: the gate grants the slot, but the IDENTIFY reaches Discord a
# little later, and later still from a busy process; without slack two could land closer than 5 s.
IDENTIFY_MARGIN = 0.5
# At boot Redis may start after the bot; wait this long for it before giving up with a clear line.
STARTUP_WAIT = 30.0

# Sliding window: drop hits older than the window; if `limit` remain, report when the oldest expires,
# else record this hit. One script, so two processes cannot both take the last free slot.
_COOLDOWN_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return -1
"""


def describe_url(url: str) -> str:
    """`host:port/db` of a Redis URL, for messages: never the password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = parts.port or 6379
    except ValueError:
        return "(unparseable URL)"
    if parts.scheme == "unix":
        return parts.path
    return f"{host}:{port}{parts.path or ''}"


class RedisBackend:
    """One Redis connection pool and the cooldown, deduper and gate built on it."""

    def __init__(self, client: Redis, prefix: str = "pactbot", description: str = "redis",
                 startup_wait: float = STARTUP_WAIT) -> None:
        self.client = client
        self.prefix = prefix
        self.description = description
        self.startup_wait = startup_wait

    @classmethod
    def from_url(cls, url: str, prefix: str = "pactbot", startup_wait: float = STARTUP_WAIT) -> RedisBackend:
        try:
            client = Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5, health_check_interval=30)
        except ValueError as exc:
            raise StartupError(f"PACTBOT_REDIS_URL is not a Redis URL (redis://host:port/db): {exc}") from exc
        return cls(client, prefix, describe_url(url), startup_wait)

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    async def check(self) -> None:
        """Ping Redis, waiting up to `startup_wait` s for it to come up (it may boot after us)."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.startup_wait
        delay, attempts = 0.25, 0
        while True:
            try:
                await self.client.ping()
                return
            except (RedisError, OSError) as exc:
                remaining = give_up - loop.time()
                if remaining <= 0:
                    raise StartupError(
                        f"cannot reach Redis at {self.description} (PACTBOT_REDIS_URL): {exc}"
                    ) from exc
                if attempts == 0:
                    log.warning("waiting for Redis at %s (%s)", self.description, exc)
            attempts += 1
            await asyncio.sleep(min(delay, remaining))
            delay = min(delay * 2, 2.0)

    async def aclose(self) -> None:
        await self.client.aclose()

    def cooldown(self, limit: int, window: float) -> RedisCooldown:
        return RedisCooldown(self, limit, window)

    def deduper(self, ttl: int = DEDUPE_SECONDS) -> RedisDeduper:
        return RedisDeduper(self, ttl)

    def identify_gate(
        self, interval: float = IDENTIFY_INTERVAL, max_concurrency: int = 1, margin: float = IDENTIFY_MARGIN
    ) -> RedisIdentifyGate:
        return RedisIdentifyGate(self, interval, max_concurrency, margin=margin)


class RedisCooldown:
    """`Cooldown` (bot.conversation.limits) shared by every process on one Redis: `limit` per `window` s."""

    def __init__(self, backend: RedisBackend, limit: int = 5, window: float = 30.0) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("cooldown needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._backend = backend
        self._script = backend.client.register_script(_COOLDOWN_SCRIPT)

    async def hit(self, user_key: str) -> float | None:
        window_ms = max(1, round(self.window * 1000))
        member = secrets.token_hex(8)  # unique per hit, so two hits in the same millisecond both count
        try:
            wait_ms: Any = await self._script(
                keys=[self._backend.key("cooldown", user_key)], args=[self.limit, window_ms, member]
            )
        except (RedisError, OSError):
            log.warning("Redis cooldown check failed; letting the question through", exc_info=True)
            return None
        wait = int(wait_ms)
        return None if wait < 0 else wait / 1000.0


class RedisDeduper:
    """`Deduper` (bot.conversation.limits) across processes: `SET key 1 NX EX ttl` wins for exactly one."""

    def __init__(self, backend: RedisBackend, ttl: int = DEDUPE_SECONDS) -> None:
        if ttl < 1:
            raise ValueError("dedupe ttl must be at least 1 s")
        self.ttl = ttl
        self._backend = backend

    async def first_seen(self, event_key: str) -> bool:
        try:
            created = await self._backend.client.set(self._backend.key("event", event_key), b"1",
                                                     nx=True, ex=self.ttl)
        except (RedisError, OSError):
            log.warning("Redis de-duplication failed; handling the event anyway", exc_info=True)
            return True
        return bool(created)


class RedisIdentifyGate:
    """`bot.scale.IdentifyGate` across processes: at most one IDENTIFY per `interval` per bucket.

    Whoever sets `identify:<bucket>` with NX and a TTL of `interval + margin` may identify; everyone
    else waits for the key to expire and tries again. The key is never deleted early, so two grants
    in a bucket are always at least that far apart, even if the holder crashes right after.
    """

    def __init__(self, backend: RedisBackend, interval: float = IDENTIFY_INTERVAL, max_concurrency: int = 1,
                 timeout: float | None = None, margin: float = IDENTIFY_MARGIN) -> None:
        if interval <= 0 or max_concurrency < 1 or margin < 0:
            raise ValueError("identify gate needs interval > 0, max_concurrency >= 1 and margin >= 0")
        self.interval = interval
        self.margin = margin
        self.max_concurrency = max_concurrency
        # Without a timeout a stuck Redis would hold a shard back forever; after one, fall back to local.
        self.timeout = timeout if timeout is not None else max(60.0, interval * 20)
        self._backend = backend

    async def wait(self, shard_id: int | None, *, initial: bool = False) -> None:
        # `initial` is ignored: another process may have identified a moment ago.
        bucket = (shard_id or 0) % self.max_concurrency
        key = self._backend.key("identify", str(bucket))
        interval_ms = max(1, round((self.interval + self.margin) * 1000))
        token = f"{shard_id}:{secrets.token_hex(4)}"
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.timeout
        client = self._backend.client
        while True:
            try:
                if await client.set(key, token, nx=True, px=interval_ms):
                    log.debug("shard %s may identify (bucket %d)", shard_id, bucket)
                    return
                remaining_ms = await client.pttl(key)
                if remaining_ms == -1:  # a key without expiry (set by hand?) would block forever
                    await client.pexpire(key, interval_ms)
            except (RedisError, OSError):
                log.warning("Redis identify gate failed; waiting %.0f s locally instead", self.interval,
                            exc_info=True)
                await asyncio.sleep(self.interval)
                return
            if loop.time() >= give_up:
                log.warning("waited %.0f s for the Redis identify gate; identifying anyway", self.timeout)
                return
            # -2: the key vanished between SET and PTTL; retry soon.
            delay = remaining_ms / 1000.0 if remaining_ms > 0 else 0.05
            await asyncio.sleep(min(delay + 0.005, self.interval))
