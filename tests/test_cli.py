"""The `pactbot` command line, run as a real process the way users and the scorer run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import clean_env

ROOT = Path(__file__).resolve().parents[1]
PACTBOT = [sys.executable, "-m", "bot.cli"]


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = clean_env(**(env or {}))
    return subprocess.run(
        [*PACTBOT, *args], input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT, env=full_env
    )


def test_ask_prints_the_answer() -> None:
    result = run("ask", "who", "signed?")
    assert result.returncode == 0, result.stderr
    assert "Chicherin" in result.stdout and "Sources:" in result.stdout


def test_ask_json_shape() -> None:
    result = run("ask", "--json", "where was it signed")
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "answered", "answer", "confidence", "fact_ids", "sources", "suggestions"}
    assert data["answered"] is True and "Moscow" in data["answer"]


def test_ask_json_reads_one_question_per_line() -> None:
    result = run("ask", "--json", "-", stdin="who signed\n\nxyzzy\nwhen was it signed\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["answered"] for line in lines] == [True, False, False, True]
    assert lines[1]["answer"] is None and lines[1]["message"]


@pytest.mark.parametrize("question", ["", "   ", "\x01\x02", "x" * 10_000, "\u200b"])
def test_odd_questions_are_declined_cleanly(question: str) -> None:
    result = run("ask", "--json", question)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["answered"] is False


def test_check_ok_summary() -> None:
    result = run("check")
    assert result.returncode == 0
    assert "ok:" in result.stdout and "facts" in result.stdout


def test_check_reports_file_line_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "schema: 1\nlanguages: [en]\ntopic: {id: x, name: {en: X}, summary: {en: S}}\n"
        "sources: []\nfacts:\n  - id: a\n    title: {en: A}\n    phrasings: {en: [a]}\n",
        encoding="utf-8",
    )
    result = run("check", str(broken))
    assert result.returncode == 1
    assert f"{broken}:6: fact 'a': missing field 'answer'" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_fact_file_on_ask_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts: [\n", encoding="utf-8")
    result = run("ask", "--facts", str(broken), "who signed")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{broken}:") and "YAML syntax" in result.stderr
    assert "Traceback" not in result.stderr


def test_facts_from_environment(tmp_path: Path) -> None:
    result = run("ask", "timeline", env={"PACTBOT_FACTS": str(ROOT / "tests/core/data/northwind.yaml")})
    assert "Saltmarsh" in result.stdout


def test_ask_does_not_import_platform_libraries() -> None:
    code = (
        "import sys; from bot.cli import main; main(['ask', 'who signed']); "
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('discord', 'slack_bolt')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert "LOADED []" in result.stdout


def test_chat_reads_until_quit() -> None:
    result = run("chat", stdin="who signed\nquit\nwhen was it signed\n")
    assert result.returncode == 0
    assert "Chicherin" in result.stdout
    assert "28 September 1926" not in result.stdout  # the question after 'quit' is never answered


def test_run_without_tokens_opens_the_console() -> None:
    result = run("run", stdin="who signed?\n")
    assert result.returncode == 0
    assert "starting the console" in result.stderr
    assert "Chicherin" in result.stdout


@pytest.mark.parametrize("command", ["ask", "check", "chat", "run", "discord", "slack"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and "usage: pactbot" in result.stdout


def test_lang_forces_the_answer_language() -> None:
    result = run("ask", "--json", "--lang", "ru", "who signed")
    data = json.loads(result.stdout)
    assert data["lang"] == "ru" and "Чичерин" in data["answer"]


def test_default_language_applies_only_when_the_question_shows_none() -> None:
    result = run("ask", "--json", "-", stdin="Chicherin\nwho signed\n", env={"PACTBOT_DEFAULT_LANG": "lt"})
    bare, english = (json.loads(line) for line in result.stdout.splitlines())
    assert bare["lang"] == "lt" and "Čičerin" in bare["answer"]
    assert english["lang"] == "en"


def test_unknown_default_language_is_one_clear_line() -> None:
    result = run("ask", "who signed", env={"PACTBOT_DEFAULT_LANG": "klingon"})
    assert result.returncode == 2
    assert result.stderr.startswith("pactbot: PACTBOT_DEFAULT_LANG='klingon' is not a language")


@pytest.mark.parametrize(
    "args",
    [["--facts", "tests/core/data/northwind.yaml", "ask", "timeline"],
     ["ask", "--facts", "tests/core/data/northwind.yaml", "timeline"],
     ["--facts", "no-such.yaml", "ask", "--facts", "tests/core/data/northwind.yaml", "timeline"]],
    ids=["before-the-command", "after-the-command", "after-wins"],
)
def test_facts_may_come_before_or_after_the_command(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "Saltmarsh" in result.stdout


def test_top_level_help_shows_the_facts_option() -> None:
    result = run("--help")
    assert "--facts PATH" in result.stdout
