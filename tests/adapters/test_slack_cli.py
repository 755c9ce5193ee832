"""`pactbot slack` as a user runs it: a real process against the fake Slack on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from tests.fakes.slack import FakeSlack, sign
from tests.processes import clean_env, pactbot_process, run_pactbot, terminate

SECRET = "cli-signing-secret"
SIGNATORIES = ("Chicherin", "Alexandrovsky", "Sleževičius", "Baltrušaitis")
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/slack/events")


async def wait_for_port(stderr: asyncio.StreamReader, seen: list[str]) -> int:
    while True:
        line = (await stderr.readline()).decode()
        if not line:
            raise AssertionError("pactbot slack exited before listening:\n" + "".join(seen))
        seen.append(line)
        if match := LISTENING.search(line):
            return int(match.group(1))


async def test_pactbot_slack_http_answers_a_signed_who_signed(fake: FakeSlack, tmp_path: Path) -> None:
    token_file = tmp_path / "bot-token"
    token_file.write_text(fake.bot_token + "\n", encoding="utf-8")
    env = clean_env(SLACK_BOT_TOKEN_FILE=str(token_file), SLACK_SIGNING_SECRET=SECRET,
                    SLACK_API_URL=fake.api_url)
    seen: list[str] = []
    async with pactbot_process(env, "slack", "--http", "--host", "127.0.0.1", "--port", "0") as proc:
        assert proc.stderr is not None
        port = await asyncio.wait_for(wait_for_port(proc.stderr, seen), 30)
        body = urlencode(fake.slash_command("who signed", "cli"))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/slack/events"
            async with session.post(url, data=body, headers=headers) as resp:
                assert resp.status == 200
            [posted] = await fake.until(lambda: fake.responses_to("cli"), within=10)
            for name in SIGNATORIES:
                assert name in posted.body["text"]
            assert posted.body["response_type"] == "in_channel"
            async with session.get(f"http://127.0.0.1:{port}/readyz") as resp:
                assert resp.status == 200
        _, rest = await terminate(proc)
    err = "".join(seen) + rest
    assert proc.returncode == 0, err
    assert fake.bot_token not in err and SECRET not in err
    assert "Traceback" not in err


async def test_sigterm_lets_the_answers_in_flight_reach_slack_then_exits_0(fake: FakeSlack) -> None:
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url)
    seen: list[str] = []
    async with pactbot_process(env, "slack", "--http", "--port", "0") as proc:
        assert proc.stderr is not None
        port = await asyncio.wait_for(wait_for_port(proc.stderr, seen), 30)
        fake.response_delay = 1.5  # each answer is still on its way when SIGTERM comes
        try:
            async with aiohttp.ClientSession() as session:
                for n in range(5):
                    body = urlencode(fake.slash_command("who signed", f"drain-{n}", user=f"U{n}"))
                    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
                    url = f"http://127.0.0.1:{port}/slack/events"
                    async with session.post(url, data=body, headers=headers) as resp:
                        assert resp.status == 200
            await fake.until(lambda: fake.arrived == 5, within=10)
            assert fake.responses == []
            took, rest = await terminate(proc)
        finally:
            fake.response_delay = 0.0
    err = "".join(seen) + rest
    assert proc.returncode == 0, err
    assert took < 10
    assert sorted(r.key for r in fake.responses) == [f"drain-{n}" for n in range(5)]
    assert "Traceback" not in err and "still in flight" not in err


@pytest.mark.parametrize(("extra", "args", "expected"), [
    ({"SLACK_BOT_TOKEN": "xoxb-wrong-secret-value", "SLACK_SIGNING_SECRET": SECRET}, ["--http"],
     "pactbot: Slack rejected SLACK_BOT_TOKEN (invalid_auth); check the token and the app's scopes"),
    ({"SLACK_APP_TOKEN": "xapp-wrong-secret-value"}, [],
     "pactbot: Slack rejected SLACK_APP_TOKEN (invalid_auth); check the token and the app's scopes"),
    ({"SLACK_BOT_TOKEN": ""}, [], "pactbot: SLACK_BOT_TOKEN is not set"),
    ({"SLACK_APP_TOKEN": ""}, [], "pactbot: Socket Mode needs SLACK_APP_TOKEN"),
])
async def test_missing_or_rejected_tokens_are_one_line_and_exit_2(
    fake: FakeSlack, extra: dict[str, str], args: list[str], expected: str
) -> None:
    settings = {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_APP_TOKEN": fake.app_token,
                "SLACK_API_URL": fake.api_url}
    env = clean_env(**{**settings, **extra})
    status, _, err = await run_pactbot(env, "slack", *args, "--port", "0")
    assert status == 2, err
    assert err.strip().splitlines()[-1].startswith(expected), err
    assert "wrong-secret-value" not in err
    assert "Traceback" not in err


async def test_slow_clients_are_cut_off_from_the_slack_http_server(fake: FakeSlack) -> None:
    """A client trickling its request head, or its body, is cut off READ_TIMEOUT_SECONDS after it
    starts, while signed requests keep being answered."""
    from bot.ops import READ_TIMEOUT_SECONDS

    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url)
    seen: list[str] = []
    async with pactbot_process(env, "slack", "--http", "--host", "127.0.0.1", "--port", "0") as proc:
        assert proc.stderr is not None
        port = await asyncio.wait_for(wait_for_port(proc.stderr, seen), 30)
        head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
        body = head + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        for start, trickle in ((head, b"X-Slow: a\r\n"), (body, b"a")):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            began = asyncio.get_running_loop().time()
            writer.write(start)
            cut_off_after = None
            while asyncio.get_running_loop().time() - began < READ_TIMEOUT_SECONDS + 5:
                try:
                    writer.write(trickle)
                    await writer.drain()
                    reply = await asyncio.wait_for(reader.read(1024), 0.5)
                except TimeoutError:
                    continue
                except ConnectionError:
                    reply = b""
                if reply == b"" or reply.startswith(b"HTTP/1.1 408"):
                    cut_off_after = asyncio.get_running_loop().time() - began
                    break
            writer.close()
            assert cut_off_after is not None and cut_off_after < READ_TIMEOUT_SECONDS + 1.5, start
        signed = urlencode(fake.slash_command("who signed", "slow"))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, signed)}
        async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{port}/slack/events", data=signed, headers=headers
        ) as resp:
            assert resp.status == 200
        _, rest = await terminate(proc)
    assert proc.returncode == 0, "".join(seen) + rest
    assert "Traceback" not in "".join(seen) + rest
