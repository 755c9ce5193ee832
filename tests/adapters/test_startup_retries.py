"""A Discord or Slack that cannot be reached at start-up is tried again, never a reason to give up.

Exit status 2 stays for settings that cannot work (tests/adapters/test_*_cli.py); an unreachable API,
a DNS failure or a 5xx is retried with a growing pause, one log line per attempt, until it works or
the bot is stopped, and then the bot connects and answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re
import signal
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.adapters.discord import DiscordSettings
from bot.adapters.discord import build_runner as discord_runner
from bot.adapters.slack import SlackSettings
from bot.adapters.slack import build_runner as slack_runner
from bot.context import AppContext
from bot.conversation.limits import MemoryCooldown
from bot.core.service import FactService
from bot.startup import Backoff, StartupError, Unreachable, until_reachable
from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack
from tests.processes import clean_env, pactbot_process, terminate
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
QUICK = Backoff(first=0.05, factor=2.0, most=0.2)
RETRY_LINE = re.compile(r"trying again in \d+ s \(attempt (\d+)\)")


def make_ctx(service: FactService) -> AppContext:
    return AppContext(service=service, env={}, cooldown=MemoryCooldown(limit=100, window=30))


def retry_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if RETRY_LINE.search(r.getMessage())]


# --- bot.startup ----------------------------------------------------------------------------------


async def test_until_reachable_tries_again_only_what_may_pass(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []

    async def twice_unreachable() -> str:
        calls.append(1)
        if len(calls) <= 2:
            raise Unreachable(f"cannot reach the thing (try {len(calls)})")
        return "connected"

    assert await until_reachable(twice_unreachable, QUICK) == "connected"
    assert [r.getMessage().split(";")[0] for r in retry_lines(caplog)] == [
        "cannot reach the thing (try 1)", "cannot reach the thing (try 2)"]
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in retry_lines(caplog))

    async def misconfigured() -> str:
        calls.append(1)
        raise StartupError("SOME_TOKEN is wrong")

    calls.clear()
    with pytest.raises(StartupError):
        await until_reachable(misconfigured, QUICK)
    assert len(calls) == 1


def test_pauses_grow_to_a_ceiling_with_a_little_jitter() -> None:
    pauses = Backoff(first=1, factor=2, most=60, jitter=0.1).pauses()
    taken = [next(pauses) for _ in range(10)]
    for pause, nominal in zip(taken, (1, 2, 4, 8, 16, 32, 60, 60, 60, 60), strict=True):
        assert nominal * 0.9 <= pause <= nominal


async def test_a_stop_during_the_pause_ends_it_at_once() -> None:
    async def never() -> None:
        raise Unreachable("nobody there")

    waiting = asyncio.create_task(until_reachable(never, Backoff(first=30)))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    assert time.monotonic() - started < 1


# --- in process: the runners keep trying, then connect --------------------------------------------------


async def eventually(check: Callable[[], object], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def started(runner: object) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(runner.start())  # type: ignore[attr-defined]
    try:
        yield task
    finally:
        await runner.close()  # type: ignore[attr-defined]
        task.cancel()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


async def test_discord_unreachable_then_up_connects(
    fact_service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    fake = FakeDiscord(port=port)
    settings = dataclasses.replace(DiscordSettings.from_env(fake.env()), guild_ready_timeout=0.05)
    ctx = make_ctx(fact_service)
    runner = discord_runner(ctx, settings)
    runner.backoff = QUICK
    async with started(runner) as task:
        await eventually(lambda: len(retry_lines(caplog)) >= 2)
        assert not task.done() and ctx.health.connected["discord"] is False
        async with fake:
            await fake.wait_shards([0], 1)
            interaction = await fake.slash("who signed")
            callback = await fake.wait_request(
                "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback")
            assert "Chicherin" in callback.json["data"]["embeds"][0]["description"]
    [first, *_] = retry_lines(caplog)
    assert first.getMessage().startswith(f"cannot log in to Discord at http://127.0.0.1:{port}/api/v10: ")


async def test_discord_answering_503_is_tried_again(
    fake_discord: FakeDiscord, fact_service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    fake_discord.fail_next("GET", "/users/@me", status=503, body={"message": "upstream down", "code": 0})
    settings = dataclasses.replace(DiscordSettings.from_env(fake_discord.env()), guild_ready_timeout=0.05)
    runner = discord_runner(make_ctx(fact_service), settings)
    runner.backoff = QUICK
    async with started(runner):
        await fake_discord.wait_shards([0], 1)
    [retried] = retry_lines(caplog)
    assert "HTTP 503" in retried.getMessage()
    assert len(fake_discord.requests_to("GET", "/users/@me")) == 2


async def test_discord_answering_404_is_a_setting_to_fix(
    fake_discord: FakeDiscord, fact_service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    settings = DiscordSettings.from_env(fake_discord.env(DISCORD_API_BASE=fake_discord.api_base + "/nowhere"))
    runner = discord_runner(make_ctx(fact_service), settings)
    try:
        with pytest.raises(StartupError, match="DISCORD_API_BASE"):
            await asyncio.wait_for(runner.start(), 10)
    finally:
        await runner.close()
    assert retry_lines(caplog) == []


@pytest.mark.parametrize("http", [True, False], ids=["http", "socket"])
async def test_slack_unreachable_then_up_connects(
    fact_service: FactService, caplog: pytest.LogCaptureFixture, http: bool
) -> None:
    fake = FakeSlack(port=free_port())
    env = {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_APP_TOKEN": fake.app_token,
           "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.api_url}
    ctx = make_ctx(fact_service)
    runner = slack_runner(ctx, SlackSettings.from_env(env, http=http, port=0))
    runner.backoff = QUICK
    async with started(runner) as task:
        await eventually(lambda: len(retry_lines(caplog)) >= 2)
        assert not task.done()
        with fake:
            await eventually(lambda: ctx.health.connected.get("slack"))
    assert retry_lines(caplog)[0].getMessage().startswith(f"cannot reach the Slack Web API at {fake.api_url}")


@pytest.mark.parametrize(("method", "http"), [("auth.test", True), ("apps.connections.open", False)])
async def test_slack_answering_503_is_tried_again(
    fact_service: FactService, caplog: pytest.LogCaptureFixture, method: str, http: bool
) -> None:
    with FakeSlack() as fake:
        fake.fail_next(method, "service_unavailable", status=503)
        fake.fail_next(method, "internal_error", status=500)
        env = {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_APP_TOKEN": fake.app_token,
               "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.api_url}
        ctx = make_ctx(fact_service)
        runner = slack_runner(ctx, SlackSettings.from_env(env, http=http, port=0))
        runner.backoff = QUICK
        async with started(runner):
            await eventually(lambda: ctx.health.connected.get("slack"))
        assert len(fake.calls_to(method)) == 3
    retried = [r.getMessage() for r in retry_lines(caplog)]
    assert len(retried) == 2 and "HTTP 503 service_unavailable" in retried[0]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []  # one line per attempt, no more


# --- the real process: keeps trying, connects when the API comes up, stops cleanly ------------------------


async def test_pactbot_discord_waits_for_an_unreachable_discord_then_answers() -> None:
    port = free_port()
    fake = FakeDiscord(port=port)
    lines: list[str] = []
    async with pactbot_process(clean_env(**fake.env()), "discord") as proc:

        async def read_stderr() -> None:
            assert proc.stderr is not None
            while line := await proc.stderr.readline():
                lines.append(line.decode())

        reader = asyncio.create_task(read_stderr())
        await eventually(lambda: any(RETRY_LINE.search(line) for line in lines), within=30)
        assert proc.returncode is None  # still running, not exit 2
        async with fake:
            await fake.wait_shards([0], 1, within=30)
            interaction = await fake.slash("who signed")
            await fake.wait_request("POST", rf"/interactions/{interaction['id']}/.*/callback", within=10)
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 15)
        await reader
    err = "".join(lines)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and fake.token not in err
    attempts = [int(m.group(1)) for line in lines if (m := RETRY_LINE.search(line))]
    assert attempts == list(range(1, len(attempts) + 1))  # one line per attempt


async def test_pactbot_slack_stops_at_once_while_waiting_for_slack() -> None:
    env = clean_env(SLACK_BOT_TOKEN="xoxb-never-used", SLACK_SIGNING_SECRET="secret",
                    SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/")
    async with pactbot_process(env, "slack", "--http", "--port", "0") as proc:
        assert proc.stderr is not None
        seen = ""
        while not RETRY_LINE.search(seen):
            line = await asyncio.wait_for(proc.stderr.readline(), 30)
            assert line, "pactbot slack ended instead of trying again:\n" + seen
            seen += line.decode()
        took, rest = await terminate(proc)
    assert proc.returncode == 0, seen + rest
    assert took < 5
    assert "Traceback" not in seen + rest
