"""The record's store on a real SQLite file and a real PostgreSQL server: schema, writes, votes, retention."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.record.schema import LATEST_VERSION
from bot.record.settings import RecordSettings
from bot.record.store import SqliteStore, Store, StoredQuestion, StoredVote, StoreError, open_store


def question(key: str, asked_at: float = 1000.0, facts: tuple[str, ...] = ("signing-date",),
             outcome: str = "answered", text: str = "when was it signed") -> StoredQuestion:
    return StoredQuestion(id=key, asked_at=asked_at, platform="slack", lang="en", question=text,
                          outcome=outcome, confidence=0.9, user_hash="u1", channel_hash=None, fact_ids=facts)


@pytest.fixture
def store(record_settings: RecordSettings) -> Iterator[Store]:
    """An opened, migrated, empty store; closed after the test."""
    opened = open_store(record_settings)
    opened.migrate()
    yield opened
    opened.close()


def test_migrations_run_once_and_record_their_version(record_settings: RecordSettings) -> None:
    store = open_store(record_settings)
    try:
        assert store.migrate() == LATEST_VERSION
        assert store.migrate() == LATEST_VERSION  # a second start-up finds nothing to do
        versions = store.query("SELECT version, description FROM record_schema")
        assert [v for v, _ in versions] == list(range(1, LATEST_VERSION + 1))
        assert all(description for _, description in versions)
    finally:
        store.close()


def test_a_schema_newer_than_the_code_is_refused(store: Store) -> None:
    # What a newer pactbot would have left behind (both connections commit each statement).
    store._run("INSERT INTO record_schema (version, description, applied_at) VALUES (?, ?, ?)",
               (LATEST_VERSION + 1, "from the future", 0.0))
    with pytest.raises(StoreError, match="newer than this pactbot knows"):
        store.migrate()


def test_questions_facts_and_votes_are_written_together(store: Store) -> None:
    store.write([question("a1", facts=("signing-date", "signatories")), question("a2", facts=())],
                [StoredVote("a1", "u7", -1, 1001.0)])
    rows = store.query("SELECT id, question, outcome, confidence FROM questions ORDER BY id")
    assert rows == [("a1", "when was it signed", "answered", 0.9),
                    ("a2", "when was it signed", "answered", 0.9)]
    facts = store.query("SELECT question_id, fact_id FROM question_facts ORDER BY fact_id")
    assert facts == [("a1", "signatories"), ("a1", "signing-date")]
    assert store.query("SELECT question_id, user_hash, value FROM votes") == [("a1", "u7", -1)]


def test_a_second_vote_by_the_same_user_replaces_the_first(store: Store) -> None:
    store.write([question("a1")], [StoredVote("a1", "u7", 1, 1001.0), StoredVote("a1", "u8", 1, 1001.0)])
    store.write([], [StoredVote("a1", "u7", -1, 1002.0)])
    votes = store.query("SELECT user_hash, value, voted_at FROM votes ORDER BY user_hash")
    assert votes == [("u7", -1, 1002.0), ("u8", 1, 1001.0)]


def test_a_vote_for_an_unknown_answer_is_dropped_without_failing_the_batch(store: Store) -> None:
    store.write([question("a1")], [StoredVote("gone", "u7", 1, 1001.0), StoredVote("a1", "u7", 1, 1001.0)])
    assert store.query("SELECT question_id FROM votes") == [("a1",)]


def test_writing_the_same_question_twice_keeps_one(store: Store) -> None:
    store.write([question("a1")], [])
    store.write([question("a1")], [])  # a batch retried after an unclear failure
    assert store.query("SELECT COUNT(*) FROM questions") == [(1,)]
    assert store.query("SELECT COUNT(*) FROM question_facts") == [(1,)]


def test_purge_deletes_old_questions_with_their_facts_and_votes(store: Store) -> None:
    store.write([question("old", asked_at=100.0), question("new", asked_at=900.0)],
                [StoredVote("old", "u1", 1, 101.0), StoredVote("new", "u1", -1, 901.0)])
    assert store.purge(before=500.0) == 1
    assert store.query("SELECT id FROM questions") == [("new",)]
    assert store.query("SELECT question_id FROM question_facts") == [("new",)]
    assert store.query("SELECT question_id FROM votes") == [("new",)]


def test_the_first_salt_stored_is_the_one_everybody_gets(record_settings: RecordSettings) -> None:
    first, second = open_store(record_settings), open_store(record_settings)
    try:
        first.migrate()
        second.migrate()
        assert first.salt("salt-one") == "salt-one"
        assert second.salt("salt-two") == "salt-one"
    finally:
        first.close()
        second.close()


def test_processes_starting_together_apply_the_schema_once(record_settings: RecordSettings) -> None:
    stores = [open_store(record_settings) for _ in range(4)]
    errors: list[BaseException] = []

    def migrate(store_index: int) -> None:
        try:
            stores[store_index].migrate()
        except BaseException as exc:  # collected, so the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=migrate, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    try:
        assert errors == []
        assert stores[0].query("SELECT COUNT(*) FROM record_schema") == [(LATEST_VERSION,)]
    finally:
        for store in stores:
            store.close()


def test_the_sqlite_file_is_private_to_the_bot(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "new" / "dir" / "record.sqlite3")
    try:
        store.migrate()
    finally:
        store.close()
    mode = (tmp_path / "new" / "dir" / "record.sqlite3").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_an_unusable_sqlite_path_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the data directory should be", encoding="utf-8")
    with pytest.raises(StoreError, match=r"opening .*taken"):
        SqliteStore(tmp_path / "taken" / "record.sqlite3")


def test_an_unreachable_postgres_is_a_store_error_without_the_password() -> None:
    from tests.redis_server import free_port

    url = f"postgresql://pactbot:hunter2-secret@127.0.0.1:{free_port()}/pactbot"
    with pytest.raises(StoreError) as caught:
        open_store(RecordSettings(database_url=url))
    message = str(caught.value)
    assert message.startswith("connecting to postgresql 127.0.0.1:") and "hunter2" not in message
    assert "\n" not in message
