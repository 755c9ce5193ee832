"""The exit statuses README.md documents, from the real process: 2 only for what restarting cannot fix,
1 for what a supervisor should restart (an unreachable platform is no exit at all: see
tests/adapters/test_startup_retries.py; 0 after SIGTERM: tests/adapters/test_*_cli.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.processes import clean_env, run_pactbot

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("env", "args", "status", "line"), [
    ({"DISCORD_TOKEN": "t.x", "DISCORD_SHARD_COUNT": "two"}, ["discord"], 2,
     "pactbot: DISCORD_SHARD_COUNT must be a whole number, not 'two'"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "webhook"}, ["slack"], 2, "pactbot: SLACK_MODE must be"),
    ({}, ["slack", "--port", "eighty"], 2, "pactbot slack: error: argument --port: invalid int value"),
    ({"DISCORD_TOKEN": "t.x", "PACTBOT_FACTS": "no-such-file.yaml"}, ["discord"], 1, "no-such-file.yaml:"),
])
async def test_exit_status(env: dict[str, str], args: list[str], status: int, line: str) -> None:
    code, _, err = await run_pactbot(clean_env(**env), *args)
    assert code == status, err
    assert err.strip().splitlines()[-1].startswith(line), err
    assert "Traceback" not in err


def test_the_readme_documents_every_exit_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^  \| `(\d+)` \|", readme, re.MULTILINE))
    assert documented == {"0", "1", "2", "130"}
