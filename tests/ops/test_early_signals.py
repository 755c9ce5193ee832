"""Signals in the first moments of `pactbot run`: `systemctl reload` right after `systemctl start`.

SIGHUP would end a process that has not yet said otherwise; the serving commands say otherwise as
soon as their arguments are read (the interpreter's own start-up, some 40 ms, is all that is left),
and a SIGHUP that came early reloads the facts once the bot is up.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

from tests.fakes.slack import FakeSlack
from tests.ops.running import running_bot, stop


async def test_sighup_in_the_first_quarter_second_does_not_kill_the_bot(
    fake: FakeSlack, tmp_path: Path
) -> None:
    spawned = time.monotonic()
    async with running_bot(fake, tmp_path, connected=False, PACTBOT_CACHE_DIR="off") as (proc, logs):
        for at in (0.15, 0.25):  # while Python imports libraries and the index is built
            await asyncio.sleep(max(0.0, spawned + at - time.monotonic()))
            assert proc.returncode is None, logs.text()
            proc.send_signal(signal.SIGHUP)
        await logs.wait_for(lambda line: "Socket Mode: connected" in line, within=20)
        # The early SIGHUP was not lost: once serving, the bot reloads its facts.
        await logs.wait_for(lambda line: "SIGHUP: reloading facts" in line)
        await logs.wait_for(lambda line: "reloaded facts" in line)
        await stop(proc)
    assert proc.returncode == 0, logs.text()
    assert "Traceback" not in logs.text()
