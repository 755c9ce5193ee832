"""Fixtures for adapter tests: the fact service, a fake Discord and a fake Slack, and bots started
against them."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from bot.context import AppContext
from bot.conversation.limits import MemoryCooldown
from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings
from bot.record.store import open_store
from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack

FACTS = Path(__file__).resolve().parents[2] / "facts" / "pact.yaml"


@pytest.fixture(scope="session")
def fact_service() -> FactService:
    return FactService(FACTS)


@pytest.fixture
def service(fact_service: FactService) -> FactService:
    return fact_service  # the session-wide one: the fact file is loaded once


@pytest.fixture(scope="module")
def slack_fake() -> Iterator[FakeSlack]:
    """One fake Slack per test module (it runs on a thread of its own); `fake` is it, reset."""
    with FakeSlack() as server:
        yield server


@pytest.fixture
def fake(slack_fake: FakeSlack) -> FakeSlack:
    slack_fake.reset()
    return slack_fake


@pytest.fixture
def make_ctx(fact_service: FactService) -> Callable[..., AppContext]:
    """A fresh AppContext (own metrics, cooldown, health) around the shared fact service."""

    def make(cooldown_limit: int = 100, cooldown_seconds: float = 30.0) -> AppContext:
        return AppContext(service=fact_service, env={},
                          cooldown=MemoryCooldown(limit=cooldown_limit, window=cooldown_seconds))

    return make


@pytest.fixture
def recording_ctx(fact_service: FactService, tmp_path: Path) -> Iterator[AppContext]:
    """A context whose recorder writes to SQLite under tmp_path (running), as `pactbot` has it by
    default: answers carry 👍/👎. `recorded(ctx, sql)` reads what it wrote."""
    metrics = Metrics()
    recorder = Recorder(RecordSettings(data_dir=tmp_path / "record"), metrics)
    recorder.start()
    yield AppContext(service=fact_service, env={}, metrics=metrics, recorder=recorder,
                     cooldown=MemoryCooldown(limit=100, window=30))
    recorder.close()


def recorded(ctx: AppContext, sql: str) -> list[tuple[object, ...]]:
    """Rows of `sql` over what the context's recorder has written, once all it was given is written."""
    assert ctx.recorder.flush()
    store = open_store(ctx.recorder.settings)
    try:
        return store.query(sql)
    finally:
        store.close()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


StartBot = Callable[..., Awaitable[object]]


@pytest.fixture
async def start_discord(fake_discord: FakeDiscord) -> AsyncIterator[StartBot]:
    """Start `pactbot discord`'s runner (settings from the environment, as the CLI does) against the
    fake, wait until its shards are connected, and close every started bot at the end of the test."""
    from bot.adapters.discord import DiscordSettings, build_runner

    started: list[tuple[object, asyncio.Task[None]]] = []

    async def start(ctx: AppContext, wait: bool = True, **env: str) -> object:
        settings = DiscordSettings.from_env(fake_discord.env(**env))
        # discord.py waits this long after the last GUILD_CREATE before on_ready; keep tests quick.
        settings = dataclasses.replace(settings, guild_ready_timeout=0.05)
        runner = build_runner(ctx, settings)
        task = asyncio.create_task(runner.start())
        started.append((runner, task))
        if wait:
            count = settings.shard_count or fake_discord.gateway_shards
            shards = settings.shard_ids or tuple(range(count))
            waiter = asyncio.create_task(fake_discord.wait_shards(shards, count))
            done, _ = await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                waiter.cancel()
                task.result()  # raises what start() raised
                raise AssertionError("the Discord runner stopped before connecting")
            waiter.result()
        return runner

    try:
        yield start
    finally:
        for runner, task in started:
            await runner.close()  # type: ignore[attr-defined]
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, 5)
