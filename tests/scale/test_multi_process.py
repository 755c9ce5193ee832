"""Several `pactbot` processes sharing one real Redis, as replicas and shard processes do in production.

- two Slack HTTP processes with no load balancer in front: the same event sent to both is answered
  once, and a user held by the cooldown in one process is held in the other;
- two Discord shard processes started together: their IDENTIFYs reach the gateway at least
  Discord's 5 s apart.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.core.texts import Texts
from bot.scale import IDENTIFY_INTERVAL
from bot.scale.redis import IDENTIFY_MARGIN
from tests.fakes.discord import FakeDiscord, GatewaySession
from tests.fakes.slack import FakeSlack, sign
from tests.processes import clean_env, pactbot
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "multi-process-signing-secret"
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/slack/events")


class Bot:
    """One `pactbot` process; its stderr is collected as it comes so the pipe never fills."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[str] = []
        assert proc.stderr is not None
        self.reader = asyncio.create_task(self._read(proc.stderr))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.lines.append(line.decode("utf-8", "replace"))

    async def wait_for(self, pattern: re.Pattern[str], within: float = 20.0) -> re.Match[str]:
        deadline = time.monotonic() + within
        while True:
            for line in self.lines:
                if match := pattern.search(line):
                    return match
            if self.reader.done() or time.monotonic() > deadline:
                raise AssertionError(f"no line matching {pattern.pattern}:\n" + "".join(self.lines))
            await asyncio.sleep(0.02)

    async def stop(self) -> int:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), 10)
        finally:
            if self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()
            await asyncio.wait_for(self.reader, 5)
        return self.proc.returncode

    @property
    def log(self) -> str:
        return "".join(self.lines)


@asynccontextmanager
async def bots(*argvs_and_envs: tuple[list[str], dict[str, str]]) -> AsyncIterator[list[Bot]]:
    started: list[Bot] = []
    try:
        for argv, env in argvs_and_envs:
            proc = await asyncio.create_subprocess_exec(
                *pactbot(), *argv, env=env, cwd=ROOT, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            )
            started.append(Bot(proc))
        yield started
    finally:
        for bot in started:
            if bot.proc.returncode is None:
                bot.proc.kill()
                await bot.proc.wait()


async def until(check: Callable[[], Any], within: float = 10.0) -> Any:
    deadline = time.monotonic() + within
    while not (result := check()):
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)
    return result


# --- Slack HTTP replicas -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


def event_body(fake: FakeSlack, event_id: str, user: str, ts: str) -> str:
    return json.dumps({
        "token": "verification-token", "team_id": fake.team_id, "api_app_id": "AFAKE",
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": user, "text": f"<@{fake.bot_user_id}> who signed",
                  "ts": ts, "channel": "C1", "event_ts": ts},
        "authorizations": [{"team_id": fake.team_id, "user_id": fake.bot_user_id, "is_bot": True}],
    })


async def post(session: aiohttp.ClientSession, port: int, body: str, content_type: str) -> int:
    headers = {"Content-Type": content_type, **sign(SECRET, body)}
    url = f"http://127.0.0.1:{port}/slack/events"
    async with session.post(url, data=body.encode(), headers=headers) as resp:
        await resp.read()
        return resp.status


async def test_two_slack_replicas_answer_an_event_once_and_share_cooldowns(
    fake_slack: FakeSlack, redis_url: str
) -> None:
    fake = fake_slack
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                    SLACK_API_URL=fake.api_url, PACTBOT_REDIS_URL=redis_url,
                    PACTBOT_REDIS_PREFIX=f"test-{uuid.uuid4().hex[:8]}",
                    PACTBOT_COOLDOWN_LIMIT="1", PACTBOT_COOLDOWN_SECONDS="60")
    argv = ["slack", "--http", "--host", "127.0.0.1", "--port", "0"]
    async with bots((argv, env), (argv, env)) as (first, second), aiohttp.ClientSession() as session:
        ports = [int((await bot.wait_for(LISTENING)).group(1)) for bot in (first, second)]

        # The same event (as Slack retries it, or as a misrouted duplicate) reaches both replicas at once.
        ts = "1700000100.000100"
        body = event_body(fake, "EvMULTI1", "U-mention", ts)
        statuses = await asyncio.gather(*(post(session, port, body, "application/json") for port in ports))
        assert statuses == [200, 200]
        [answer] = await until(lambda: [c for c in fake.calls_to("chat.postMessage")
                                        if c.params.get("thread_ts") == ts])
        assert "Chicherin" in answer.params["text"]
        await asyncio.sleep(0.5)  # time enough for a second, wrong answer to arrive
        assert len([c for c in fake.calls_to("chat.postMessage") if c.params.get("thread_ts") == ts]) == 1

        # One question allowed per minute: answered by the first replica, held back by the second.
        form = "application/x-www-form-urlencoded"
        body = urlencode(fake.slash_command("who signed", "cool-first", user="U-cool"))
        assert await post(session, ports[0], body, form) == 200
        [answered] = await until(lambda: fake.responses_to("cool-first"))
        assert "Chicherin" in answered.body["text"]
        body = urlencode(fake.slash_command("who signed", "cool-second", user="U-cool"))
        assert await post(session, ports[1], body, form) == 200
        [held] = await until(lambda: fake.responses_to("cool-second"))
        waiting = Texts().get("cooldown", seconds=60).split("60")[0]
        assert held.body["text"].startswith(waiting), held.body["text"]
        assert "Chicherin" not in held.body["text"]

        assert [await bot.stop() for bot in (first, second)] == [0, 0], first.log + second.log
    for bot in (first, second):
        assert fake.bot_token not in bot.log and SECRET not in bot.log and "Traceback" not in bot.log


# --- Discord shard processes ---------------------------------------------------------------------------


class TimedDiscord(FakeDiscord):
    """The fake Discord, noting when each IDENTIFY arrives (and for which shard)."""

    def __init__(self) -> None:
        super().__init__()
        self.identified: list[tuple[float, int]] = []

    async def _on_gateway(self, session: GatewaySession, payload: dict[str, Any]) -> None:
        if payload.get("op") == 2:
            shard = (payload.get("d") or {}).get("shard") or [0, 1]
            self.identified.append((time.monotonic(), int(shard[0])))
        await super()._on_gateway(session, payload)


async def test_two_discord_shard_processes_identify_at_least_5_s_apart(redis_url: str) -> None:
    async with TimedDiscord() as fake:
        common = {"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARDS_PER_PROCESS": "1",
                  "PACTBOT_REDIS_URL": redis_url, "PACTBOT_REDIS_PREFIX": f"test-{uuid.uuid4().hex[:8]}"}
        ports = [free_port(), free_port()]
        runs = [(["discord"], clean_env(**fake.env(**common, DISCORD_PROCESS_INDEX=str(i),
                                                   PACTBOT_HTTP_PORT=str(ports[i])))) for i in (0, 1)]
        async with bots(*runs) as started, aiohttp.ClientSession() as http:
            await fake.wait_shards([0, 1], 2, within=IDENTIFY_INTERVAL + IDENTIFY_MARGIN + 15)
            assert sorted(shard for _, shard in fake.identified) == [0, 1]
            (at_first, _), (at_second, _) = sorted(fake.identified)
            # Measured where Discord would measure it: at the gateway, on arrival.
            assert at_second - at_first >= IDENTIFY_INTERVAL, fake.identified

            async def ready(port: int) -> bool:
                async with http.get(f"http://127.0.0.1:{port}/readyz") as resp:
                    return resp.status == 200

            for port in ports:  # each process reports ready once its own shard is connected
                deadline = time.monotonic() + 10
                while not await ready(port):
                    assert time.monotonic() < deadline, f"process on {port} never became ready"
                    await asyncio.sleep(0.05)
            statuses = [await bot.stop() for bot in started]
        assert statuses == [0, 0], "".join(b.log for b in started)
        for bot in started:
            assert fake.token not in bot.log and "Traceback" not in bot.log
