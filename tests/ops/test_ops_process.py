"""`pactbot run` as an operator runs it: a real process against the fake Slack (Socket Mode) on 127.0.0.1.

One process, probed from outside over HTTP: /healthz, /readyz, /metrics; the fact file edited
(broken, then good) while it runs, and SIGHUP; JSON log lines with no secret in them; and
SIGTERM ending it with status 0 within 10 s.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.fakes.slack import FakeSlack
from tests.processes import clean_env, pactbot
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
GOOD_EDIT = ('name: {en: "Georgy Chicherin"', 'name: {en: "Georgy V. Chicherin"')


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


class LogLines:
    """Collects a process's stderr line by line, so the pipe never fills and tests can wait for a line."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        self.task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.lines.append(line.decode("utf-8", "replace"))

    async def wait_for(self, check: Callable[[str], bool], within: float = 10.0) -> str:
        deadline = time.monotonic() + within
        while True:
            for line in self.lines:
                if check(line):
                    return line
            if self.task.done() or time.monotonic() > deadline:
                raise AssertionError("no such log line; got:\n" + "".join(self.lines))
            await asyncio.sleep(0.02)

    def text(self) -> str:
        return "".join(self.lines)


async def get(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url) as resp:
        return resp.status, await resp.text()


async def until(check: Callable[[], Any], within: float = 10.0) -> Any:
    """Wait until `check()` (or what it returns, if awaitable) is truthy; return that."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def metric(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


async def test_a_running_bot_reports_health_reloads_facts_and_stops_on_sigterm(
    fake: FakeSlack, tmp_path: Path
) -> None:
    facts = tmp_path / "pact.yaml"
    shutil.copyfile(ROOT / "facts" / "pact.yaml", facts)
    original = facts.read_text(encoding="utf-8")
    port = free_port()
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_APP_TOKEN=fake.app_token,
                    SLACK_API_URL=fake.api_url, PACTBOT_FACTS=str(facts), PACTBOT_HTTP_PORT=str(port),
                    PACTBOT_RELOAD_SECONDS="0.2", PACTBOT_LOG_FORMAT="json")
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "run", env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    logs = LogLines(proc.stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            async def ready() -> bool:
                try:
                    return (await get(http, f"{base}/readyz"))[0] == 200
                except aiohttp.ClientError:
                    return False

            await until(ready, within=20)
            assert await get(http, f"{base}/healthz") == (200, "ok\n")
            await until(lambda: fake.open_tickets())

            fake.push("slash_commands", fake.slash_command("who signed", "ops-1"))
            [first] = await until(lambda: fake.responses_to("ops-1"))
            assert "Georgy Chicherin" in first.body["text"]
            status, metrics = await get(http, f"{base}/metrics")
            assert status == 200
            assert metric(metrics, 'pactbot_questions_total{outcome="answered",platform="slack"}') == 1
            assert metric(metrics, 'pactbot_answer_seconds_count{platform="slack"}') == 1

            # A broken edit: logged as FILE:LINE: message, counted, and the old facts keep answering.
            broken = original.replace("schema: 1", "schema: 1\nfacts: [unclosed\n", 1)
            facts.write_text(broken, encoding="utf-8")
            located = re.compile(rf"^{re.escape(str(facts))}:\d+: \S")
            await logs.wait_for(lambda line: bool(located.match(json.loads(line)["message"])))
            _, metrics = await get(http, f"{base}/metrics")
            assert metric(metrics, "pactbot_fact_reload_failures_total") == 1
            fake.push("slash_commands", fake.slash_command("who signed", "ops-2"))
            [second] = await until(lambda: fake.responses_to("ops-2"))
            assert "Georgy Chicherin" in second.body["text"]
            assert (await get(http, f"{base}/readyz"))[0] == 200

            # A good edit is picked up by the poll; SIGHUP reloads again on demand.
            facts.write_text(original.replace(*GOOD_EDIT), encoding="utf-8")

            async def reloaded(times: int) -> bool:
                return metric((await get(http, f"{base}/metrics"))[1], "pactbot_fact_reloads_total") == times

            await until(lambda: reloaded(1))
            fake.push("slash_commands", fake.slash_command("who signed", "ops-3"))
            [third] = await until(lambda: fake.responses_to("ops-3"))
            assert "Georgy V. Chicherin" in third.body["text"]
            proc.send_signal(signal.SIGHUP)
            await until(lambda: reloaded(2))

            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 10)
            took = time.monotonic() - started
        await asyncio.wait_for(logs.task, 5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    err = logs.text()
    assert proc.returncode == 0, err
    assert took < 10
    assert fake.bot_token not in err and fake.app_token not in err
    assert "Traceback" not in err
    entries = [json.loads(line) for line in err.splitlines()]  # every line is one JSON object
    assert any(e["message"] == "SIGHUP: reloading facts from " + str(facts) for e in entries)
    assert entries[-1]["level"] in ("info", "warning")


@pytest.mark.parametrize("shared", [True, False], ids=["same-port", "own-port"])
async def test_slack_http_mode_and_the_ops_port_live_together(fake: FakeSlack, shared: bool) -> None:
    """PACTBOT_HTTP_PORT equal to the Slack port: one server carries both; different: two servers."""
    slack_port = free_port()
    ops_port = slack_port if shared else free_port()
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET="ops-test-signing-secret",
                    SLACK_API_URL=fake.api_url, PACTBOT_HTTP_PORT=str(ops_port))
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "slack", "--http", "--host", "127.0.0.1", "--port", str(slack_port), env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    logs = LogLines(proc.stderr)
    try:
        await logs.wait_for(lambda line: f"127.0.0.1:{slack_port}/slack/events" in line, within=20)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            for port in {slack_port, ops_port}:
                assert await get(http, f"http://127.0.0.1:{port}/healthz") == (200, "ok\n")
                status, _ = await get(http, f"http://127.0.0.1:{port}/readyz")
                assert status == 200
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 10)
        await asyncio.wait_for(logs.task, 5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, logs.text()
    assert "Traceback" not in logs.text()
