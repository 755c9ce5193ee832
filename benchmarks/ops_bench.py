"""Operations benchmark: what self-hosting and scaling out cost.

- Redis-backed cooldown and de-duplication: latency per call (p50/p99) and calls per second with
  50 in flight, beside the in-process versions (a real redis-server on 127.0.0.1);
- fact-file reload time, and a /metrics scrape over HTTP;
- answers during a live reload of the amplifier file of issue 11 and of a valid file near the size
  limit, and SIGTERM right after;
- a `pactbot slack --http` process against the fake Slack: time from start to /readyz, and from
  SIGTERM to exit.
"""

from __future__ import annotations

import asyncio
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from bot.context import AppContext
from bot.conversation.limits import MemoryCooldown, MemoryDeduper
from bot.core.service import FactService
from bot.ops import bound_port, start_ops_server
from bot.scale.redis import RedisBackend
from tests.fakes.slack import FakeSlack
from tests.processes import clean_env
from tests.redis_server import free_port, running_redis

ROOT = Path(__file__).resolve().parents[1]
PACT = ROOT / "facts" / "pact.yaml"
CALLS = 2000


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {ms(statistics.median(ordered))}, p99 {ms(p99)}"


async def timed(call: Callable[[int], Awaitable[object]], n: int = CALLS) -> list[float]:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        await call(i)
        samples.append(time.perf_counter() - started)
    return samples


async def throughput(call: Callable[[int], Awaitable[object]], n: int = CALLS, width: int = 50) -> float:
    counter = iter(range(n))

    async def worker() -> None:
        for i in counter:
            await call(i)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(width)))
    return n / (time.perf_counter() - started)


async def limits(redis_url: str) -> None:
    backend = RedisBackend.from_url(redis_url, prefix=f"bench-{uuid.uuid4().hex[:6]}")
    try:
        await backend.check()
        redis_cooldown, memory_cooldown = backend.cooldown(5, 30), MemoryCooldown(5, 30)
        redis_dedupe, memory_dedupe = backend.deduper(), MemoryDeduper()
        kinds: list[tuple[str, Callable[[int], Awaitable[object]]]] = [
            ("cooldown.hit, Redis", lambda i: redis_cooldown.hit(f"u{i % 500}")),
            ("cooldown.hit, memory", lambda i: memory_cooldown.hit(f"u{i % 500}")),
            ("first_seen, Redis", lambda i: redis_dedupe.first_seen(f"e{i}-{time.perf_counter_ns()}")),
            ("first_seen, memory", lambda i: memory_dedupe.first_seen(f"e{i}-{time.perf_counter_ns()}")),
        ]
        for name, call in kinds:
            samples = await timed(call)
            rate = await throughput(call)
            print(f"  {name:<22} {percentiles(samples)}; {rate:,.0f}/s with 50 in flight")
    finally:
        await backend.aclose()


async def reload_and_scrape() -> None:
    service = FactService(PACT)
    samples = []
    for _ in range(10):
        started = time.perf_counter()
        service.reload()
        samples.append(time.perf_counter() - started)
    print(f"  fact-file reload       median {ms(statistics.median(samples))} (of 10)")
    ctx = AppContext(service=service, env={})
    for outcome in ("answered", "declined", "cooldown"):
        ctx.metrics.question("slack", outcome, 0.001, 0.9)
    runner = await start_ops_server(ctx, "127.0.0.1", 0)
    try:
        url = f"http://127.0.0.1:{bound_port(runner)}/metrics"
        async with aiohttp.ClientSession() as http:

            async def scrape(_: int) -> None:
                async with http.get(url) as resp:
                    await resp.read()

            print(f"  GET /metrics           {percentiles(await timed(scrape, 300))}")
    finally:
        await runner.cleanup()


async def process_lifecycle() -> None:
    secret = "bench-signing-secret"
    starts, stops = [], []
    with FakeSlack() as fake:
        for _ in range(3):
            port = free_port()
            # clean_env: no stray settings, and a data directory of this run's own for the record.
            env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=secret,
                            SLACK_API_URL=fake.api_url)
            started = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "slack", "--http", "--host", "127.0.0.1",
                "--port", str(port), env=env, cwd=ROOT,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                async with aiohttp.ClientSession() as http:
                    while True:
                        try:
                            async with http.get(f"http://127.0.0.1:{port}/readyz") as resp:
                                if resp.status == 200:
                                    break
                        except aiohttp.ClientError:
                            pass
                        await asyncio.sleep(0.01)
                starts.append(time.perf_counter() - started)
                stopping = time.perf_counter()
                proc.terminate()
                await asyncio.wait_for(proc.wait(), 15)
                stops.append(time.perf_counter() - stopping)
            finally:
                if proc.returncode is None:
                    proc.kill()
                    await proc.wait()
    print(f"  pactbot slack --http   start to /readyz median {statistics.median(starts):.2f} s; "
          f"SIGTERM to exit median {statistics.median(stops):.2f} s (of 3)")


async def answers_during_reloads() -> None:
    """A `pactbot run` (Socket Mode, fake Slack) answering one question after another while it reloads
    the amplifier (refused) and a valid file near the size limit (indexed on its reload thread)."""
    from tests.hostile_facts import amplifier, heavy
    from tests.ops.running import stop
    from tests.ops.test_reload_faults import answer_seconds, bot_on

    with FakeSlack() as fake, tempfile.TemporaryDirectory() as workdir:
        for name, grow in (("amplifier", amplifier), ("900 KB valid", heavy)):
            facts = Path(workdir) / "pact.yaml"
            facts.write_text(PACT.read_text(encoding="utf-8"), encoding="utf-8")
            async with bot_on(fake, facts) as (proc, _):
                before = [await answer_seconds(fake, f"{name}-before-{n}") for n in range(30)]
                facts.write_text(grow(facts.read_text(encoding="utf-8")), encoding="utf-8")
                proc.send_signal(signal.SIGHUP)
                during, started = [], time.monotonic()
                while time.monotonic() - started < 4:
                    during.append(await answer_seconds(fake, f"{name}-during-{len(during)}"))
                took = await stop(proc)
            print(f"  reload of {name:<13} answer before: {percentiles(before)}; during the reload's 4 s: "
                  f"{percentiles(during)}, max {ms(max(during))}; SIGTERM after {took:.2f} s")


async def run() -> None:
    with tempfile.TemporaryDirectory() as workdir, running_redis(Path(workdir)) as redis_url:
        await limits(redis_url)
    await reload_and_scrape()
    await answers_during_reloads()
    await process_lifecycle()


def main() -> None:
    print("ops: shared limits (Redis vs in-process), reload, /metrics, process start and stop")
    asyncio.run(run())


if __name__ == "__main__":
    main()
