"""Live reloads of hostile and heavy fact files on a running `pactbot run` (Socket Mode, fake Slack).

- The amplifier of issue 11 (300 KB of YAML whose aliases stand for 600 MB of text) is refused with
  `FILE:LINE` within 5 s of SIGHUP, answers keep coming meanwhile no more than 100 ms later than
  before, and SIGTERM right after still ends the process with 0 within 10 s.
- A valid file near the size limit takes the engine a second or two to index; SIGTERM in the middle
  of that reload ends the process with 0 at once, without waiting for the reload to finish.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fakes.slack import FakeSlack
from tests.hostile_facts import amplifier, heavy
from tests.ops.running import Bot, running_bot, stop

ROOT = Path(__file__).resolve().parents[2]


@asynccontextmanager
async def bot_on(fake: FakeSlack, facts: Path) -> AsyncIterator[Bot]:
    """`pactbot run` on `facts`, reloading only on SIGHUP, with no cooldown to get in the way."""
    async with running_bot(fake, facts.parent, PACTBOT_FACTS=str(facts), PACTBOT_RELOAD_SECONDS="0",
                           PACTBOT_CACHE_DIR="off", PACTBOT_COOLDOWN_LIMIT="100000") as bot:
        yield bot


async def answer_seconds(fake: FakeSlack, key: str) -> float:
    """Ask once over Socket Mode; seconds from the push to the answer reaching the response URL."""
    pushed = time.perf_counter()
    fake.push("slash_commands", fake.slash_command("who signed", key))
    [answer] = await fake.until(lambda: fake.responses_to(key), within=30)
    assert "Chicherin" in answer.body["text"]
    return float(answer.at - pushed)


async def test_reloading_the_amplifier_neither_stalls_answers_nor_shutdown(
    fake: FakeSlack, tmp_path: Path
) -> None:
    facts = tmp_path / "pact.yaml"
    shutil.copyfile(ROOT / "facts" / "pact.yaml", facts)
    async with bot_on(fake, facts) as (proc, logs):
        before = [await answer_seconds(fake, f"amp-before-{n}") for n in range(10)]
        facts.write_text(amplifier(facts.read_text(encoding="utf-8")), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        hup = time.monotonic()
        during = []
        refused = re.compile(rf"ERROR .*{re.escape(str(facts))}:[1-9]\d*: ")
        while not any(refused.search(line) for line in logs.lines) and time.monotonic() - hup < 5:
            during.append(await answer_seconds(fake, f"amp-during-{len(during)}"))
            await asyncio.sleep(0.02)
        await logs.wait_for(lambda line: bool(refused.search(line)), within=0.1)  # within 5 s of SIGHUP
        during += [await answer_seconds(fake, f"amp-after-{n}") for n in range(5)]
        took = await stop(proc)
    assert proc.returncode == 0, logs.text()
    assert took < 10
    assert max(during) < max(before) + 0.1, (before, during)
    assert "Traceback" not in logs.text()


async def test_sigterm_in_the_middle_of_a_long_reload_exits_at_once(fake: FakeSlack, tmp_path: Path) -> None:
    facts = tmp_path / "pact.yaml"
    shutil.copyfile(ROOT / "facts" / "pact.yaml", facts)
    async with bot_on(fake, facts) as (proc, logs):
        facts.write_text(heavy(facts.read_text(encoding="utf-8")), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        await logs.wait_for(lambda line: "SIGHUP: reloading facts" in line)
        await asyncio.sleep(0.2)  # indexing this file takes a second or more
        took = await stop(proc)
    assert proc.returncode == 0, logs.text()
    assert took < 10
    # It did not wait for the reload: the new facts were never reported live.
    assert "reloaded facts" not in logs.text(), logs.text()
    assert "Traceback" not in logs.text()
