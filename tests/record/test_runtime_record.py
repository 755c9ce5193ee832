"""The runtime runs the recorder: started with the bot, drained when it stops, never in the way.

These build the context from settings as `pactbot discord/slack` do, serve a runner that stands
in for a platform and hands questions to the conversation stage as an adapter does, and stop with
SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import aiohttp
import pytest

from bot.context import AppContext, build_context
from bot.conversation import Ask, Origin
from bot.conversation.stage import Stage
from bot.core.service import FactService
from bot.record.settings import RecordSettings
from bot.record.store import open_store
from bot.runtime import RuntimeSettings, serve
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "tests" / "core" / "data" / "northwind.yaml"


class StandInRunner:
    """Connects at once and serves until closed, as a platform runner does."""

    platform = "stand-in"
    ops_port = None  # serves no HTTP of its own

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.stage = Stage.from_context(ctx)
        self.started = asyncio.Event()
        self.closed = asyncio.Event()

    async def ask(self, question: str, user: str = "u1") -> str:
        """`question` through the stage, as an adapter hands it over; the text of the reply."""
        ask = Ask(platform=self.platform, origin=Origin.MENTION, user_key=user, text=question,
                  channel_key="c1")
        [reply] = await self.stage.replies(ask)
        return reply.text

    async def start(self) -> None:
        self.ctx.health.set_connected(self.platform, True)
        self.started.set()
        await self.closed.wait()

    async def close(self) -> None:
        self.closed.set()


async def test_the_bot_records_while_it_runs_and_writes_the_last_questions_at_stop(tmp_path: Path) -> None:
    env = {"PACTBOT_DATA_DIR": str(tmp_path), "PACTBOT_COOLDOWN_LIMIT": "4"}
    ctx = build_context(env, FactService(FACTS))
    runner = StandInRunner(ctx)
    port = free_port()
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(http_port=port, reload_seconds=0)))
    await asyncio.wait_for(runner.started.wait(), 5)
    for question in ("who signed the treaty", "what is the capital of mars", "when was it signed", "help",
                     "too fast"):  # the fifth from u1 within the cooldown's window
        await runner.ask(question)
    assert await asyncio.to_thread(ctx.recorder.flush)
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/metrics") as resp:
        metrics = await resp.text()
    assert 'pactbot_records_total{kind="question",result="written"} 5.0' in metrics
    assert 'pactbot_backend_up{backend="database"} 1.0' in metrics
    await runner.ask("who signed the treaty", user="u2")  # still queued when the stop signal comes
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(task, 10) == 0
    store = open_store(RecordSettings.from_env(env))
    try:
        outcomes = store.query("SELECT outcome, COUNT(*) FROM questions GROUP BY outcome ORDER BY outcome")
    finally:
        store.close()
    assert outcomes == [("answered", 3), ("cooldown", 1), ("declined", 1), ("help", 1)]


async def test_with_the_database_unreachable_the_bot_serves_and_answers_and_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    env = {"PACTBOT_DATABASE_URL": f"postgresql://pactbot:pw-never-logged@127.0.0.1:{free_port()}/pactbot"}
    ctx = build_context(env, FactService(FACTS))
    runner = StandInRunner(ctx)
    caplog.set_level(logging.INFO)
    task = asyncio.create_task(serve(ctx, [runner], RuntimeSettings(reload_seconds=0)))
    await asyncio.wait_for(runner.started.wait(), 5)
    assert ctx.health.ready
    texts = [await runner.ask("who signed the treaty", user=f"u{n}") for n in range(20)]
    assert all(text == texts[0] for text in texts) and texts[0]
    await asyncio.to_thread(ctx.recorder.flush)
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(task, 10) == 0
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and problems[0].startswith("cannot record questions"), problems
    assert "pw-never-logged" not in caplog.text
    assert ctx.metrics.registry.get_sample_value(
        "pactbot_records_total", {"kind": "question", "result": "failed"}) == 20
