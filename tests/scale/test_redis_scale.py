"""bot.scale.redis against a real Redis server: two backends here stand for two bot processes.

Each backend has its own connection pool, exactly as two processes would; every test uses a key
prefix of its own so tests never see each other's keys.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.context import build_context
from bot.conversation.limits import MemoryCooldown, MemoryDeduper
from bot.core.service import FactService
from bot.scale import LocalIdentifyGate
from bot.scale.redis import RedisBackend, RedisCooldown, RedisDeduper, RedisIdentifyGate, describe_url
from bot.startup import StartupError
from tests.redis_server import free_port

FACTS = Path(__file__).resolve().parents[2] / "facts" / "pact.yaml"


@pytest.fixture
async def two(redis_url: str) -> AsyncIterator[tuple[RedisBackend, RedisBackend]]:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    first, second = RedisBackend.from_url(redis_url, prefix), RedisBackend.from_url(redis_url, prefix)
    try:
        yield first, second
    finally:
        await first.aclose()
        await second.aclose()


async def test_an_event_is_first_seen_by_exactly_one_process(two: tuple[RedisBackend, RedisBackend]) -> None:
    a, b = two[0].deduper(), two[1].deduper()
    results = await asyncio.gather(*(d.first_seen("slack:Ev0123") for d in (a, b) * 10))
    assert results.count(True) == 1
    assert await a.first_seen("slack:Ev0456") is True
    assert await b.first_seen("slack:Ev0456") is False
    ttl = await two[0].client.ttl(two[0].key("event", "slack:Ev0456"))
    assert 3500 < ttl <= 3600  # kept long enough for Slack's retries, then forgotten


async def test_a_cooldown_hit_in_one_process_holds_in_the_other(
    two: tuple[RedisBackend, RedisBackend],
) -> None:
    a, b = two[0].cooldown(limit=3, window=1.0), two[1].cooldown(limit=3, window=1.0)
    assert await a.hit("slack:U1") is None
    assert await b.hit("slack:U1") is None
    assert await a.hit("slack:U1") is None
    wait = await b.hit("slack:U1")
    assert wait is not None and 0 < wait <= 1.0
    assert await b.hit("slack:U2") is None  # another user is not held back
    await asyncio.sleep(wait + 0.05)
    assert await a.hit("slack:U1") is None  # the window slid past the oldest hit


async def test_the_last_free_slot_goes_to_one_process_only(two: tuple[RedisBackend, RedisBackend]) -> None:
    a, b = two[0].cooldown(limit=3, window=5), two[1].cooldown(limit=3, window=5)
    results = await asyncio.gather(*(c.hit("discord:42") for c in (a, b) * 6))
    assert sum(r is None for r in results) == 3
    assert all(r is None or 4 < r <= 5 for r in results)


async def test_the_cooldown_key_expires_with_the_window(two: tuple[RedisBackend, RedisBackend]) -> None:
    await two[0].cooldown(limit=2, window=3).hit("u")
    pttl = await two[0].client.pttl(two[0].key("cooldown", "u"))
    assert 2000 < pttl <= 3000  # idle users cost Redis nothing after the window


async def test_identifies_across_processes_are_spaced_by_the_interval(
    two: tuple[RedisBackend, RedisBackend],
) -> None:
    # No margin: grants exactly 0.3 s apart in Redis; measured here they may be a little less apart
    # (this loop may notice the first grant late), hence the 0.05 s tolerance below.
    gates = [two[0].identify_gate(interval=0.3, margin=0), two[1].identify_gate(interval=0.3, margin=0)]
    loop = asyncio.get_running_loop()
    granted: list[float] = []

    async def identify(gate: RedisIdentifyGate, shard: int) -> None:
        await gate.wait(shard, initial=True)
        granted.append(loop.time())

    started = loop.time()
    await asyncio.gather(*(identify(gates[shard % 2], shard) for shard in range(4)))
    granted.sort()
    gaps = [later - earlier for earlier, later in itertools.pairwise(granted)]
    assert granted[0] - started < 0.2  # the first goes at once
    assert all(gap >= 0.25 for gap in gaps), gaps
    assert granted[-1] - started < 0.3 * 3 + 0.5  # and nobody waits much longer than needed


async def test_buckets_identify_in_parallel_with_max_concurrency(
    two: tuple[RedisBackend, RedisBackend],
) -> None:
    gates = [two[0].identify_gate(interval=0.3, max_concurrency=2, margin=0),
             two[1].identify_gate(interval=0.3, max_concurrency=2, margin=0)]
    loop = asyncio.get_running_loop()
    started = loop.time()
    times: dict[int, float] = {}

    async def identify(shard: int) -> None:
        await gates[shard % 2].wait(shard)
        times[shard] = loop.time() - started

    await asyncio.gather(*(identify(s) for s in range(4)))
    for bucket in (0, 1):  # shards 0 and 2 share bucket 0; 1 and 3 bucket 1; either may win its bucket
        first, second = sorted(t for shard, t in times.items() if shard % 2 == bucket)
        assert first < 0.25  # both buckets start at once
        assert second - first >= 0.25  # then each bucket waits its own interval


async def test_a_gate_key_left_without_expiry_does_not_block_forever(
    two: tuple[RedisBackend, RedisBackend],
) -> None:
    await two[0].client.set(two[0].key("identify", "0"), "stuck")
    started = time.monotonic()
    await asyncio.wait_for(two[1].identify_gate(interval=0.2, margin=0).wait(0), timeout=3)
    assert time.monotonic() - started < 1.0


async def test_with_redis_down_questions_still_flow(caplog: pytest.LogCaptureFixture) -> None:
    backend = RedisBackend.from_url(f"redis://:s3cret-pass@127.0.0.1:{free_port()}/0", startup_wait=0.6)
    try:
        started = time.monotonic()
        with pytest.raises(StartupError) as raised:
            await backend.check()
        assert 0.5 < time.monotonic() - started < 3  # waited for Redis to come up, then gave up
        assert f"{backend.description}" in str(raised.value)
        assert "s3cret-pass" not in str(raised.value)
        assert await backend.cooldown(1, 30).hit("u") is None  # in-process: the first is allowed
        assert await backend.deduper().first_seen("e") is True
        started = time.monotonic()
        await backend.identify_gate(interval=0.2, margin=0).wait(3)
        assert time.monotonic() - started >= 0.19  # fell back to a local wait, still spaced
        # One "waiting for Redis" while checking, then one when the first operation fell back.
        assert sum(r.levelno == logging.WARNING for r in caplog.records) == 2
    finally:
        await backend.aclose()


def test_describe_url_never_shows_the_password() -> None:
    assert describe_url("redis://user:pw-secret@redis.internal:6380/2") == "redis.internal:6380/2"
    assert describe_url("rediss://:pw@host") == "host:6379"
    with pytest.raises(StartupError, match="PACTBOT_REDIS_URL"):
        RedisBackend.from_url("http://not-redis")


async def test_build_context_picks_redis_or_memory(redis_url: str, tmp_path: Path) -> None:
    service = FactService(FACTS)
    local = build_context({"PACTBOT_COOLDOWN_LIMIT": "2", "PACTBOT_COOLDOWN_SECONDS": "10",
                           "DISCORD_MAX_CONCURRENCY": "16"}, service)
    assert isinstance(local.cooldown, MemoryCooldown)
    assert (local.cooldown.limit, local.cooldown.window) == (2, 10)
    assert isinstance(local.deduper, MemoryDeduper)
    assert isinstance(local.identify_gate, LocalIdentifyGate) and local.identify_gate.max_concurrency == 16
    assert local.backend is None

    url_file = tmp_path / "redis-url"
    url_file.write_text(redis_url + "\n", encoding="utf-8")
    shared = build_context({"PACTBOT_REDIS_URL_FILE": str(url_file), "PACTBOT_REDIS_PREFIX": "bot-b",
                            "PACTBOT_COOLDOWN_LIMIT": "1"}, service)
    try:
        assert isinstance(shared.backend, RedisBackend) and shared.backend.prefix == "bot-b"
        assert isinstance(shared.cooldown, RedisCooldown) and shared.cooldown.limit == 1
        assert isinstance(shared.deduper, RedisDeduper)
        assert isinstance(shared.identify_gate, RedisIdentifyGate)
        await shared.backend.check()
    finally:
        if shared.backend is not None:
            await shared.backend.aclose()
    with pytest.raises(StartupError, match="PACTBOT_COOLDOWN_LIMIT"):
        build_context({"PACTBOT_COOLDOWN_LIMIT": "0"}, service)


async def test_local_gate_lets_the_first_identify_through_and_spaces_the_rest() -> None:
    gate = LocalIdentifyGate(interval=0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await gate.wait(0, initial=True)
    assert loop.time() - started < 0.05
    await asyncio.gather(gate.wait(1), gate.wait(2))
    assert loop.time() - started >= 0.39
