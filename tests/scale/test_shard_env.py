"""bot.scale.discord_shard_env: which shards a process of an equal-sized fleet runs."""

from __future__ import annotations

import pytest

from bot.scale import discord_shard_env
from bot.startup import StartupError


def shards(**env: str) -> str | None:
    return discord_shard_env(env).get("DISCORD_SHARD_IDS")


def test_the_statefulset_pod_ordinal_picks_the_shards() -> None:
    fleet = {"DISCORD_SHARD_COUNT": "5", "DISCORD_SHARDS_PER_PROCESS": "2"}
    assert shards(**fleet, HOSTNAME="pactbot-discord-0") == "0,1"
    assert shards(**fleet, HOSTNAME="pactbot-discord-1") == "2,3"
    assert shards(**fleet, HOSTNAME="pactbot-discord-2") == "4"  # the last process runs what is left
    assert shards(**fleet, DISCORD_PROCESS_INDEX="1", HOSTNAME="pactbot-discord-0") == "2,3"


def test_without_shards_per_process_nothing_changes() -> None:
    env = {"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "1,3"}
    assert discord_shard_env(env) is env


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DISCORD_SHARDS_PER_PROCESS": "2", "HOSTNAME": "x-0"}, "needs DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARDS_PER_PROCESS": "2", "DISCORD_SHARD_COUNT": "4", "HOSTNAME": "laptop"},
         "DISCORD_PROCESS_INDEX"),
        ({"DISCORD_SHARDS_PER_PROCESS": "2", "DISCORD_SHARD_COUNT": "4", "DISCORD_PROCESS_INDEX": "2"},
         "run at most 2 processes of 2 shards"),
        ({"DISCORD_SHARDS_PER_PROCESS": "2", "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0"},
         "not both"),
        ({"DISCORD_SHARDS_PER_PROCESS": "0", "DISCORD_SHARD_COUNT": "4"}, "at least 1"),
    ],
)
def test_a_fleet_that_does_not_add_up_is_one_clear_line(env: dict[str, str], message: str) -> None:
    with pytest.raises(StartupError, match=message):
        discord_shard_env(env)
