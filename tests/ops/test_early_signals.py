"""Signals in the first moments of `pactbot run`: `systemctl reload` right after `systemctl start`.

SIGHUP would end a process that has not yet said otherwise; the serving commands say otherwise as
soon as their arguments are read (the interpreter's own start-up, some 40 ms, is all that is left),
and a SIGHUP that came early reloads the facts once the bot is up.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.slack import FakeSlack
from tests.ops.test_ops_process import LogLines
from tests.processes import clean_env, pactbot


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


async def test_sighup_in_the_first_quarter_second_does_not_kill_the_bot(
    fake: FakeSlack, tmp_path: Path
) -> None:
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_APP_TOKEN=fake.app_token,
                    SLACK_API_URL=fake.api_url, PACTBOT_CACHE_DIR="off")
    spawned = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "run", env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    logs = LogLines(proc.stderr)
    try:
        for at in (0.15, 0.25):  # while Python imports libraries and the index is built
            await asyncio.sleep(max(0.0, spawned + at - time.monotonic()))
            assert proc.returncode is None, logs.text()
            proc.send_signal(signal.SIGHUP)
        await logs.wait_for(lambda line: "Socket Mode: connected" in line, within=20)
        # The early SIGHUP was not lost: once serving, the bot reloads its facts.
        await logs.wait_for(lambda line: "SIGHUP: reloading facts" in line)
        await logs.wait_for(lambda line: "reloaded facts" in line)
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 10)
        await asyncio.wait_for(logs.task, 5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, logs.text()
    assert "Traceback" not in logs.text()
