"""`pactbot discord` as a user runs it (a real process against the fake Discord), and its settings."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.adapters.discord import DiscordSettings, invite_url_from_env
from bot.startup import StartupError
from tests.fakes.discord import GUILD_A, FakeDiscord
from tests.processes import clean_env, pactbot, pactbot_process, run_pactbot, terminate

ROOT = Path(__file__).resolve().parents[2]
SIGNATORIES = ("Chicherin", "Alexandrovsky", "Sleževičius", "Baltrušaitis")


async def run_to_end(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    return await run_pactbot(env, "discord", *args)


async def test_pactbot_discord_answers_who_signed(fake_discord: FakeDiscord) -> None:
    proc = await asyncio.create_subprocess_exec(
        *pactbot(), "discord", env=clean_env(**fake_discord.env()), cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake_discord.wait_shards([0], 1, within=30)
        interaction = await fake_discord.slash("who signed")
        callback = await fake_discord.wait_request(
            "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback", within=10)
        [embed] = callback.json["data"]["embeds"]
        for name in SIGNATORIES:
            assert name in embed["description"]
        assert callback.json["data"]["allowed_mentions"] == {"parse": []}

        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 15)
        assert proc.returncode == 0, err.decode()
        assert fake_discord.token not in err.decode()
        assert "Traceback" not in err.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_sigterm_lets_the_answers_in_flight_reach_discord_then_exits_0(
    fake_discord: FakeDiscord,
) -> None:
    async with pactbot_process(clean_env(**fake_discord.env()), "discord") as proc:
        await fake_discord.wait_shards([0], 1, within=30)
        fake_discord.callback_delay = 1.5  # each answer is still on its way when SIGTERM comes
        asked = [await fake_discord.slash("who signed", user_id=7100 + n) for n in range(5)]
        await fake_discord.wait_until(lambda: len(fake_discord.requests_to("POST", r"/interactions/.*")) == 5,
                                      what="five answers on their way")
        assert fake_discord.delivered == []
        took, err = await terminate(proc)
    assert proc.returncode == 0, err
    assert took < 10
    delivered = {r.path.split("/")[2] for r in fake_discord.delivered}
    assert delivered == {interaction["id"] for interaction in asked}
    assert "Traceback" not in err and "still in flight" not in err


async def test_rejected_token_is_one_clear_line(fake_discord: FakeDiscord) -> None:
    wrong = "not-the-right-token.abcdef"
    code, out, err = await run_to_end(clean_env(**fake_discord.env(DISCORD_TOKEN=wrong)))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[-1].startswith("pactbot: Discord rejected DISCORD_TOKEN")
    assert "Traceback" not in err
    assert wrong not in err and wrong not in out
    assert not fake_discord.sessions, "never got as far as the gateway"


async def test_missing_token_is_one_clear_line() -> None:
    code, _, err = await run_to_end(clean_env())
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("pactbot: DISCORD_TOKEN (or DISCORD_TOKEN_FILE) is not set")
    assert "Traceback" not in err


async def test_invite_url_command() -> None:
    code, out, _ = await run_to_end(clean_env(DISCORD_APPLICATION_ID="123456789012345678"), "--invite-url")
    assert code == 0
    url = urlsplit(out.strip())
    query = parse_qs(url.query)
    assert url.netloc == "discord.com" and url.path == "/oauth2/authorize"
    assert query["client_id"] == ["123456789012345678"]
    assert query["scope"] == ["bot applications.commands"]
    # View Channel 1<<10, Send Messages 1<<11, Embed Links 1<<14, Read Message History 1<<16,
    # Send Messages in Threads 1<<38: nothing more.
    assert int(query["permissions"][0]) == (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 38)

    code, _, err = await run_to_end(clean_env(), "--invite-url")
    assert code == 2 and "DISCORD_APPLICATION_ID is not set" in err


# --- settings ------------------------------------------------------------------------------------


def test_settings_from_env_defaults_and_values(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("file-token.123\n", encoding="utf-8")
    settings = DiscordSettings.from_env({
        "DISCORD_TOKEN_FILE": str(secret), "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "2, 0",
        "DISCORD_GUILD_ID": str(GUILD_A), "PACTBOT_COMMAND": "treaty",
        "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
    })
    assert settings.token == "file-token.123"
    assert settings.shard_ids == (0, 2) and settings.shard_count == 4 and settings.syncs_commands
    assert settings.guild_id == GUILD_A and settings.command == "treaty"
    assert settings.api_base == "http://127.0.0.1:9/api/v10"
    assert settings.gateway_url == "wss://gateway.discord.gg/"
    assert "file-token" not in repr(settings)

    plain = DiscordSettings.from_env({"DISCORD_TOKEN": "t"})
    assert (plain.command, plain.shard_ids, plain.shard_count, plain.guild_id) == ("pact", None, None, None)
    assert plain.api_base == "https://discord.com/api/v10" and plain.syncs_commands
    assert not DiscordSettings.from_env({"DISCORD_TOKEN": "t", "DISCORD_SHARD_COUNT": "2",
                                         "DISCORD_SHARD_IDS": "1"}).syncs_commands


@pytest.mark.parametrize(("env", "message"), [
    ({}, "DISCORD_TOKEN (or DISCORD_TOKEN_FILE) is not set"),
    ({"DISCORD_SHARD_IDS": "0"}, "DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT"),
    ({"DISCORD_SHARD_IDS": "0,2", "DISCORD_SHARD_COUNT": "2"}, "DISCORD_SHARD_IDS has 2"),
    ({"DISCORD_SHARD_IDS": "zero", "DISCORD_SHARD_COUNT": "2"}, "DISCORD_SHARD_IDS must be shard numbers"),
    ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT must be at least 1"),
    ({"DISCORD_GUILD_ID": "my server"}, "DISCORD_GUILD_ID must be a whole number"),
    ({"DISCORD_API_BASE": "discord.com/api"}, "DISCORD_API_BASE must start with http"),
    ({"DISCORD_GATEWAY_URL": "http://gateway"}, "DISCORD_GATEWAY_URL must start with ws"),
    ({"PACTBOT_COMMAND": "Ask Me"}, "PACTBOT_COMMAND must be"),
])
def test_bad_settings_are_one_clear_line(env: dict[str, str], message: str) -> None:
    full = {"DISCORD_TOKEN": "secret-token.xyz", **env} if env else {}
    with pytest.raises(StartupError) as caught:
        DiscordSettings.from_env(full)
    text = str(caught.value)
    assert text.startswith(message) and "\n" not in text and "secret-token" not in text


def test_invite_url_needs_an_application_id() -> None:
    with pytest.raises(StartupError, match="DISCORD_APPLICATION_ID is not set"):
        invite_url_from_env({})
    assert "client_id=42" in invite_url_from_env({"DISCORD_APPLICATION_ID": "42"})
