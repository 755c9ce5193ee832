"""bot.runtime.serve in this process: ops endpoints, live fact reload, SIGHUP, SIGTERM, failures.

The runner here is a real object that does what a platform runner does to the runtime (reports
itself connected, serves until closed); the platforms themselves are exercised in test_ops_process.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest

from bot.context import AppContext
from bot.conversation import Ask, Origin, Reply
from bot.conversation.stage import Stage
from bot.core.service import FactService
from bot.runtime import RuntimeSettings, serve
from bot.startup import StartupError
from tests.redis_server import free_port

# Renames a signatory in the fact file: visible in the answer to "who signed" once reloaded.
GOOD_EDIT = ('name: {en: "Georgy Chicherin"', 'name: {en: "Georgy V. Chicherin"')


class WaitingRunner:
    """Connects at once, serves until closed; records what the runtime did to it."""

    ops_port: int | None = None

    def __init__(self, ctx: AppContext, platform: str = "test", *, close_hangs: bool = False) -> None:
        self.platform = platform
        self.ctx = ctx
        self.started = asyncio.Event()
        self.closed = asyncio.Event()
        self.close_calls = 0
        self.close_hangs = close_hangs

    async def start(self) -> None:
        self.ctx.health.set_connected(self.platform, True)
        self.started.set()
        if self.close_hangs:
            await asyncio.Event().wait()  # ignores close(): the runtime must cut it off
        await self.closed.wait()

    async def close(self) -> None:
        self.close_calls += 1
        self.ctx.health.set_connected(self.platform, False)
        if self.close_hangs:
            await asyncio.Event().wait()
        self.closed.set()


class FailingRunner:
    platform = "broken"
    ops_port: int | None = None

    def __init__(self, error: BaseException | None) -> None:
        self.error = error
        self.close_calls = 0

    async def start(self) -> None:
        await asyncio.sleep(0.05)
        if self.error is not None:
            raise self.error

    async def close(self) -> None:
        self.close_calls += 1


async def _collect(replies: list[Reply], reply: Reply) -> None:
    replies.append(reply)


def sample(ctx: AppContext, name: str, **labels: str) -> float:
    value = ctx.metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else float(value)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write(path: Path, text: str) -> None:
    # Tiny local files: blocking the loop for a moment is fine here.
    path.write_text(text, encoding="utf-8")


async def eventually(check: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def signal_self(sig: signal.Signals) -> None:
    os.kill(os.getpid(), sig)
    await asyncio.sleep(0)


async def stop_and_wait(task: Awaitable[int], sig: signal.Signals = signal.SIGTERM) -> tuple[int, float]:
    started = time.monotonic()
    await signal_self(sig)
    status = await asyncio.wait_for(task, timeout=10)
    return status, time.monotonic() - started


async def test_health_readiness_and_metrics_over_http(fact_file: Path) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    runner = WaitingRunner(ctx)
    port = free_port()
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(http_port=port, reload_seconds=0)))
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
        await asyncio.wait_for(runner.started.wait(), 5)
        async with http.get(f"{base}/healthz") as resp:
            assert resp.status == 200
            assert (await resp.text()).strip() == "ok"
        async with http.get(f"{base}/readyz") as resp:
            assert resp.status == 200
            status = json.loads(await resp.text())
            assert status["ready"] is True and status["connected"] == {"test": True}
            assert status["facts"] > 10

        stage, replies = Stage.from_context(ctx), []
        for question in ("who signed", "asdf qwerty"):
            ask = Ask(platform="test", origin=Origin.SLASH, user_key="u1", text=question)
            await stage.handle(ask, lambda reply: _collect(replies, reply))
        assert "Chicherin" in replies[0].text
        async with http.get(f"{base}/metrics") as resp:
            assert resp.status == 200
            assert resp.headers["Content-Type"].startswith("text/plain")
            metrics = await resp.text()
        assert 'pactbot_questions_total{outcome="answered",platform="test"} 1.0' in metrics
        assert 'pactbot_questions_total{outcome="declined",platform="test"} 1.0' in metrics
        assert 'pactbot_answer_seconds_count{platform="test"} 2.0' in metrics
        assert "pactbot_answer_confidence_bucket" in metrics
        assert "pactbot_fact_reload_failures_total 0.0" in metrics

        ctx.health.set_connected("test", False)  # a gateway drop: alive, but not ready
        async with http.get(f"{base}/readyz") as resp:
            assert resp.status == 503
        async with http.get(f"{base}/healthz") as resp:
            assert resp.status == 200

        status_code, took = await stop_and_wait(task)
    assert status_code == 0
    assert took < 10
    assert runner.close_calls == 1
    assert ctx.health.stopping and not ctx.health.ready
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)


async def test_reload_of_a_good_then_a_broken_file_while_running(
    fact_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    ctx = AppContext(service=FactService(fact_file), env={})
    runner = WaitingRunner(ctx)
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(reload_seconds=0.05)))
    await asyncio.wait_for(runner.started.wait(), 5)
    assert "Georgy V. Chicherin" not in ctx.service.ask("who signed").text

    original = read(fact_file)
    assert GOOD_EDIT[0] in original
    write(fact_file, original.replace(*GOOD_EDIT))
    await eventually(lambda: sample(ctx, "pactbot_fact_reloads_total") == 1)
    assert "Georgy V. Chicherin" in ctx.service.ask("who signed").text

    broken = original.replace(*GOOD_EDIT).replace("schema: 1", "schema: 1\nfacts: [unclosed\n", 1)
    write(fact_file, broken)
    await eventually(lambda: sample(ctx, "pactbot_fact_reload_failures_total") == 1)
    located = [r.getMessage() for r in caplog.records
               if re.match(rf"{re.escape(str(fact_file))}:\d+: \S", r.getMessage())]
    assert located, [r.getMessage() for r in caplog.records]
    # Still serving the last good facts, and the same broken file is reported once, not every poll.
    assert "Georgy V. Chicherin" in ctx.service.ask("who signed").text
    await asyncio.sleep(0.3)
    assert sample(ctx, "pactbot_fact_reload_failures_total") == 1
    assert not task.done()

    write(fact_file, original)
    await eventually(lambda: sample(ctx, "pactbot_fact_reloads_total") == 2)
    assert "Georgy V. Chicherin" not in ctx.service.ask("who signed").text
    status_code, _ = await stop_and_wait(task, signal.SIGINT)
    assert status_code == 0


async def test_sighup_reloads_even_with_polling_off(
    fact_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    runner = WaitingRunner(ctx)
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(reload_seconds=0)))
    await asyncio.wait_for(runner.started.wait(), 5)
    original = read(fact_file)
    write(fact_file, original.replace(*GOOD_EDIT))
    await asyncio.sleep(0.2)
    assert "Georgy V. Chicherin" not in ctx.service.ask("who signed").text  # no poll: nothing yet

    await signal_self(signal.SIGHUP)
    await eventually(lambda: sample(ctx, "pactbot_fact_reloads_total") == 1)
    assert "Georgy V. Chicherin" in ctx.service.ask("who signed").text

    os.unlink(fact_file)  # SIGHUP with the file gone: a clear line, counted, still serving
    await signal_self(signal.SIGHUP)
    await eventually(lambda: sample(ctx, "pactbot_fact_reload_failures_total") == 1)
    assert any("no such fact file" in r.getMessage() for r in caplog.records)
    assert "Georgy V. Chicherin" in ctx.service.ask("who signed").text
    status_code, _ = await stop_and_wait(task)
    assert status_code == 0


async def test_a_startup_error_ends_serve_and_closes_the_rest(fact_file: Path) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    healthy = WaitingRunner(ctx)
    failing = FailingRunner(StartupError("DISCORD_TOKEN was rejected by Discord"))
    port = free_port()
    with pytest.raises(StartupError, match="rejected"):
        await asyncio.wait_for(serve(ctx, [healthy, failing], RuntimeSettings(http_port=port)), 10)
    assert healthy.close_calls == 1 and failing.close_calls == 1
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)


async def test_a_runner_that_ends_on_its_own_gives_status_1(
    fact_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    status_code = await asyncio.wait_for(serve(ctx, [FailingRunner(None)], RuntimeSettings()), 10)
    assert status_code == 1
    messages = [r.getMessage() for r in caplog.records]
    assert "the broken connection ended without being asked to stop" in messages


async def test_a_runner_that_will_not_close_is_cut_off(fact_file: Path) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    stubborn = WaitingRunner(ctx, close_hangs=True)
    task = asyncio.create_task(serve(ctx, [stubborn], RuntimeSettings(close_seconds=0.3)))
    await asyncio.wait_for(stubborn.started.wait(), 5)
    status_code, took = await stop_and_wait(task)
    assert status_code == 0
    assert took < 3


async def test_ops_port_in_use_is_one_clear_startup_error(fact_file: Path) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = blocker.sockets[0].getsockname()[1]
    try:
        with pytest.raises(StartupError, match=f"127.0.0.1:{port} .*PACTBOT_HTTP_PORT"):
            await serve(ctx, [WaitingRunner(ctx)], RuntimeSettings(http_port=port))
    finally:
        blocker.close()
        await blocker.wait_closed()


async def test_no_second_ops_server_when_a_runner_serves_the_routes(fact_file: Path) -> None:
    ctx = AppContext(service=FactService(fact_file), env={})
    runner = WaitingRunner(ctx)
    port = free_port()
    runner.ops_port = port  # what a runner with its own ops routes declares
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(http_port=port)))
    await asyncio.wait_for(runner.started.wait(), 5)
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)
    status_code, _ = await stop_and_wait(task)
    assert status_code == 0


async def test_sigterm_while_waiting_for_redis_still_stops_at_once(fact_file: Path) -> None:
    from bot.scale.redis import RedisBackend

    backend = RedisBackend.from_url(f"redis://127.0.0.1:{free_port()}/0", startup_wait=30)  # nobody there
    ctx = AppContext(service=FactService(fact_file), env={}, backend=backend)
    runner = WaitingRunner(ctx)
    port = free_port()
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(http_port=port)))
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
        async def alive() -> bool:
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    return resp.status == 200
            except aiohttp.ClientError:
                return False

        deadline = time.monotonic() + 5
        while not await alive():  # alive while it waits for Redis, but not ready
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        async with http.get(f"http://127.0.0.1:{port}/readyz") as resp:
            assert resp.status == 503
    status_code, took = await stop_and_wait(task)
    assert status_code == 0 and took < 2
    assert not runner.started.is_set()  # never connected to the platform


def test_runtime_settings_from_env() -> None:
    settings = RuntimeSettings.from_env({"PACTBOT_HTTP_PORT": "8080", "PACTBOT_HTTP_HOST": "0.0.0.0",
                                         "PACTBOT_RELOAD_SECONDS": "2.5"})
    assert (settings.http_host, settings.http_port, settings.reload_seconds) == ("0.0.0.0", 8080, 2.5)
    assert RuntimeSettings.from_env({}).http_port is None
    with pytest.raises(StartupError, match="PACTBOT_HTTP_PORT"):
        RuntimeSettings.from_env({"PACTBOT_HTTP_PORT": "http"})
    with pytest.raises(StartupError, match="PACTBOT_HTTP_PORT"):
        RuntimeSettings.from_env({"PACTBOT_HTTP_PORT": "70000"})
