"""Cooldowns, event de-duplication and the Discord IDENTIFY gate shared across processes through Redis.

Every key lives under one prefix (`PACTBOT_REDIS_PREFIX`, default `pactbot`) so several bots can
share a Redis. Time comes from the Redis server, so processes with skewed clocks still agree.

Redis must never cost a user their answer. Every call gets `CALL_BUDGET` seconds, well inside the
3 s in which Slack wants its ack and Discord its interaction response. The first call that fails or
runs out of time marks Redis unwell (one log line, `pactbot_redis_unavailable` 1): from then on the
cooldown and de-duplication work in this process (counted in `pactbot_redis_fallbacks_total`) and
the gate waits locally, without trying Redis, while a background ping looks every `RETRY_SECONDS`
whether it is back. A Redis that refuses us at start-up (wrong password, no such database) is a
setting that cannot work: one clear line at once, not a wait.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.exceptions import AuthenticationError, AuthorizationError, RedisError, ResponseError

from bot.conversation.limits import MemoryCooldown, MemoryDeduper
from bot.metrics import Metrics
from bot.scale import IDENTIFY_INTERVAL
from bot.settings import describe_url as describe_server_url
from bot.startup import StartupError

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# Slack retries an unacknowledged event after about 1 min and 5 min; an hour covers every retry.
DEDUPE_SECONDS = 3600
# Added to Discord's 5 s between IDENTIFYs: the gate grants the slot, but the IDENTIFY reaches Discord a
# little later, and later still from a busy process; without slack two could land closer than 5 s.
IDENTIFY_MARGIN = 0.5
# At boot Redis may start after the bot; wait this long for it before giving up with a clear line.
STARTUP_WAIT = 30.0
# How long one start-up ping may take: a hung Redis must not hold a try for the socket's timeout.
STARTUP_PING_SECONDS = 2.0
# Each Redis call during a question. Two of them (de-duplication, cooldown) run before the platform's
# 3 s deadline for an acknowledgement, beside the answer itself: a quarter second each leaves plenty.
CALL_BUDGET = 0.25
# While Redis is unwell, a background ping looks this often whether it is back.
RETRY_SECONDS = 5.0
# What a Redis that answers but will not have us says; nothing but a change of settings helps.
_REFUSALS = (AuthenticationError, AuthorizationError, ResponseError)
# Everything else that can go wrong with a call: down, hung, restarting, busy loading.
_FAILURES = (RedisError, OSError, TimeoutError)


class RedisUnavailable(Exception):
    """Redis is unwell: the caller does the work in this process instead."""


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
    return describe_server_url(url, default_port=6379)


class RedisBackend:
    """One Redis connection pool and the cooldown, deduper and gate built on it; knows whether Redis is
    well, and falls back to this process while it is not."""

    def __init__(self, client: Redis, prefix: str = "pactbot", description: str = "redis",
                 startup_wait: float = STARTUP_WAIT, metrics: Metrics | None = None,
                 budget: float = CALL_BUDGET, retry_seconds: float = RETRY_SECONDS) -> None:
        self.client = client
        self.prefix = prefix
        self.description = description
        self.startup_wait = startup_wait
        self.metrics = metrics
        self.budget = budget
        self.retry_seconds = retry_seconds
        self._recovery: asyncio.Task[None] | None = None  # running while Redis is unwell

    @classmethod
    def from_url(cls, url: str, prefix: str = "pactbot", startup_wait: float = STARTUP_WAIT,
                 metrics: Metrics | None = None) -> RedisBackend:
        try:
            # The socket timeouts only back up the per-call budget (and bound the close at shutdown).
            client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2, health_check_interval=30)
        except ValueError as exc:
            raise StartupError(f"PACTBOT_REDIS_URL is not a Redis URL (redis://host:port/db): {exc}") from exc
        return cls(client, prefix, describe_url(url), startup_wait, metrics)

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @property
    def available(self) -> bool:
        return self._recovery is None

    async def check(self) -> None:
        """Ping Redis, waiting up to `startup_wait` s for it to come up (it may boot after us); a Redis
        that refuses us (password, database number) is a `StartupError` at once."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.startup_wait
        delay, attempts = 0.25, 0
        while True:
            try:
                await asyncio.wait_for(self.client.ping(), STARTUP_PING_SECONDS)
                return
            except _REFUSALS as exc:
                raise StartupError(
                    f"Redis at {self.description} refused the bot (PACTBOT_REDIS_URL): {exc} "
                    "(check the password and the database number)"
                ) from exc
            except _FAILURES as exc:
                remaining = give_up - loop.time()
                if remaining <= 0:
                    raise StartupError(
                        f"cannot reach Redis at {self.description} (PACTBOT_REDIS_URL): {self._reason(exc)}"
                    ) from exc
                if attempts == 0:
                    log.warning("waiting for Redis at %s (%s)", self.description, self._reason(exc))
            attempts += 1
            await asyncio.sleep(min(delay, remaining))
            delay = min(delay * 2, 2.0)

    async def call(self, operation: str, command: Callable[[], Awaitable[_T]]) -> _T:
        """`await command()` within the budget; `RedisUnavailable` if Redis is (or just proved) unwell.

        Every fallback is counted under `operation`; only the call that finds Redis unwell logs.
        """
        if self._recovery is None:
            try:
                return await asyncio.wait_for(command(), self.budget)
            except _FAILURES as exc:
                if self._recovery is None:  # not already marked by a call that failed alongside
                    self._unwell(exc)
        if self.metrics is not None:
            self.metrics.redis_fallbacks.labels(operation=operation).inc()
        raise RedisUnavailable(operation)

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, TimeoutError) and not isinstance(exc, RedisError):
            return "no answer in time"
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__

    def _unwell(self, exc: BaseException) -> None:
        log.warning("Redis at %s is unwell (%s); de-duplicating and rate-limiting in this process until it "
                    "answers again", self.description, self._reason(exc))
        if self.metrics is not None:
            self.metrics.redis_unavailable.set(1)
        self._recovery = asyncio.create_task(self._await_recovery(), name="redis-recovery")

    async def _await_recovery(self) -> None:
        loop = asyncio.get_running_loop()
        since = loop.time()
        while True:
            await asyncio.sleep(self.retry_seconds)
            try:
                await asyncio.wait_for(self.client.ping(), self.retry_seconds)
            except _FAILURES:
                continue
            break
        self._recovery = None
        if self.metrics is not None:
            self.metrics.redis_unavailable.set(0)
        log.info("Redis at %s answers again after %.0f s; sharing state through it again",
                 self.description, loop.time() - since)

    async def aclose(self) -> None:
        if self._recovery is not None:
            self._recovery.cancel()
            await asyncio.gather(self._recovery, return_exceptions=True)
            self._recovery = None
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
        self._local = MemoryCooldown(limit, window)  # while Redis is unwell

    async def hit(self, user_key: str) -> float | None:
        window_ms = max(1, round(self.window * 1000))
        member = secrets.token_hex(8)  # unique per hit, so two hits in the same millisecond both count
        try:
            wait_ms: Any = await self._backend.call("cooldown", lambda: self._script(
                keys=[self._backend.key("cooldown", user_key)], args=[self.limit, window_ms, member]
            ))
        except RedisUnavailable:
            return await self._local.hit(user_key)
        wait = int(wait_ms)
        return None if wait < 0 else wait / 1000.0


class RedisDeduper:
    """`Deduper` (bot.conversation.limits) across processes: `SET key 1 NX EX ttl` wins for exactly one."""

    def __init__(self, backend: RedisBackend, ttl: int = DEDUPE_SECONDS) -> None:
        if ttl < 1:
            raise ValueError("dedupe ttl must be at least 1 s")
        self.ttl = ttl
        self._backend = backend
        self._local = MemoryDeduper()  # while Redis is unwell

    async def first_seen(self, event_key: str) -> bool:
        key = self._backend.key("event", event_key)
        try:
            created = await self._backend.call(
                "dedupe", lambda: self._backend.client.set(key, b"1", nx=True, ex=self.ttl))
        except RedisUnavailable:
            return await self._local.first_seen(event_key)
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
        client, call = self._backend.client, self._backend.call
        while True:
            try:
                if await call("identify", lambda: client.set(key, token, nx=True, px=interval_ms)):
                    log.debug("shard %s may identify (bucket %d)", shard_id, bucket)
                    return
                remaining_ms = await call("identify", lambda: client.pttl(key))
                if remaining_ms == -1:  # a key without expiry (set by hand?) would block forever
                    await call("identify", lambda: client.pexpire(key, interval_ms))
            except RedisUnavailable:
                await asyncio.sleep(self.interval)  # no shared gate: space IDENTIFYs as one process would
                return
            if loop.time() >= give_up:
                log.warning("waited %.0f s for the Redis identify gate; identifying anyway", self.timeout)
                return
            # -2: the key vanished between SET and PTTL; retry soon.
            delay = remaining_ms / 1000.0 if remaining_ms > 0 else 0.05
            await asyncio.sleep(min(delay + 0.005, self.interval))
