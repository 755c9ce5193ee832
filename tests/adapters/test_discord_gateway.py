"""A misbehaving gateway, with raw frames from the fake: what discord.py cannot read makes the bot
reconnect (and keep answering), never stop; a close code that reconnecting cannot fix is one clear line
and exit status 2 from the real process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.context import AppContext
from tests.fakes.discord import GUILD_A, FakeDiscord, GatewaySession
from tests.processes import clean_env, run_pactbot

ROOT = Path(__file__).resolve().parents[2]
Start = Callable[..., Any]
MakeCtx = Callable[..., AppContext]

FRAMES: dict[str, dict[str, Any]] = {
    "not JSON": {"text": "{this is not json"},
    "a list": {"text": "[]"},
    "a string": {"text": '"hello"'},
    "null": {"text": "null"},
    "corrupt zlib": {"data": b"\x00not a deflate stream\x00\x00\xff\xff"},
    "HELLO with a text interval": {"text": '{"op": 10, "d": {"heartbeat_interval": "soon"}}'},
    "READY with no data": {"text": '{"op": 0, "t": "READY", "s": 40, "d": null}'},
}


def unreadable(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "cannot be read" in r.getMessage()]


def newest(fake: FakeDiscord) -> GatewaySession | None:
    live = [s for s in fake.sessions if s.open and s.ready.is_set()]
    return live[-1] if live else None


async def answers(fake: FakeDiscord) -> None:
    interaction = await fake.slash("who signed")
    callback = await fake.wait_request(
        "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback", within=10)
    assert "Chicherin" in callback.json["data"]["embeds"][0]["description"]


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("frame", sorted(FRAMES))
async def test_an_unreadable_frame_is_a_reconnect_not_the_end(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture, frame: str) -> None:
    await start_discord(make_ctx())
    first = fake_discord.session_for(GUILD_A)
    await first.send_raw(**FRAMES[frame])
    again = await fake_discord.wait_until(lambda: (s := newest(fake_discord)) is not first and s,
                                          within=10, what="a new session")
    assert again.resumed and again.session_id == first.session_id  # the session goes on
    await answers(fake_discord)
    [warning] = unreadable(caplog)
    assert warning.levelno == logging.WARNING and "reconnecting" in warning.getMessage()
    no_tracebacks(caplog)


async def test_a_first_hello_without_heartbeat_interval_is_connected_again(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    fake_discord.next_hellos = [{}]
    await start_discord(make_ctx())  # discord.py retries a failed first connection after 5 s
    assert fake_discord.connections == 2
    await answers(fake_discord)
    assert len(unreadable(caplog)) == 1
    no_tracebacks(caplog)


async def test_a_hello_without_heartbeat_interval_after_a_reconnect(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    await start_discord(make_ctx())
    fake_discord.next_hellos = [{"heartbeat_interval": None}]
    old = await fake_discord.reconnect(0)
    resumed = await fake_discord.wait_until(
        lambda: (s := newest(fake_discord)) is not None and s is not old and s.resumed and s,
        within=10, what="RESUME")
    assert resumed.session_id == old.session_id and fake_discord.connections == 3
    await answers(fake_discord)
    assert len(unreadable(caplog)) == 1
    no_tracebacks(caplog)


async def test_a_ready_without_session_id_is_identified_again(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    fake_discord.next_readies = [lambda ready: {k: v for k, v in ready.items() if k != "session_id"}]
    await start_discord(make_ctx())
    # Discord allows one IDENTIFY per 5 s: the second one waits for its turn.
    await fake_discord.wait_until(lambda: len([s for s in fake_discord.sessions if s.identify]) == 2,
                                  within=15, what="a second IDENTIFY")
    await answers(fake_discord)
    assert len(unreadable(caplog)) == 1
    no_tracebacks(caplog)


async def test_a_resumed_without_data_is_resumed_again(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    await start_discord(make_ctx())
    fake_discord.next_resumeds = [None]
    old = await fake_discord.reconnect(0)
    await fake_discord.wait_until(
        lambda: fake_discord.connections == 3 and (s := newest(fake_discord)) is not None and s.resumed,
        within=10, what="a second RESUME")
    assert newest(fake_discord).session_id == old.session_id  # type: ignore[union-attr]
    await answers(fake_discord)
    assert len(unreadable(caplog)) == 1
    no_tracebacks(caplog)


async def test_junk_without_end_is_not_hammered(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    await start_discord(make_ctx())
    # Every HELLO from now on is unreadable: the pauses between attempts grow (0, 1, 2, 4 s ...).
    fake_discord.next_hellos = [{}] * 50
    await fake_discord.reconnect(0)
    await asyncio.sleep(3.5)
    tries = fake_discord.connections - 1
    assert 3 <= tries <= 5, tries
    fake_discord.next_hellos = []
    await fake_discord.wait_until(lambda: (s := newest(fake_discord)) is not None and s.resumed,
                                  within=10, what="RESUME")
    await answers(fake_discord)


@pytest.mark.parametrize(("code", "meaning"), [
    (4004, "authentication failed: DISCORD_TOKEN is not accepted"),
    (4014, "disallowed intents"),
])
async def test_a_close_code_that_cannot_be_fixed_by_reconnecting_is_one_line_and_exit_2(
        fake_discord: FakeDiscord, code: int, meaning: str) -> None:
    fake_discord.identify_close_code = code
    status, out, err = await run_pactbot(clean_env(**fake_discord.env()), "discord")
    assert status == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"pactbot: Discord closed the gateway with code {code}, {meaning}")
    assert "Traceback" not in err and fake_discord.token not in err + out
    assert fake_discord.connections == 1  # not tried again
