"""`pactbot run` as a real process against the fake Slack (Socket Mode), for the ops tests and benchmarks."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fakes.slack import FakeSlack
from tests.ops.test_ops_process import LogLines
from tests.processes import clean_env, pactbot

Bot = tuple[asyncio.subprocess.Process, LogLines]


@asynccontextmanager
async def running_bot(
    fake: FakeSlack, cwd: Path, *, connected: bool = True, **settings: str
) -> AsyncIterator[Bot]:
    """`pactbot run` in `cwd` with the fake's tokens and `settings`, its stderr collected line by line;
    with `connected`, yielded once its Socket Mode connection is open. Killed on the way out if the
    test has not stopped it."""
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_APP_TOKEN=fake.app_token,
                    SLACK_API_URL=fake.api_url, **settings)
    tickets_before = len(fake.open_tickets())
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "run", env=env, cwd=cwd, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    logs = LogLines(proc.stderr)
    try:
        if connected:
            await fake.until(lambda: len(fake.open_tickets()) > tickets_before, within=20)
        yield proc, logs
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await asyncio.wait_for(logs.task, 5)


async def stop(proc: asyncio.subprocess.Process) -> float:
    """SIGTERM, then the seconds until the process has exited (at most 15)."""
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    await asyncio.wait_for(proc.wait(), 15)
    return time.monotonic() - started
