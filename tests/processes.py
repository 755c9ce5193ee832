"""Starting `pactbot` as a real process from a test: the command and a clean environment."""

import asyncio
import atexit
import contextlib
import functools
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pactbot() -> list[str]:
    """The installed `pactbot` script beside this Python, or the module if there is none."""
    script = shutil.which("pactbot", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bot.cli"]


@functools.cache
def _data_dir() -> str:
    path = tempfile.mkdtemp(prefix="pactbot-test-data-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without any Discord, Slack or pactbot settings and no stray .env file.
    What the bots record goes to a directory of this test run's own, never the user's data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "PACTBOT_"))}
    env["PACTBOT_ENV_FILE"] = str(ROOT / "tests" / "no-such.env")
    env["PACTBOT_DATA_DIR"] = _data_dir()
    env.update(extra)
    return env


async def run_pactbot(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """Run `pactbot ARGS` to its end (30 s at most): exit status, standard output and standard error."""
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), *args, env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


@contextlib.asynccontextmanager
async def pactbot_process(env: dict[str, str], *args: str) -> AsyncIterator[asyncio.subprocess.Process]:
    """`pactbot ARGS` running, its output piped; killed at the end if it is still running then."""
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), *args, env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def terminate(proc: asyncio.subprocess.Process, within: float = 15.0) -> tuple[float, str]:
    """SIGTERM, then wait for the end: how many seconds that took, and the rest of standard error."""
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), within)
    return time.monotonic() - started, err.decode()
