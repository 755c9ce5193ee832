"""bot.scale.redis when Redis is unwell, against a real redis-server paused with SIGSTOP.

A paused Redis accepts connections and never answers: the worst case, since nothing fails until a
timeout. One call pays the budget; after that the cooldown and de-duplication work in-process with
one log line in all, and the backend notices by itself when Redis answers again.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import aiohttp
import pytest
from redis.asyncio import Redis

from bot.metrics import Metrics
from bot.scale.redis import CALL_BUDGET, RETRY_SECONDS, RedisBackend
from bot.startup import StartupError
from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack
from tests.processes import clean_env
from tests.redis_server import RedisProcess, redis_process
from tests.scale.test_multi_process import LISTENING, SECRET, Bot, bots, event_body, post, until

_T = TypeVar("_T")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RedisProcess]:
    with redis_process(tmp_path) as started:
        yield started


@pytest.fixture
async def backend(server: RedisProcess) -> AsyncIterator[RedisBackend]:
    made = RedisBackend.from_url(server.url, prefix=f"test-{uuid.uuid4().hex[:8]}", metrics=Metrics())
    made.retry_seconds = 0.2
    try:
        yield made
    finally:
        await made.aclose()


def sample(metrics: Metrics | None, name: str, **labels: str) -> float:
    assert metrics is not None
    value = metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


async def timed(call: Awaitable[_T]) -> tuple[_T, float]:
    started = time.monotonic()
    result = await call
    return result, time.monotonic() - started


async def test_a_paused_redis_costs_one_budget_then_nothing_and_is_noticed_when_back(
    server: RedisProcess, backend: RedisBackend, caplog: pytest.LogCaptureFixture
) -> None:
    deduper, cooldown = backend.deduper(), backend.cooldown(limit=2, window=30)
    assert await deduper.first_seen("ev-0") is True
    caplog.clear()
    server.pause()

    first, took = await timed(deduper.first_seen("ev-1"))
    assert first is True and took < CALL_BUDGET + 0.2  # one budget, not the 5 s socket timeout
    assert not backend.available
    results = []
    for _ in range(20):  # every later call goes straight to the in-process fallback
        result, took = await timed(deduper.first_seen("ev-2"))
        results.append(result)
        assert took < 0.05
    assert results == [True] + [False] * 19  # de-duplicated in this process meanwhile
    assert [await cooldown.hit("u") for _ in range(2)] == [None, None]
    held = await cooldown.hit("u")  # and the cooldown holds in this process
    assert held is not None and 29 < held <= 30
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "unwell" in warnings[0].getMessage(), warnings
    assert not any(r.exc_info for r in caplog.records)
    assert sample(backend.metrics, "pactbot_redis_unavailable") == 1
    assert sample(backend.metrics, "pactbot_redis_fallbacks_total", operation="dedupe") == 21
    assert sample(backend.metrics, "pactbot_redis_fallbacks_total", operation="cooldown") == 3

    server.resume()
    deadline = time.monotonic() + 5
    while not backend.available:
        assert time.monotonic() < deadline, "the backend never noticed that Redis answers again"
        await asyncio.sleep(0.05)
    assert any("answers again" in r.getMessage() for r in caplog.records)
    assert sample(backend.metrics, "pactbot_redis_unavailable") == 0
    assert await deduper.first_seen("ev-3") is True
    assert await backend.client.exists(backend.key("event", "ev-3")) == 1  # shared through Redis again


async def test_a_paused_redis_holds_back_no_identify_for_longer_than_the_interval(
    server: RedisProcess, backend: RedisBackend
) -> None:
    gate = backend.identify_gate(interval=0.3, margin=0)
    server.pause()
    _, took = await timed(gate.wait(0, initial=True))
    assert took < CALL_BUDGET + 0.3 + 0.2  # one budget, then spaced locally


@pytest.mark.parametrize(
    ("options", "url_change", "says"),
    [
        (("--requirepass", "right-pass"), ("redis://", "redis://:wrong-pass@"), "invalid username-password"),
        ((), ("/0", "/99"), "DB index is out of range"),
    ],
    ids=["wrong-password", "no-such-database"],
)
async def test_a_redis_that_refuses_the_bot_is_a_startup_error_at_once(
    tmp_path: Path, options: tuple[str, ...], url_change: tuple[str, str], says: str
) -> None:
    with redis_process(tmp_path, *options) as refusing:
        backend = RedisBackend.from_url(refusing.url.replace(*url_change))
        try:
            started = time.monotonic()
            with pytest.raises(StartupError) as raised:
                await backend.check()
            assert time.monotonic() - started < 2
        finally:
            await backend.aclose()
    assert says in str(raised.value) and "PACTBOT_REDIS_URL" in str(raised.value)
    assert "wrong-pass" not in str(raised.value)


# --- the real processes --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def new_lines(bot: Bot, since: int) -> list[str]:
    return [line for line in bot.lines[since:] if line.strip()]


async def wait_until(check: Callable[[], object], within: float) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_slack_acks_within_a_second_while_redis_is_paused_and_recovers(
    fake_slack: FakeSlack, server: RedisProcess
) -> None:
    fake, prefix = fake_slack, f"test-{uuid.uuid4().hex[:8]}"
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                    PACTBOT_REDIS_URL=server.url, PACTBOT_REDIS_PREFIX=prefix)
    argv = ["slack", "--http", "--host", "127.0.0.1", "--port", "0"]
    async with bots((argv, env)) as (bot,), aiohttp.ClientSession() as http:
        port = int((await bot.wait_for(LISTENING)).group(1))
        server.pause()
        for n in range(3):
            ts = f"1700000200.00010{n}"
            logged_before = len(bot.lines)
            started = time.monotonic()
            event = event_body(fake, f"EvPAUSED{n}", f"U-p{n}", ts)
            assert await post(http, port, event, "application/json") == 200
            acked = time.monotonic() - started
            assert acked < 1, f"ack {n} took {acked:.2f} s"
            [answer] = await until(lambda ts=ts: [c for c in fake.calls_to("chat.postMessage")  # type: ignore[misc]
                                                  if c.params.get("thread_ts") == ts])
            assert "Chicherin" in answer.params["text"]
            assert len(new_lines(bot, logged_before)) <= 1, new_lines(bot, logged_before)
        async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
            metrics = await resp.text()
        assert 'pactbot_redis_fallbacks_total{operation="dedupe"} 3.0' in metrics
        assert "pactbot_redis_unavailable 1.0" in metrics

        server.resume()
        await bot.wait_for(re.compile(r"Redis at .* answers again after"), within=RETRY_SECONDS + 5)
        ts = "1700000300.000100"
        assert await post(http, port, event_body(fake, "EvBACK", "U-back", ts), "application/json") == 200
        await until(lambda: [c for c in fake.calls_to("chat.postMessage") if c.params.get("thread_ts") == ts])
        shared = Redis.from_url(server.url)
        try:
            assert await shared.exists(f"{prefix}:event:slack:event:EvBACK") == 1  # through Redis again
        finally:
            await shared.aclose()
        assert await bot.stop() == 0, bot.log
    assert "Traceback" not in bot.log


async def test_discord_answers_within_2_5_s_while_redis_is_paused_and_recovers(server: RedisProcess) -> None:
    async with FakeDiscord() as fake:
        prefix = f"test-{uuid.uuid4().hex[:8]}"
        env = clean_env(**fake.env(PACTBOT_REDIS_URL=server.url, PACTBOT_REDIS_PREFIX=prefix))
        async with bots((["discord"], env)) as (bot,):
            await fake.wait_shards([0], 1, within=30)
            await bot.wait_for(re.compile(r"connected to Discord as"))  # the last line of starting up
            server.pause()
            for n in range(3):
                logged_before = len(bot.lines)
                started = time.monotonic()
                interaction = await fake.slash("who signed", user_id=7100 + n)
                callback = await fake.wait_request(
                    "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback", within=10)
                answered = time.monotonic() - started
                assert answered < 2.5, f"answer {n} took {answered:.2f} s"
                assert "Chicherin" in callback.json["data"]["embeds"][0]["description"]
                assert len(new_lines(bot, logged_before)) <= 1, new_lines(bot, logged_before)
            server.resume()
            await bot.wait_for(re.compile(r"Redis at .* answers again after"), within=RETRY_SECONDS + 5)
            interaction = await fake.slash("who signed", user_id=7200)
            await fake.wait_request(
                "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback", within=10)
            assert await bot.stop() == 0, bot.log
        assert "Traceback" not in bot.log


async def test_a_wrong_redis_password_ends_the_bot_at_once_with_one_line(tmp_path: Path) -> None:
    with redis_process(tmp_path, "--requirepass", "right-pass") as refusing:
        env = clean_env(SLACK_BOT_TOKEN="xoxb-unused", SLACK_SIGNING_SECRET=SECRET,
                        PACTBOT_REDIS_URL=refusing.url.replace("redis://", "redis://:wrong-pass@"))
        argv = ["slack", "--http", "--host", "127.0.0.1", "--port", "0"]
        started = time.monotonic()
        async with bots((argv, env)) as (bot,):
            status = await asyncio.wait_for(bot.proc.wait(), 30)
            took = time.monotonic() - started
            await asyncio.wait_for(bot.reader, 5)
    assert status == 2
    # It used to wait 30 s for Redis to "come up": the bound catches that, not a speed (a loaded machine
    # takes over 2 s just to start the process).
    assert took < 10, f"{took:.2f} s from start to exit"
    assert "wrong-pass" not in bot.log and "Traceback" not in bot.log
    assert [line for line in bot.log.splitlines() if "Redis" in line][-1].startswith("pactbot: Redis at")
