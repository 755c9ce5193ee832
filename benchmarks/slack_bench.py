"""Slack adapter benchmark: HTTP mode under load on 127.0.0.1, signed slash commands as Slack sends them.

`pactbot slack --http` runs as its own process (as in production) against the fake Slack, which
runs in this process with the load generator. Measured:

- the time from sending a signed `/pact` request to its HTTP 200 acknowledgement (Slack's 3 s
  deadline is about this), and to the answer arriving at the response_url;
- at a fixed offered rate (200 requests a second, open loop: requests go out on schedule whether
  or not earlier ones were answered), and at saturation (a fixed number in flight).

Every request comes from its own user, so the cooldown never applies. The bot records its questions,
as it does by default (what that costs: benchmarks.record_bench). Run `python -m
benchmarks.slack_bench` (or `make bench`); nothing is asserted, figures are printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from tests.fakes.slack import FakeSlack, sign
from tests.processes import clean_env

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret"
QUESTIONS = ("who signed", "when was it signed", "where was the pact signed", "how long was it in force",
             "what did the pact say about aggression", "why did poland object", "help", "weather on mars")
RATE = 200  # requests a second, the target load
RATE_SECONDS = 5
SATURATION = 2000
IN_FLIGHT = 32
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/slack/events")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] if len(values) > 1 else values[0]


class Load:
    """Signed slash requests to one running bot, each timed to its acknowledgement and its answer."""

    def __init__(self, fake: FakeSlack, session: aiohttp.ClientSession, url: str) -> None:
        self.fake = fake
        self.session = session
        self.url = url
        self.sent: dict[str, float] = {}
        self.acked: list[float] = []
        self.errors = 0

    async def one(self, n: int) -> None:
        key = f"r{n}"
        body = urlencode(self.fake.slash_command(QUESTIONS[n % len(QUESTIONS)], key, user=f"U{n}"))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
        started = time.perf_counter()
        self.sent[key] = started
        async with self.session.post(self.url, data=body, headers=headers) as resp:
            await resp.read()
            if resp.status != 200:
                self.errors += 1
                return
        self.acked.append(time.perf_counter() - started)

    async def answered(self, expected: int) -> list[float]:
        """Seconds from sending to the answer at the response_url, once all `expected` have arrived."""
        with contextlib.suppress(AssertionError):  # report what arrived within the time allowed
            await self.fake.until(lambda: len(self.fake.responses) >= expected, within=30)
        return [r.at - self.sent[r.key] for r in self.fake.responses if r.key in self.sent]


async def open_loop(load: Load, rate: int, seconds: int, first: int) -> float:
    """Send `rate` requests a second for `seconds`, on schedule; returns the achieved send rate."""
    count = rate * seconds
    start = time.perf_counter()
    tasks = []
    for i in range(count):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(load.one(first + i)))
    await asyncio.gather(*tasks)
    return count / (time.perf_counter() - start)


async def closed_loop(load: Load, count: int, in_flight: int, first: int) -> float:
    gate = asyncio.Semaphore(in_flight)

    async def limited(n: int) -> None:
        async with gate:
            await load.one(n)

    start = time.perf_counter()
    await asyncio.gather(*(limited(first + n) for n in range(count)))
    return count / (time.perf_counter() - start)


async def bot_process(fake: FakeSlack, **settings: str) -> tuple[asyncio.subprocess.Process, int]:
    """`pactbot slack --http` against `fake`, with the defaults a deployment has (recording questions
    included, into a data directory of this run's own) unless `settings` say otherwise."""
    # INFO, for the "listening on" line that tells us the port; nothing is logged per request.
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                    PACTBOT_LOG_LEVEL="INFO", **settings)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "slack", "--http", "--host", "127.0.0.1", "--port", "0",
        env=env, cwd=ROOT, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
    )
    assert proc.stderr is not None
    while True:
        line = (await asyncio.wait_for(proc.stderr.readline(), 30)).decode()
        if not line:
            raise RuntimeError("pactbot slack --http exited before it was listening")
        if match := LISTENING.search(line):
            break
    # Keep draining its log so a full pipe never blocks the bot.
    asyncio.get_running_loop().create_task(_drain(proc.stderr))
    return proc, int(match.group(1))


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.read(65536):
        pass


async def run() -> dict[str, float]:
    figures: dict[str, float] = {}
    with FakeSlack() as fake:
        proc, port = await bot_process(fake)
        try:
            url = f"http://127.0.0.1:{port}/slack/events"
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                warm = Load(fake, session, url)
                await closed_loop(warm, 200, 8, 0)  # warm-up: imports, auth.test, connection pools
                await warm.answered(200)

                fake.reset()
                steady = Load(fake, session, url)
                cpu_before = cpu_seconds(proc.pid)
                figures["rate_sent_per_second"] = await open_loop(steady, RATE, RATE_SECONDS, 10_000)
                answered = await steady.answered(RATE * RATE_SECONDS)
                cpu_used = cpu_seconds(proc.pid) - cpu_before
                figures["cpu_ms_per_request"] = cpu_used / (RATE * RATE_SECONDS) * 1000
                figures["rate_ack_p50_ms"] = percentile(steady.acked, 0.50) * 1000
                figures["rate_ack_p99_ms"] = percentile(steady.acked, 0.99) * 1000
                figures["rate_ack_max_ms"] = max(steady.acked) * 1000
                figures["rate_answer_p50_ms"] = percentile(answered, 0.50) * 1000
                figures["rate_answer_p99_ms"] = percentile(answered, 0.99) * 1000
                figures["rate_errors"] = steady.errors + RATE * RATE_SECONDS - len(answered)

                fake.reset()
                saturated = Load(fake, session, url)
                figures["max_per_second"] = await closed_loop(saturated, SATURATION, IN_FLIGHT, 100_000)
                answered = await saturated.answered(SATURATION)
                figures["max_ack_p50_ms"] = percentile(saturated.acked, 0.50) * 1000
                figures["max_ack_p99_ms"] = percentile(saturated.acked, 0.99) * 1000
                figures["max_answer_p99_ms"] = percentile(answered, 0.99) * 1000
                figures["max_errors"] = saturated.errors + SATURATION - len(answered)
        finally:
            proc.terminate()
            await asyncio.wait_for(proc.wait(), 15)
    return figures


def main() -> None:
    f = asyncio.run(run())
    print("Slack HTTP mode (`pactbot slack --http` process, signed /pact requests, fake Slack on 127.0.0.1)")
    print(f"  {RATE} requests/s offered for {RATE_SECONDS} s (sent at {f['rate_sent_per_second']:.0f}/s): "
          f"ack p50 {f['rate_ack_p50_ms']:.1f} ms, p99 {f['rate_ack_p99_ms']:.1f} ms, "
          f"max {f['rate_ack_max_ms']:.1f} ms; answer at response_url p50 {f['rate_answer_p50_ms']:.1f} ms, "
          f"p99 {f['rate_answer_p99_ms']:.1f} ms; failures {f['rate_errors']:.0f}")
    print(f"  bot process CPU per request (ack, answer, response_url post): {f['cpu_ms_per_request']:.2f} ms")
    print(f"  saturation, {SATURATION} requests with {IN_FLIGHT} in flight: "
          f"{f['max_per_second']:.0f} requests/s, "
          f"ack p50 {f['max_ack_p50_ms']:.1f} ms, p99 {f['max_ack_p99_ms']:.1f} ms; "
          f"answer p99 {f['max_answer_p99_ms']:.1f} ms; failures {f['max_errors']:.0f}")


if __name__ == "__main__":
    main()
