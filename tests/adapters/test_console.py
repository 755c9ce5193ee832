"""The console (`pactbot chat`) as a real process: answers from the conversation stage, recorded as platform
`console`, and `+` / `-` after an answer as its 👍 / 👎."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bot.core.texts import Texts
from tests.processes import ROOT, clean_env, pactbot

TEXTS = Texts()


def pactbot_run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*pactbot(), *args], input=stdin, capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env=env, check=False)


def test_plus_and_minus_after_an_answer_vote_on_it_and_the_report_shows_the_last_vote(tmp_path: Path) -> None:
    env = clean_env(PACTBOT_DATA_DIR=str(tmp_path))
    lines = ["kas pasirašė sutartį", "-", "+", "xyzzy plugh", "quit"]
    chat = pactbot_run(env, "chat", stdin="\n".join(lines) + "\n")
    assert chat.returncode == 0, chat.stderr
    answer, down, up, declined = chat.stdout.strip().split("\n\n")
    assert "Čičerin" in answer
    assert answer.splitlines()[-1] == f"{TEXTS.get('votes', 'lt')} + 👍  - 👎"
    assert (down, up) == (TEXTS.get("vote_down", "lt"), TEXTS.get("vote_up", "lt"))
    assert declined.startswith(TEXTS.get("declined", "en")) or declined.startswith(
        TEXTS.get("declined_suggest", "en"))
    assert "👍" not in declined

    report = pactbot_run(env, "report", "--json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert [(b["platform"], b["asked"]) for b in data["breakdown"]] == [("console", 1), ("console", 1)]
    [signatories] = [f for f in data["facts"] if f["asked"]]
    assert (signatories["up"], signatories["down"]) == (1, 0)  # "+" replaced the "-"
    assert [(u["question"], u["count"]) for u in data["unanswered"]] == [("xyzzy plugh", 1)]


def test_with_recording_off_an_answer_offers_no_vote_and_plus_is_just_a_question(tmp_path: Path) -> None:
    env = clean_env(PACTBOT_DATA_DIR=str(tmp_path), PACTBOT_RECORD="off")
    chat = pactbot_run(env, "chat", stdin="who signed\n+\n")
    assert chat.returncode == 0, chat.stderr
    answer, helped = chat.stdout.strip().split("\n\n", 1)
    assert "Chicherin" in answer and "👍" not in chat.stdout
    assert TEXTS.get("help_topics", "en") in helped  # "+" with no vote to give: a question asking nothing
    assert not any(tmp_path.iterdir())  # nothing recorded, not even an empty file


def test_pactbot_ask_records_nothing_and_offers_no_vote(tmp_path: Path) -> None:
    ask = pactbot_run(clean_env(PACTBOT_DATA_DIR=str(tmp_path)), "ask", "who signed")
    assert ask.returncode == 0 and "Chicherin" in ask.stdout and "👍" not in ask.stdout
    assert not any(tmp_path.iterdir())
