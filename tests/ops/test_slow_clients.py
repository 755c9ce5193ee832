"""A client that trickles its request head (slowloris) must not hold a connection to the ops server
of a running `pactbot run` for ever: it is cut off `READ_TIMEOUT_SECONDS` after connecting, while
/healthz keeps answering everyone else."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from bot.ops import READ_TIMEOUT_SECONDS
from tests.fakes.slack import FakeSlack
from tests.ops.test_ops_process import LogLines, get, until
from tests.processes import clean_env, pactbot
from tests.redis_server import free_port


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


async def test_a_client_trickling_its_headers_is_cut_off(fake: FakeSlack, tmp_path: Path) -> None:
    port = free_port()
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_APP_TOKEN=fake.app_token,
                    SLACK_API_URL=fake.api_url, PACTBOT_HTTP_PORT=str(port))
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "run", env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    logs = LogLines(proc.stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            async def up() -> bool:
                try:
                    return (await get(http, f"{base}/healthz"))[0] == 200
                except aiohttp.ClientError:
                    return False

            await until(up, within=20)
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            connected = time.monotonic()
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            closed_after = None
            while time.monotonic() - connected < READ_TIMEOUT_SECONDS + 5:
                try:
                    writer.write(b"X-Slow: a\r\n")  # one more header line every half second, never the end
                    await writer.drain()
                    if await asyncio.wait_for(reader.read(1024), 0.5) == b"":
                        closed_after = time.monotonic() - connected
                        break
                except TimeoutError:
                    continue
                except ConnectionError:
                    closed_after = time.monotonic() - connected
                    break
                assert await get(http, f"{base}/healthz") == (200, "ok\n")  # others are served meanwhile
            writer.close()
        assert closed_after is not None, "the trickling connection was never closed"
        assert closed_after < READ_TIMEOUT_SECONDS + 1.5
    finally:
        if proc.returncode is None:
            proc.terminate()
            await asyncio.wait_for(proc.wait(), 10)
        await asyncio.wait_for(logs.task, 5)
    assert proc.returncode == 0, logs.text()
