"""Discord adapter benchmark: slash questions through the real discord.py and the fake gateway.

Measures, on 127.0.0.1, the time from the fake pushing INTERACTION_CREATE down the zlib-stream
gateway to the bot's interaction callback arriving at the fake's REST API: latency one question
at a time (p50/p99), then throughput with many questions in flight. Run `python -m
benchmarks.discord_bench` (or `make bench`); nothing is asserted, figures are printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import resource
import statistics
import time
from pathlib import Path

from bot.adapters.discord import DiscordSettings, build_runner
from bot.context import AppContext
from bot.conversation.limits import MemoryCooldown
from bot.core.service import FactService
from tests.fakes.discord import FakeDiscord, RecordedRequest

FACTS = Path(__file__).resolve().parent.parent / "facts" / "pact.yaml"
QUESTIONS = ("who signed", "when was it signed", "where was the pact signed", "how long was it in force",
             "what did the pact say about aggression", "why did poland object", "help", "weather on mars")
SEQUENTIAL = 400
CONCURRENT = 2000
IN_FLIGHT = 64


class Timer:
    """When each interaction's callback reached the fake (fed by the fake's request listener)."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.waiting: dict[str, asyncio.Future[float]] = {}

    def __call__(self, request: RecordedRequest) -> None:
        if request.method == "POST" and request.path.startswith("/interactions/"):
            interaction_id, now = request.path.split("/")[2], time.perf_counter()
            future = self.waiting.pop(interaction_id, None)
            if future is None:
                self.arrived[interaction_id] = now  # answered before anyone waited for it
            elif not future.done():
                future.set_result(now)

    async def wait(self, interaction_id: str) -> float:
        if interaction_id in self.arrived:
            return self.arrived.pop(interaction_id)
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[interaction_id] = future
        return await asyncio.wait_for(future, 10)


async def ask(fake: FakeDiscord, timer: Timer, n: int) -> float:
    """Push one slash question (from its own user) and return seconds until its callback arrived."""
    started = time.perf_counter()
    payload = await fake.slash(QUESTIONS[n % len(QUESTIONS)], user_id=100_000 + n)
    return await timer.wait(payload["id"]) - started


async def run() -> dict[str, float]:
    service = FactService(FACTS)
    # Every question comes from its own user, so the (default) cooldown never applies.
    ctx = AppContext(service=service, env={}, cooldown=MemoryCooldown())
    async with FakeDiscord() as fake:
        timer = Timer()
        fake.listeners.append(timer)
        settings = dataclasses.replace(DiscordSettings.from_env(fake.env()), guild_ready_timeout=0.05)
        runner = build_runner(ctx, settings)
        task = asyncio.create_task(runner.start())
        try:
            await fake.wait_shards([0], 1)
            for n in range(50):  # warm-up: imports, caches, connection pool
                await ask(fake, timer, n)
            fake.requests.clear()

            latencies = [await ask(fake, timer, 1_000 + n) for n in range(SEQUENTIAL)]
            fake.requests.clear()

            gate = asyncio.Semaphore(IN_FLIGHT)

            async def limited(n: int) -> float:
                async with gate:
                    return await ask(fake, timer, 10_000 + n)

            started = time.perf_counter()
            loaded = await asyncio.gather(*(limited(n) for n in range(CONCURRENT)))
            elapsed = time.perf_counter() - started
        finally:
            await runner.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 5)
    cuts = statistics.quantiles(latencies, n=100)
    loaded_cuts = statistics.quantiles(loaded, n=100)
    return {
        "sequential_p50_ms": cuts[49] * 1000,
        "sequential_p99_ms": cuts[98] * 1000,
        "sequential_per_second": SEQUENTIAL / sum(latencies),
        "loaded_per_second": CONCURRENT / elapsed,
        "loaded_p50_ms": loaded_cuts[49] * 1000,
        "loaded_p99_ms": loaded_cuts[98] * 1000,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    figures = asyncio.run(run())
    print("Discord (discord.py against the fake gateway on 127.0.0.1, bot and fake in one process)")
    print(f"  one at a time, {SEQUENTIAL} slash questions: p50 {figures['sequential_p50_ms']:.2f} ms, "
          f"p99 {figures['sequential_p99_ms']:.2f} ms ({figures['sequential_per_second']:.0f} questions/s)")
    print(f"  {CONCURRENT} slash questions, {IN_FLIGHT} in flight: "
          f"{figures['loaded_per_second']:.0f} questions/s, "
          f"p50 {figures['loaded_p50_ms']:.2f} ms, p99 {figures['loaded_p99_ms']:.2f} ms")
    print(f"  peak memory (bot + fake + fact file): {figures['max_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
