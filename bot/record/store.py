"""Where records are kept: one SQLite file by default, PostgreSQL when PACTBOT_DATABASE_URL is set.

Both are spoken to synchronously, through the standard library's `sqlite3` and psycopg 3: the
recorder calls a store only from its own writer thread, and `pactbot report` from the command line.
The SQL is shared (see `bot.record.schema`); the two classes differ only in how they connect, begin a
transaction and lock the schema while migrating it. Every failure of the database comes out as a
`StoreError` carrying one readable line.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.record.schema import LATEST_VERSION, MIGRATIONS, VERSION_TABLE
from bot.record.settings import RecordSettings, describe_database_url

if TYPE_CHECKING:
    import psycopg

# How long a write waits for another process holding the SQLite file (the report, a second bot).
SQLITE_BUSY_SECONDS = 5.0
# PostgreSQL: give up connecting after this long, and drop a connection whose peer has stopped
# acknowledging for this long, so a dead network never holds the writer thread for good.
CONNECT_SECONDS = 5
TCP_USER_TIMEOUT_MS = 15_000
# Any constant shared by every pactbot process: the advisory lock taken while migrating the schema,
# so that pods starting together apply each migration once.
MIGRATION_LOCK = 0x7061_6374  # "pact"

Row = tuple[Any, ...]


class StoreError(Exception):
    """The record's database could not be opened, read or written; the message is one line."""


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """A question as it is written: ids already hashed, text already cut to length."""

    id: str
    asked_at: float
    platform: str
    lang: str
    question: str
    outcome: str
    confidence: float
    user_hash: str
    channel_hash: str | None
    fact_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoredVote:
    question_id: str
    user_hash: str
    value: int
    voted_at: float


_INSERT_QUESTION = (
    "INSERT INTO questions (id, asked_at, platform, lang, question, outcome, confidence, user_hash,"
    " channel_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
)
_INSERT_FACT = "INSERT INTO question_facts (question_id, fact_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
# A vote for an answer the record does not hold (purged, or a key from nowhere) is dropped, not an
# error; a second vote by the same user on the same answer replaces the first.
_UPSERT_VOTE = (
    "INSERT INTO votes (question_id, user_hash, value, voted_at)"
    " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)"
    " ON CONFLICT (question_id, user_hash) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at"
)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class Store(ABC):
    """One connection to the record's database. Not thread-safe: one thread uses it at a time."""

    def __init__(self, where: str, errors: tuple[type[Exception], ...]) -> None:
        self.where = where
        self._errors = errors

    # -- what each database does its own way ---------------------------------------------------------

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one statement; the number of rows it changed."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Execute one query; every row."""

    @abstractmethod
    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[None]: ...

    @abstractmethod
    def _lock_for_migration(self) -> None:
        """Inside a transaction: keep other processes out until it ends."""

    @abstractmethod
    def _close(self) -> None: ...

    # -- what the recorder and the report use -------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            raise StoreError(f"{doing} {self.where} failed: {_one_line(exc)}") from exc

    def migrate(self) -> int:
        """Bring the schema up to date (a no-op when it is); the version it is at now."""
        with self._guard("migrating"), self._transaction():
            self._lock_for_migration()
            self._run(VERSION_TABLE)
            current = int(self._rows("SELECT MAX(version) FROM record_schema")[0][0] or 0)
            if current > LATEST_VERSION:
                raise StoreError(
                    f"{self.where} holds record schema {current}, newer than this pactbot knows "
                    f"({LATEST_VERSION}): upgrade pactbot"
                )
            for migration in MIGRATIONS:
                if migration.version > current:
                    for statement in migration.statements:
                        self._run(statement)
                    self._run(
                        "INSERT INTO record_schema (version, description, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.description, time.time()),
                    )
        return LATEST_VERSION

    def salt(self, proposed: str) -> str:
        """The salt kept in the store, `proposed` if there was none yet. The first process to ask
        sets it; every later one, here or on another machine, gets the same."""
        with self._guard("reading the salt from"), self._transaction():
            self._run(
                "INSERT INTO record_meta (name, value) VALUES ('salt', ?) ON CONFLICT (name) DO NOTHING",
                (proposed,),
            )
            return str(self._rows("SELECT value FROM record_meta WHERE name = 'salt'")[0][0])

    def write(self, questions: Sequence[StoredQuestion], votes: Sequence[StoredVote]) -> None:
        """Questions, then votes (a vote may be for a question in the same batch), in one transaction."""
        with self._guard("writing to"), self._transaction():
            if questions:
                self._run_many(_INSERT_QUESTION, [
                    (q.id, q.asked_at, q.platform, q.lang, q.question, q.outcome, q.confidence,
                     q.user_hash, q.channel_hash)
                    for q in questions
                ])
                facts = [(q.id, fact_id) for q in questions for fact_id in q.fact_ids]
                if facts:
                    self._run_many(_INSERT_FACT, facts)
            if votes:
                self._run_many(_UPSERT_VOTE, [
                    (v.question_id, v.user_hash, v.value, v.voted_at, v.question_id) for v in votes
                ])

    def purge(self, before: float) -> int:
        """Delete questions asked before `before` (Unix seconds), with their facts and votes; how many."""
        with self._guard("deleting old records from"), self._transaction():
            return self._run("DELETE FROM questions WHERE asked_at < ?", (before,))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of one read-only query written with `?` placeholders (for the report)."""
        with self._guard("reading"):
            return self._rows(sql, params)

    def close(self) -> None:
        with contextlib.suppress(*self._errors):
            self._close()


class SqliteStore(Store):
    """The record in one SQLite file (WAL mode: the report reads while the bot writes)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), (sqlite3.Error, OSError))
        with self._guard("opening"):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Questions people asked are nobody else's business: the file (and the -wal and -shm files
            # SQLite makes with the same mode) is readable by the bot's user only.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            self._db = sqlite3.connect(
                path, timeout=SQLITE_BUSY_SECONDS, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: safe, and no fsync per commit
            self._db.execute("PRAGMA foreign_keys = ON")

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._db.execute(sql, params).rowcount

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._db.execute(sql, params).fetchall()

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _lock_for_migration(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the file's write lock

    def _close(self) -> None:
        self._db.close()


class PostgresStore(Store):
    """The record in PostgreSQL, shared by every process and pod that points at it."""

    def __init__(self, url: str) -> None:
        import psycopg  # only bots that use PostgreSQL pay for importing it

        super().__init__(describe_database_url(url), (psycopg.Error, OSError))
        with self._guard("connecting to"):
            self._db: psycopg.Connection[Row] = psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=CONNECT_SECONDS,
                tcp_user_timeout=TCP_USER_TIMEOUT_MS,
                application_name="pactbot",
            )

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._db.execute(self._sql(sql), params).rowcount

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._db.execute(self._sql(sql), params).fetchall()

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(self._sql(sql), rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def _lock_for_migration(self) -> None:
        self._run(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")

    def _close(self) -> None:
        self._db.close()


def open_store(settings: RecordSettings) -> Store:
    """A connection to the store `settings` names (creating the SQLite file if needed); `StoreError`
    if it cannot be had. The schema is not touched: call `migrate()`."""
    if settings.database_url:
        return PostgresStore(settings.database_url)
    return SqliteStore(settings.sqlite_path)
