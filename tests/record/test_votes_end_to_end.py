"""Issue 12's "done when", end to end: `pactbot slack --http` and `pactbot discord` as real processes
against the fake Slack and the fake Discord, recording into SQLite or a real PostgreSQL server; one
answerable and one unanswerable question, a 👎 on the answer, then `pactbot report --json` with the
same settings. And with the database unreachable, answers still go out and one line says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.core.service import FactService
from tests.adapters.conftest import fake, fake_discord, slack_fake  # noqa: F401  (fixtures, for pytest)
from tests.adapters.test_discord import EPHEMERAL, callback_for, message_from_callback
from tests.adapters.test_slack import block_actions
from tests.adapters.test_slack_cli import wait_for_port
from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack, sign
from tests.processes import clean_env, pactbot_process, run_pactbot, terminate
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "e2e-signing-secret"
ANSWERABLE = "who signed"
UNANSWERABLE = "who won the 1930 world cup"
SERVICE = FactService(ROOT / "facts" / "pact.yaml")


@pytest.fixture(params=["sqlite", "postgres"])
def record_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """What points the bot and `pactbot report` at one record: a data directory (SQLite) or a fresh
    database on the test session's PostgreSQL server."""
    env = {"PACTBOT_DATA_DIR": str(tmp_path / "data")}
    if request.param == "postgres":
        env["PACTBOT_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    return env


def assert_report_shows_the_miss_and_the_thumbs_down(report: tuple[int, str, str]) -> None:
    """`pactbot report --json`: the unanswered question counted once, the 👎 under the answered fact."""
    status, out, err = report
    assert status == 0, err
    data = json.loads(out)
    assert [(u["question"], u["count"]) for u in data["unanswered"]] == [(UNANSWERABLE, 1)]
    [fact_id] = SERVICE.ask(ANSWERABLE).fact_ids
    [fact] = data["facts"]
    assert {k: fact[k] for k in ("fact_id", "asked", "up", "down")} == {
        "fact_id": fact_id, "asked": 1, "up": 0, "down": 1}
    assert fact["down_questions"] == [{"question": ANSWERABLE, "count": 1}]


def assert_one_clean_run(status: int | None, err: str, *secrets: str) -> None:
    assert status == 0, err
    assert "Traceback" not in err
    assert not [line for line in err.splitlines() if " WARNING " in line or " ERROR " in line], err
    for secret in secrets:
        assert secret not in err


# --- Slack -------------------------------------------------------------------------------------------


class SlackSender:
    """Signed requests to a running `pactbot slack --http`, as Slack sends them."""

    def __init__(self, session: aiohttp.ClientSession, port: int, server: FakeSlack) -> None:
        self.session, self.url, self.fake = session, f"http://127.0.0.1:{port}/slack/events", server

    async def post(self, body: str) -> None:
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
        async with self.session.post(self.url, data=body, headers=headers) as resp:
            assert resp.status == 200

    async def slash(self, text: str, key: str) -> dict[str, Any]:
        await self.post(urlencode(self.fake.slash_command(text, key)))
        [posted] = await self.fake.until(lambda: self.fake.responses_to(key), within=10)
        return posted.body

    async def click(self, action_id: str, key: str) -> dict[str, Any]:
        await self.post(urlencode({"payload": json.dumps(block_actions(self.fake, action_id, "", key))}))
        [posted] = await self.fake.until(lambda: self.fake.responses_to(key), within=10)
        return posted.body


@contextlib.asynccontextmanager
async def slack_bot(server: FakeSlack, env: dict[str, str]) -> AsyncIterator[tuple[SlackSender, list[str]]]:
    """`pactbot slack --http` running with `env`: a sender for it, and its standard error, completed
    with the rest and its exit status once it has been stopped with SIGTERM at the end."""
    full = clean_env(SLACK_BOT_TOKEN=server.bot_token, SLACK_SIGNING_SECRET=SECRET,
                     SLACK_API_URL=server.api_url, **env)
    seen: list[str] = []
    async with (pactbot_process(full, "slack", "--http", "--port", "0") as proc,
                aiohttp.ClientSession() as http):
        assert proc.stderr is not None
        port = await asyncio.wait_for(wait_for_port(proc.stderr, seen), 30)
        yield SlackSender(http, port, server), seen
        _, rest = await terminate(proc)
        seen.append(rest)
        seen.append(f"exit status {proc.returncode}\n")


def votes_of(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """The 👍/👎 buttons of a Slack message: label -> action_id."""
    return {e["text"]["text"]: e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]
            if e["action_id"].startswith(("pactbot:up:", "pactbot:down:"))}


async def test_slack_http_records_the_miss_and_the_thumbs_down_for_pactbot_report(
    fake: FakeSlack, record_env: dict[str, str]  # noqa: F811
) -> None:
    async with slack_bot(fake, record_env) as (slack, log):
        answered = await slack.slash(ANSWERABLE, "answered")
        declined = await slack.slash(UNANSWERABLE, "declined")
        assert answered["response_type"] == "in_channel" and "Chicherin" in answered["text"]
        assert declined["response_type"] == "ephemeral" and not votes_of(declined.get("blocks", []))
        thanks = await slack.click(votes_of(answered["blocks"])["👎"], "thumbs-down")
        assert thanks["response_type"] == "ephemeral" and thanks["replace_original"] is False
        assert thanks["text"] == SERVICE.texts.get("vote_down", "en")
    err = "".join(log)
    assert err.endswith("exit status 0\n"), err
    assert_one_clean_run(0, err, fake.bot_token, SECRET)
    assert_report_shows_the_miss_and_the_thumbs_down(
        await run_pactbot(clean_env(**record_env), "report", "--json"))


async def test_slack_http_with_the_database_unreachable_answers_and_logs_one_line(
    fake: FakeSlack,  # noqa: F811
) -> None:
    url = f"postgresql://pactbot:pw-never-logged@127.0.0.1:{free_port()}/pactbot"
    async with slack_bot(fake, {"PACTBOT_DATABASE_URL": url}) as (slack, log):
        answers = [await slack.slash(ANSWERABLE, f"answered-{n}") for n in range(3)]
        assert all("Chicherin" in a["text"] for a in answers)
        thanks = await slack.click(votes_of(answers[0]["blocks"])["👎"], "thumbs-down")
        assert thanks["text"] == SERVICE.texts.get("vote_down", "en")
        declined = await slack.slash(UNANSWERABLE, "declined")
        assert declined["response_type"] == "ephemeral"
    err = "".join(log)
    assert err.endswith("exit status 0\n") and "Traceback" not in err, err
    problems = [line for line in err.splitlines() if " WARNING " in line or " ERROR " in line]
    assert len(problems) == 1 and "cannot record questions" in problems[0], err
    assert "pw-never-logged" not in err


# --- Discord -----------------------------------------------------------------------------------------


def discord_votes(callback_json: dict[str, Any]) -> dict[str, str]:
    return {b["label"]: b["custom_id"] for row in callback_json["data"].get("components", [])
            for b in row["components"] if b["custom_id"].startswith(("pactbot:up:", "pactbot:down:"))}


async def test_discord_records_the_miss_and_the_thumbs_down_for_pactbot_report(
    fake_discord: FakeDiscord, record_env: dict[str, str]  # noqa: F811
) -> None:
    async with pactbot_process(clean_env(**fake_discord.env(), **record_env), "discord") as proc:
        await fake_discord.wait_shards([0], 1, within=30)
        answered = await callback_for(fake_discord, await fake_discord.slash(ANSWERABLE, user_id=7001))
        declined = await callback_for(fake_discord, await fake_discord.slash(UNANSWERABLE, user_id=7001))
        assert "Chicherin" in answered.json["data"]["embeds"][0]["description"]
        assert int(declined.json["data"]["flags"]) & EPHEMERAL and not discord_votes(declined.json)
        down = discord_votes(answered.json)["👎"]
        click = await fake_discord.click(down, message_from_callback(fake_discord, answered), user_id=7002)
        thanks = (await callback_for(fake_discord, click)).json["data"]
        assert int(thanks["flags"]) & EPHEMERAL
        assert thanks["content"] == SERVICE.texts.get("vote_down", "en")
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 15)
    assert_one_clean_run(proc.returncode, err.decode(), fake_discord.token)
    assert_report_shows_the_miss_and_the_thumbs_down(
        await run_pactbot(clean_env(**record_env), "report", "--json"))
