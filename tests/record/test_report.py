"""pactbot report: counts, votes and unanswered questions read back from real SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.evaluation import QuestionSetError, load_question_set
from bot.metrics import Metrics
from bot.record.model import QuestionRecord, RecordOutcome
from bot.record.recorder import Recorder
from bot.record.report import (
    Report,
    UnansweredGroup,
    build_report,
    group_unanswered,
    parse_since,
    render_markdown,
    render_text,
    render_todo,
)
from bot.record.settings import RecordSettings
from bot.record.store import Store, StoredQuestion, StoredVote, open_store
from tests.processes import ROOT, clean_env, pactbot

NOW = 1_800_000_000.0
HOUR = 3600.0


def q(key: str, text: str, outcome: str = "answered", facts: tuple[str, ...] = (), *,
      platform: str = "slack", lang: str = "en", hours_ago: float = 1.0) -> StoredQuestion:
    asked_at = NOW - hours_ago * HOUR
    return StoredQuestion(key, asked_at, platform, lang, text, outcome, 0.8, f"user-of-{key}", None, facts)


def vote(key: str, user: str, value: int) -> StoredVote:
    return StoredVote(key, user, value, NOW)


@pytest.fixture
def store(record_settings: RecordSettings) -> Iterator[Store]:
    """A store holding a week of questions and votes on two platforms, and one from a month ago."""
    opened = open_store(record_settings)
    opened.migrate()
    opened.write([
        q("a1", "when was it signed", facts=("signing-date",)),
        q("a2", "signing date?", facts=("signing-date",), hours_ago=2),
        q("a3", "who signed", facts=("signatories", "signing-date")),
        q("d1", "what is the weather in vilnius", "declined", hours_ago=5),
        q("d2", "whats the weather in Vilnius?", "declined", hours_ago=3),
        q("d3", "who won the 1930 world cup", "declined"),
        q("c1", "again", "cooldown"),
        q("l1", "kada pasirašė?", facts=("signing-date",), platform="discord", lang="lt"),
        q("l2", "kas yra NATO", "declined", platform="discord", lang="lt"),
        q("old", "who signed the treaty of riga", "declined", hours_ago=24 * 30),
    ], [
        vote("a1", "u1", 1), vote("a1", "u2", -1), vote("a2", "u3", -1), vote("a3", "u1", 1),
        vote("l1", "u4", -1),
    ])
    yield opened
    opened.close()


def week(store: Store, **filters: str) -> Report:
    titles = {"signing-date": "When it was signed"}
    return build_report(store, NOW - 7 * 24 * HOUR, NOW, titles=titles, **filters)


def test_per_platform_and_language_counts_and_share_answered(store: Store) -> None:
    report = week(store)
    assert (report.asked, report.answered, report.declined) == (9, 4, 4)
    data = report.to_json()
    assert data["answered_share"] == round(4 / 9, 4)
    assert data["breakdown"] == [
        {"platform": "discord", "lang": "lt", "asked": 2, "answered": 1, "answered_share": 0.5,
         "outcomes": {"answered": 1, "declined": 1}},
        {"platform": "slack", "lang": "en", "asked": 7, "answered": 3, "answered_share": round(3 / 7, 4),
         "outcomes": {"answered": 3, "cooldown": 1, "declined": 3}},
    ]


def test_facts_with_their_votes_and_the_questions_behind_each_thumbs_down(store: Store) -> None:
    facts = {f["fact_id"]: f for f in week(store).to_json()["facts"]}  # type: ignore[union-attr]
    assert facts["signing-date"] == {
        "fact_id": "signing-date", "title": "When it was signed", "asked": 4, "up": 2, "down": 3,
        "down_questions": [{"question": "kada pasirašė?", "count": 1},
                           {"question": "signing date?", "count": 1},
                           {"question": "when was it signed", "count": 1}],
    }
    assert facts["signatories"] == {"fact_id": "signatories", "title": "", "asked": 1, "up": 1, "down": 0,
                                    "down_questions": []}
    assert [f["fact_id"] for f in week(store).to_json()["facts"]] == ["signing-date", "signatories"]  # type: ignore[index]


def test_unanswered_questions_are_grouped_counted_and_show_the_newest_wording(store: Store) -> None:
    unanswered = week(store).to_json()["unanswered"]
    assert [(u["question"], u["count"], u["variants"]) for u in unanswered] == [  # type: ignore[union-attr,index]
        ("whats the weather in Vilnius?", 2, ["what is the weather in vilnius"]),
        ("kas yra NATO", 1, []),
        ("who won the 1930 world cup", 1, []),
    ]
    assert unanswered[0]["last_asked"] == "2027-01-15T05:00:00Z"  # type: ignore[index]


def test_the_period_and_the_filters_narrow_everything(store: Store) -> None:
    month = build_report(store, NOW - 31 * 24 * HOUR, NOW)
    assert month.asked == 10 and "who signed the treaty of riga" in [g.question for g in month.unanswered]
    lithuanian = week(store, lang="lt")
    assert (lithuanian.asked, [f.fact_id for f in lithuanian.facts]) == (2, ["signing-date"])
    assert lithuanian.facts[0].down == 1 and [g.question for g in lithuanian.unanswered] == ["kas yra NATO"]
    slack = week(store, platform="slack")
    assert slack.asked == 7 and {b.platform for b in slack.breakdown} == {"slack"}
    assert build_report(store, NOW - HOUR / 2, NOW).asked == 0


def test_near_duplicates_merge_and_different_questions_do_not() -> None:
    groups = group_unanswered([
        ("who is the president of latvia", 3, NOW - 50),
        ("who is the president of lithuania", 2, NOW - 40),  # one name apart: another question
        ("Who is the president of Latvia?", 1, NOW - 10),
        ("wen did lithuania join nato", 1, NOW - 30),
        ("when did Lithuania join NATO?", 4, NOW - 60),
        ("???", 1, NOW),
    ])
    assert groups == (
        UnansweredGroup("wen did lithuania join nato", 5, NOW - 30, ("when did Lithuania join NATO?",)),
        UnansweredGroup("Who is the president of Latvia?", 4, NOW - 10, ("who is the president of latvia",)),
        UnansweredGroup("who is the president of lithuania", 2, NOW - 40),
        UnansweredGroup("???", 1, NOW),
    )


def test_the_todo_is_a_question_set_that_eval_refuses_until_it_is_filled_in(tmp_path: Path) -> None:
    hostile = ['say "hi"\nthen # leave: [now]', "plain question", "ūž? – ж", "- not a list item", "  "]
    report = Report(NOW - HOUR, NOW, (), (), tuple(
        UnansweredGroup(text, 3 - i % 2, NOW - i, ("other wording: #1",) if i == 0 else ())
        for i, text in enumerate(hostile)))
    todo = tmp_path / "todo.yaml"
    todo.write_text(render_todo(report), encoding="utf-8")
    cases = yaml.safe_load(todo.read_text(encoding="utf-8"))["cases"]
    assert [c["q"] for c in cases] == hostile and {c["cat"] for c in cases} == {"unanswered"}
    with pytest.raises(QuestionSetError) as caught:
        load_question_set(todo)
    assert sum("write what the answer must contain" in p for p in caught.value.problems) == len(hostile)
    filled = todo.read_text(encoding="utf-8").replace("expect: []", "expect: [[answer]]")
    todo.write_text(filled.replace('q: "  "', 'q: "a real question"'), encoding="utf-8")
    assert [c.question for c in load_question_set(todo)][:4] == hostile[:4]


def test_an_empty_period_says_so_in_every_format() -> None:
    empty = Report(NOW - HOUR, NOW, (), (), ())
    assert "Nothing was recorded in this period." in render_text(empty)
    assert "Nothing was recorded in this period." in render_markdown(empty)
    assert yaml.safe_load(render_todo(empty)) == {"cases": []}


def test_text_and_markdown_show_the_same_figures(store: Store) -> None:
    report = week(store)
    text = render_text(report)
    assert "slack     en            7       43%         3      1" in text
    assert "all                     9       44%         4      1" in text
    assert "signing-date  When it was signed      4   2     3" in text
    assert "    1 x 'signing date?'" in text
    assert "    2  2027-01-15 05:00  whats the weather in Vilnius?  (+1 similar)" in text
    markdown = render_markdown(report)
    assert "| slack | en | 7 | 43% | 3 | 1 |" in markdown
    assert "| `signing-date` | When it was signed | 4 | 2 | 3 | kada pasirašė? (1); signing date? (1); " \
           "when was it signed (1) |" in markdown
    assert "| 2 | 2027-01-15 | whats the weather in Vilnius? | what is the weather in vilnius |" in markdown


@pytest.mark.parametrize(("text", "seconds_before"), [("7d", 7 * 86400), ("12h", 12 * 3600), ("30m", 1800),
                                                      ("2w", 14 * 86400), (" 1.5D ", 1.5 * 86400)])
def test_since_as_a_period(text: str, seconds_before: float) -> None:
    assert parse_since(text, NOW) == NOW - seconds_before


def test_since_as_a_date_or_time() -> None:
    assert parse_since("2027-01-01", NOW) == 1_798_761_600.0
    assert parse_since("2027-01-01T02:00+02:00", NOW) == 1_798_761_600.0
    with pytest.raises(ValueError, match="a period like 7d"):
        parse_since("last week", NOW)


# -- the command, as a process, over what a recorder wrote -------------------------------------------


def report_env(settings: RecordSettings) -> dict[str, str]:
    if settings.database_url:
        return clean_env(PACTBOT_DATABASE_URL=settings.database_url)
    return clean_env(PACTBOT_DATA_DIR=str(settings.data_dir))


def run_report(settings: RecordSettings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*pactbot(), "report", *args], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=report_env(settings), check=False)


def test_pactbot_report_json_reads_what_the_recorder_wrote(
    record_settings: RecordSettings, tmp_path: Path
) -> None:
    recorder = Recorder(record_settings, Metrics())
    recorder.start()
    answered = QuestionRecord(platform="slack", question="when was it signed", outcome=RecordOutcome.ANSWERED,
                              user="U1", lang="en", fact_ids=("signing-date",), confidence=0.9)
    recorder.record(answered)
    recorder.record(QuestionRecord(platform="slack", question="who won the 1930 world cup",
                                   outcome=RecordOutcome.DECLINED, user="U1", lang="en"))
    recorder.vote(answered.key, platform="slack", user="U2", value=-1)
    assert recorder.flush()
    recorder.close()

    result = run_report(record_settings, "--json", "--todo", str(tmp_path / "todo.yaml"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(u["question"], u["count"]) for u in data["unanswered"]] == [("who won the 1930 world cup", 1)]
    (fact,) = data["facts"]
    assert {k: fact[k] for k in ("fact_id", "asked", "up", "down")} == {
        "fact_id": "signing-date", "asked": 1, "up": 0, "down": 1}
    assert fact["title"] and fact["down_questions"] == [{"question": "when was it signed", "count": 1}]
    assert result.stderr.strip() == f"wrote 1 unanswered question(s) to {tmp_path / 'todo.yaml'}"
    assert yaml.safe_load((tmp_path / "todo.yaml").read_text(encoding="utf-8"))["cases"][0]["q"] == \
        "who won the 1930 world cup"

    text = run_report(record_settings)
    assert text.returncode == 0 and "who won the 1930 world cup" in text.stdout
    assert "slack     en            2       50%" in text.stdout
    markdown = run_report(record_settings, "--markdown", "--since", "1h")
    assert markdown.returncode == 0 and markdown.stdout.startswith("## Questions asked ")


def test_pactbot_report_without_a_record_says_where_it_looked(tmp_path: Path) -> None:
    result = run_report(RecordSettings(data_dir=tmp_path / "nowhere"))
    assert result.returncode == 2 and not (tmp_path / "nowhere").exists()
    assert result.stderr.strip() == (
        f"pactbot: no record at {tmp_path / 'nowhere' / 'record.sqlite3'}: the bot has recorded nothing "
        "there (set PACTBOT_DATA_DIR, or PACTBOT_DATABASE_URL, as the bot has them)"
    )


def test_pactbot_report_with_the_database_unreachable_is_one_line(tmp_path: Path) -> None:
    from tests.redis_server import free_port

    url = f"postgresql://pactbot:pw-not-shown@127.0.0.1:{free_port()}/pactbot"
    result = run_report(RecordSettings(data_dir=tmp_path, database_url=url))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "pw-not-shown" not in result.stderr
    assert result.stderr.startswith("pactbot: cannot read the record: connecting to postgresql 127.0.0.1:")


@pytest.mark.parametrize("args", [["--since", "last tuesday"], ["--json", "--markdown"]])
def test_pactbot_report_refuses_bad_options(tmp_path: Path, args: list[str]) -> None:
    result = run_report(RecordSettings(data_dir=tmp_path), *args)
    assert result.returncode == 2 and "usage: pactbot report" in result.stderr
