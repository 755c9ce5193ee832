"""A client that trickles its request head (slowloris) must not hold a connection to the ops server
of a running `pactbot run` for ever: it is cut off `READ_TIMEOUT_SECONDS` after connecting, while
/healthz keeps answering everyone else."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp

from bot.ops import READ_TIMEOUT_SECONDS
from tests.fakes.slack import FakeSlack
from tests.ops.running import running_bot, stop
from tests.ops.test_ops_process import get, until
from tests.redis_server import free_port


async def test_a_client_trickling_its_headers_is_cut_off(fake: FakeSlack, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with running_bot(fake, tmp_path, PACTBOT_HTTP_PORT=str(port)) as (proc, logs), \
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
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
        await stop(proc)
    assert closed_after is not None, "the trickling connection was never closed"
    assert closed_after < READ_TIMEOUT_SECONDS + 1.5
    assert proc.returncode == 0, logs.text()
