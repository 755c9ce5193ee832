"""The recorder against real stores: what is written, what is hashed, retention, and failing safely."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import psycopg
import pytest

from bot.core.answer import Outcome
from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record import recorder as recorder_module
from bot.record.model import QuestionRecord, RecordOutcome, VoteRecord
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings
from bot.record.store import StoredQuestion, open_store
from tests.postgres_server import with_database
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
USER_ID = "U0123456789"  # a Slack user id: it must never reach the database
CHANNEL_ID = "C0987654321"


def metric(metrics: Metrics, name: str, **labels: str) -> float:
    value = metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


def asked(text: str = "when was it signed", outcome: RecordOutcome = RecordOutcome.ANSWERED,
          user: str = USER_ID, asked_at: float | None = None) -> QuestionRecord:
    extra = {} if asked_at is None else {"asked_at": asked_at}
    return QuestionRecord(platform="slack", question=text, outcome=outcome, user=user, channel=CHANNEL_ID,
                          lang="en", fact_ids=("signing-date",), confidence=0.91, **extra)  # type: ignore[arg-type]


@pytest.fixture
def fast_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recorder_module, "RETRY_SECONDS", 0.05)


def rows(settings: RecordSettings, sql: str) -> list[tuple[object, ...]]:
    store = open_store(settings)
    try:
        return store.query(sql)
    finally:
        store.close()


def test_questions_and_votes_reach_the_store_with_ids_only_hashed(record_settings: RecordSettings) -> None:
    metrics = Metrics()
    recorder = Recorder(record_settings, metrics)
    recorder.start()
    question = asked()
    recorder.record(question)
    recorder.vote(question.key, platform="slack", user=USER_ID, value=1)
    recorder.vote(question.key, platform="slack", user=USER_ID, value=-1)  # changes the vote
    recorder.vote(question.key, platform="slack", user="U0000000002", value=-1)
    assert recorder.flush()
    recorder.close()

    stored = rows(record_settings, "SELECT id, platform, lang, question, outcome, confidence, user_hash,"
                                   " channel_hash FROM questions")
    assert len(stored) == 1
    key, platform, lang, text, outcome, confidence, user_hash, channel_hash = stored[0]
    assert (key, platform, lang, outcome) == (question.key, "slack", "en", "answered")
    assert text == "when was it signed"
    assert confidence == pytest.approx(0.91)
    assert USER_ID not in str(user_hash) and CHANNEL_ID not in str(channel_hash)
    assert len(str(user_hash)) == 32 and user_hash != channel_hash
    assert rows(record_settings, "SELECT fact_id FROM question_facts") == [("signing-date",)]
    votes = rows(record_settings, "SELECT user_hash, value FROM votes ORDER BY value, user_hash")
    assert sorted(v for _, v in votes) == [-1, -1]  # two users, one vote each; the first changed its mind
    assert user_hash in {h for h, _ in votes}
    assert metric(metrics, "pactbot_records_total", kind="question", result="written") == 1
    assert metric(metrics, "pactbot_records_total", kind="vote", result="written") == 3
    assert metric(metrics, "pactbot_votes_total", platform="slack", vote="down") == 2
    assert metric(metrics, "pactbot_backend_up", backend="database") == 1
    if record_settings.database_url is None:  # nothing on disk holds the raw ids, not even the WAL
        for path in record_settings.data_dir.iterdir():
            data = path.read_bytes()
            assert USER_ID.encode() not in data and CHANNEL_ID.encode() not in data, path.name


def test_one_user_is_one_voter_across_processes_sharing_a_store(record_settings: RecordSettings) -> None:
    first, second = Recorder(record_settings, Metrics()), Recorder(record_settings, Metrics())
    first.start()
    question = asked()
    first.record(question)
    assert first.flush()
    second.start()
    second.vote(question.key, platform="slack", user=USER_ID, value=1)
    assert second.flush()
    first.vote(question.key, platform="slack", user=USER_ID, value=-1)
    assert first.flush()
    first.close()
    second.close()
    assert rows(record_settings, "SELECT value FROM votes") == [(-1,)]
    salts = rows(record_settings, "SELECT value FROM record_meta WHERE name = 'salt'")
    assert len(salts) == 1 and len(str(salts[0][0])) == 64  # generated once, 256 bits


def test_a_configured_salt_is_used_and_none_is_generated(tmp_path: Path) -> None:
    hashes = []
    for run, salt in enumerate(["pepper-one", "pepper-one", "pepper-two"]):
        settings = RecordSettings(data_dir=tmp_path / str(run), salt=salt)
        recorder = Recorder(settings, Metrics())
        recorder.start()
        recorder.record(asked())
        assert recorder.flush()
        recorder.close()
        hashes.append(rows(settings, "SELECT user_hash FROM questions")[0][0])
        assert rows(settings, "SELECT COUNT(*) FROM record_meta") == [(0,)]
    assert hashes[0] == hashes[1] != hashes[2]


def test_recording_off_records_nothing_and_touches_no_disk(tmp_path: Path) -> None:
    metrics = Metrics()
    recorder = Recorder(RecordSettings(enabled=False, data_dir=tmp_path / "data"), metrics)
    recorder.start()
    question = asked()
    recorder.record(question)
    recorder.vote(question.key, platform="slack", user=USER_ID, value=1)
    assert recorder.enabled is False
    assert recorder.flush() is False  # no writer was started
    recorder.close()
    assert not (tmp_path / "data").exists()
    assert metric(metrics, "pactbot_votes_total", platform="slack", vote="up") == 0
    assert metric(metrics, "pactbot_record_queue") == 0


def test_retention_is_enforced_when_the_bot_starts(record_settings: RecordSettings) -> None:
    now = 2_000_000_000.0
    store = open_store(record_settings)
    store.migrate()
    day = 86400.0

    def old(key: str, days: float) -> StoredQuestion:
        return StoredQuestion(key, now - days * day, "discord", "en", "q", "declined", 0.1, "h", None, ())

    store.write([old("ancient", 400), old("stale", 31), old("fresh", 29)], [])
    store.close()
    settings = RecordSettings(days=30, data_dir=record_settings.data_dir,
                              database_url=record_settings.database_url)
    recorder = Recorder(settings, Metrics(), clock=lambda: now)
    recorder.start()
    assert recorder.flush()
    recorder.close()
    assert rows(record_settings, "SELECT id FROM questions") == [("fresh",)]


def test_an_unreachable_database_costs_one_log_line_and_every_record_is_counted(
    caplog: pytest.LogCaptureFixture, fast_retry: None
) -> None:
    metrics = Metrics()
    url = f"postgresql://pactbot:hunter2-secret@127.0.0.1:{free_port()}/pactbot"
    recorder = Recorder(RecordSettings(database_url=url), metrics, batch_seconds=0.0)
    caplog.set_level(logging.INFO, logger="bot.record")
    recorder.start()
    for round_ in range(5):
        for number in range(10):
            recorder.record(asked(f"question {round_}.{number}"))  # returns at once, raises nothing
        recorder.vote("some-key", platform="slack", user=USER_ID, value=1)
        assert recorder.flush()
        time.sleep(0.06)  # past the retry pause: the next round tries the database again
    recorder.close()
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    message = errors[0].getMessage()
    assert message.startswith("cannot record questions (answering goes on") and "127.0.0.1" in message
    assert "hunter2" not in caplog.text and not errors[0].exc_info
    assert metric(metrics, "pactbot_records_total", kind="question", result="failed") == 50
    assert metric(metrics, "pactbot_records_total", kind="vote", result="failed") == 5
    assert metric(metrics, "pactbot_backend_up", backend="database") == 0


def test_recording_resumes_when_the_database_comes_back(
    postgres_server: str, caplog: pytest.LogCaptureFixture, fast_retry: None
) -> None:
    url = with_database(postgres_server, "created_later")
    settings = RecordSettings(database_url=url)
    metrics = Metrics()
    recorder = Recorder(settings, metrics)
    caplog.set_level(logging.INFO, logger="bot.record")
    recorder.start()
    recorder.record(asked("lost while the database is missing"))
    assert recorder.flush()
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute('CREATE DATABASE "created_later"')
    try:
        deadline = time.monotonic() + 10
        while metric(metrics, "pactbot_backend_up", backend="database") != 1:  # the writer retries by itself
            assert time.monotonic() < deadline, "the recorder did not reconnect"
            time.sleep(0.02)
        recorder.record(asked("written once it is back"))
        assert recorder.flush()
        recorder.close()
        assert rows(settings, "SELECT question FROM questions") == [("written once it is back",)]
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute('DROP DATABASE "created_later" WITH (FORCE)')
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("bot.record")]
    assert sum("cannot record questions" in m for m in messages) == 1
    assert any("works again; 1 questions and votes were not recorded" in m for m in messages)
    assert metric(metrics, "pactbot_records_total", kind="question", result="failed") == 1
    assert metric(metrics, "pactbot_records_total", kind="question", result="written") == 1
    assert metric(metrics, "pactbot_backend_up", backend="database") == 1


def test_an_unwritable_data_directory_is_one_log_line_not_an_error_for_the_caller(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "data").write_text("a file where the directory should be", encoding="utf-8")
    metrics = Metrics()
    recorder = Recorder(RecordSettings(data_dir=tmp_path / "data"), metrics)
    recorder.start()
    recorder.record(asked())
    assert recorder.flush()
    recorder.close()
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1 and str(tmp_path / "data") in errors[0].getMessage()
    assert metric(metrics, "pactbot_records_total", kind="question", result="failed") == 1


def test_a_full_queue_drops_what_does_not_fit_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    metrics = Metrics()
    recorder = Recorder(RecordSettings(data_dir=tmp_path), metrics, queue_size=3)
    for number in range(8):  # the writer is not running yet, so nothing drains the queue
        recorder.record(asked(f"question {number}"))
    assert metric(metrics, "pactbot_record_queue") == 3
    assert metric(metrics, "pactbot_records_total", kind="question", result="dropped") == 5
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "the record's queue is full (3 waiting): dropping questions and votes until "
        f"{tmp_path}/record.sqlite3 catches up"
    ]
    recorder.start()
    recorder.close()
    assert rows(RecordSettings(data_dir=tmp_path), "SELECT COUNT(*) FROM questions") == [(3,)]


def test_closing_writes_what_is_still_queued(record_settings: RecordSettings) -> None:
    recorder = Recorder(record_settings, Metrics(), batch_seconds=0.5)
    recorder.start()
    for number in range(20):
        recorder.record(asked(f"question {number}"))
    recorder.close()
    assert rows(record_settings, "SELECT COUNT(*) FROM questions") == [(20,)]


def test_a_bug_while_writing_is_logged_with_its_traceback_and_the_writer_carries_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, fast_retry: None
) -> None:
    settings = RecordSettings(data_dir=tmp_path)
    recorder = Recorder(settings, Metrics())
    recorder.start()
    broken = QuestionRecord(platform="slack", question=None, outcome=RecordOutcome.ANSWERED,  # type: ignore[arg-type]
                            user="u")
    recorder.record(broken)
    assert recorder.flush()
    time.sleep(0.1)
    recorder.record(asked())
    assert recorder.flush()
    recorder.close()
    (error,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.exc_info is not None
    assert rows(settings, "SELECT COUNT(*) FROM questions") == [(1,)]


def test_a_record_is_made_from_the_cores_answer() -> None:
    service = FactService(ROOT / "tests" / "core" / "data" / "northwind.yaml")
    answer = service.ask("who signed the treaty")
    assert answer.outcome is Outcome.ANSWERED
    record = QuestionRecord.from_answer(answer, platform="discord", user="123", channel="456")
    assert (record.platform, record.question, record.outcome) == ("discord", answer.question, "answered")
    assert record.fact_ids == answer.fact_ids and record.confidence == answer.confidence
    assert record.lang == answer.lang and record.user == "123" and record.channel == "456"
    other = QuestionRecord.from_answer(answer, platform="discord", user="123")
    assert len(record.key) == 16 and record.key != other.key  # every question gets its own key
    unanswerable = service.ask("what is the capital of mars")
    declined = QuestionRecord.from_answer(unanswerable, platform="slack", user="u")
    assert declined.outcome is RecordOutcome.DECLINED and declined.fact_ids == ()


@pytest.mark.parametrize("value", [0, 2, -2, True])
def test_a_vote_is_plus_or_minus_one(value: int) -> None:
    if value is True:  # bool is an int in Python; True == 1 is a fine up-vote
        assert VoteRecord("k", "slack", "u", value).value == 1
        return
    with pytest.raises(ValueError, match="a vote is"):
        VoteRecord("k", "slack", "u", value)


def test_every_outcome_of_the_core_can_be_recorded() -> None:
    assert {outcome.value for outcome in Outcome} <= {outcome.value for outcome in RecordOutcome}
