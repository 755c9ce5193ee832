"""The recorder: takes questions and votes from the conversation stage and writes them in the background.

`record()` and `vote()` only append an item to a bounded deque: no lock, no I/O, nothing that can
raise, so recording never delays or breaks an answer. One writer thread wakes every `BATCH_SECONDS`
(at once for a flush or a stop), takes everything waiting, replaces user and channel ids with salted
hashes, writes it in one transaction, and deletes records older than the retention
(`PACTBOT_RECORD_DAYS`) at start-up and every hour after.

When the database cannot be reached or refuses a write, the batch is dropped and counted in
`pactbot_records_total{result="failed"}`; one line is logged when that starts and one when writing
works again, never a line per record. A full queue (the database slower than the questions) drops
what does not fit, counted as `dropped`, again with one line.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.metrics import Metrics
from bot.record.model import MAX_QUESTION_CHARS, QuestionRecord, VoteRecord
from bot.record.settings import RecordSettings
from bot.record.store import Store, StoredQuestion, StoredVote, StoreError, open_store

log = logging.getLogger(__name__)

QUEUE_SIZE = 10_000  # about a minute of questions at 200 a second, should the database stall
BATCH_SIZE = 500  # items per transaction, at most
# How often the writer looks for new items: one transaction per look, not per question. An idle
# writer wakes this often to find nothing, which costs next to nothing.
BATCH_SECONDS = 0.05
PURGE_SECONDS = 3600.0
# After a failure, how long before the writer tries the database again (doubling up to the maximum):
# an unreachable server costs one connection attempt per interval, not one per question.
RETRY_SECONDS = 1.0
RETRY_MAX_SECONDS = 60.0
HASH_CHARS = 32  # 128 bits of the HMAC
BACKEND = "database"  # the label of pactbot_backend_up for the record's store


@dataclass(frozen=True, slots=True)
class _Flush:
    done: threading.Event


_STOP = object()
_Item = QuestionRecord | VoteRecord | _Flush | object


class Recorder:
    """Records questions and votes without ever holding up the caller.

    The conversation stage calls `record(QuestionRecord)` for every question and `vote(...)` for
    every 👍/👎 click; `QuestionRecord.key` is what the buttons carry. With recording off both do
    nothing, and `enabled` says so (so the stage can leave the buttons out).
    """

    def __init__(
        self,
        settings: RecordSettings,
        metrics: Metrics,
        *,
        opener: Callable[[RecordSettings], Store] = open_store,
        queue_size: int = QUEUE_SIZE,
        batch_seconds: float = BATCH_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self._metrics = metrics
        self._opener = opener
        self._batch_seconds = batch_seconds
        self._clock = clock
        # deque.append and popleft are atomic: callers append, the writer pops, nobody takes a lock.
        self._items: deque[_Item] = deque()
        self._queue_size = queue_size
        self._wake = threading.Event()  # cuts the writer's pause short, for a flush or a stop
        metrics.record_queue.set_function(lambda: len(self._items))
        self._thread: threading.Thread | None = None
        # Writer-thread state: touched only by the writer once it runs.
        self._store: Store | None = None
        self._key = b""
        self._next_purge = 0.0
        self._retry_at = 0.0
        self._retry_delay = RETRY_SECONDS
        self._failing = False
        self._lost = 0
        # Set by callers, cleared by the writer: good enough for a flag that only limits logging.
        self._overflowing = False

    @classmethod
    def from_env(cls, env: Mapping[str, str], metrics: Metrics) -> Recorder:
        return cls(RecordSettings.from_env(env), metrics)

    @classmethod
    def off(cls) -> Recorder:
        """A recorder that records nothing (for a context built without settings)."""
        return cls(RecordSettings(enabled=False), Metrics())

    @property
    def enabled(self) -> bool:
        return self.settings.enabled

    # -- the caller's side: never blocks, never raises for a database's sake ------------------------

    def record(self, record: QuestionRecord) -> None:
        """Queue one question for writing; returns at once."""
        if self.enabled:
            self._put(record, "question")

    def vote(self, answer_key: str, *, platform: str, user: str, value: int) -> None:
        """Queue a 👍 (+1) or 👎 (-1) by `user` on the answer recorded under `answer_key`; returns at once.
        A later vote by the same user on the same answer replaces this one."""
        if not self.enabled:
            return
        vote = VoteRecord(answer_key=answer_key, platform=platform, user=user, value=value)
        self._metrics.voted(platform, value)
        self._put(vote, "vote")

    def _put(self, item: QuestionRecord | VoteRecord, kind: str) -> None:
        if len(self._items) < self._queue_size:
            self._items.append(item)
            return
        self._metrics.recorded(kind, "dropped")
        if not self._overflowing:
            self._overflowing = True
            log.warning("the record's queue is full (%d waiting): dropping questions and votes until "
                        "%s catches up", self._queue_size, self.settings.where)

    # -- life cycle --------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread (once); it opens the store and migrates its schema first."""
        if not self.enabled:
            log.info("recording questions is off (PACTBOT_RECORD=off)")
            return
        if self._thread is not None:
            return
        log.info("recording questions in %s, kept for %d days", self.settings.where, self.settings.days)
        self._thread = threading.Thread(target=self._run, name="pactbot-recorder", daemon=True)
        self._thread.start()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued before this call has been written (or has failed); False on timeout
        or when the writer is not running."""
        if self._thread is None or not self._thread.is_alive():
            return False
        done = threading.Event()
        self._items.append(_Flush(done))
        self._wake.set()
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, close the store and stop the writer, within about `timeout` seconds."""
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        self._items.append(_STOP)
        self._wake.set()
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the recorder did not finish within %.1f s; %d questions and votes were not written",
                        timeout, len(self._items))
        else:
            self._thread = None

    async def aclose(self, seconds: float = 5.0) -> None:
        """`close()` from the event loop, without blocking it."""
        await asyncio.to_thread(self.close, seconds)

    # -- the writer thread -------------------------------------------------------------------------

    def _run(self) -> None:
        self._purge_if_due()  # connects, migrates, and enforces the retention before the first question
        while True:
            if not self._items:
                self._wake.wait(self._batch_seconds)
            self._wake.clear()
            batch = self._take_batch()
            questions = [i for i in batch if isinstance(i, QuestionRecord)]
            votes = [i for i in batch if isinstance(i, VoteRecord)]
            if questions or votes:
                self._write(questions, votes)
            self._purge_if_due()
            for item in batch:
                if isinstance(item, _Flush):
                    item.done.set()
            if any(item is _STOP for item in batch):
                if self._store is not None:
                    self._store.close()
                    self._store = None
                return

    def _take_batch(self) -> list[_Item]:
        """What is waiting, oldest first, up to `BATCH_SIZE` items or a stop."""
        batch: list[_Item] = []
        while self._items and len(batch) < BATCH_SIZE:
            batch.append(self._items.popleft())
            if batch[-1] is _STOP:
                break
        return batch

    def _connect_if_due(self) -> Store | None:
        if self._store is not None:
            return self._store
        if time.monotonic() < self._retry_at:
            return None
        store = self._opener(self.settings)  # StoreError when it cannot be had
        try:
            store.migrate()
            salt = self.settings.salt or store.salt(secrets.token_hex(32))
        except BaseException:
            store.close()
            raise
        self._store, self._key = store, salt.encode("utf-8")
        self._next_purge = 0.0  # retention is enforced as soon as the store is there
        self._metrics.backend_state(BACKEND, True)  # "works again" waits for a write that works
        return store

    def _hash(self, kind: str, platform: str, value: str) -> str:
        message = f"{kind}\x1f{platform}\x1f{value}".encode()
        return hmac.new(self._key, message, "sha256").hexdigest()[:HASH_CHARS]

    def _stored_question(self, record: QuestionRecord) -> StoredQuestion:
        return StoredQuestion(
            id=record.key,
            asked_at=record.asked_at,
            platform=record.platform,
            lang=record.lang,
            question=record.question[:MAX_QUESTION_CHARS],
            outcome=record.outcome.value,
            confidence=float(record.confidence),
            user_hash=self._hash("user", record.platform, record.user),
            channel_hash=self._hash("channel", record.platform, record.channel) if record.channel else None,
            fact_ids=tuple(dict.fromkeys(record.fact_ids)),
        )

    def _stored_vote(self, vote: VoteRecord) -> StoredVote:
        user_hash = self._hash("user", vote.platform, vote.user)
        return StoredVote(vote.answer_key, user_hash, vote.value, vote.voted_at)

    def _write(self, questions: list[QuestionRecord], votes: list[VoteRecord]) -> None:
        try:
            store = self._connect_if_due()
            if store is None:  # still waiting to retry after a failure
                self._failed(len(questions), len(votes))
                return
            store.write([self._stored_question(q) for q in questions], [self._stored_vote(v) for v in votes])
        except StoreError as exc:
            self._failed(len(questions), len(votes), str(exc))
            return
        except Exception:
            # Not the database's doing: a bug. The traceback says where; the writer carries on.
            self._failed(len(questions), len(votes), "an unexpected error", unexpected=True)
            return
        self._succeeded(len(questions), len(votes))

    def _succeeded(self, questions: int, votes: int) -> None:
        self._metrics.recorded("question", "written", questions)
        self._metrics.recorded("vote", "written", votes)
        self._metrics.backend_state(BACKEND, True)
        self._retry_delay = RETRY_SECONDS
        if self._failing:
            self._failing = False
            log.info("recording in %s works again; %d questions and votes were not recorded meanwhile",
                     self.settings.where, self._lost)
            self._lost = 0
        if self._overflowing and len(self._items) < self._queue_size // 2:
            self._overflowing = False

    def _failed(
        self, questions: int, votes: int, reason: str | None = None, *, unexpected: bool = False
    ) -> None:
        self._metrics.recorded("question", "failed", questions)
        self._metrics.recorded("vote", "failed", votes)
        self._metrics.backend_state(BACKEND, False)
        self._lost += questions + votes
        if reason is not None:
            # Start over with a fresh connection, after a pause that grows while the failures go on.
            if self._store is not None:
                self._store.close()
                self._store = None
            self._retry_at = time.monotonic() + self._retry_delay
            self._retry_delay = min(self._retry_delay * 2, RETRY_MAX_SECONDS)
        if reason is not None and not self._failing:
            self._failing = True
            log.error("cannot record questions (answering goes on; nothing is recorded until this works "
                      "again): %s", reason, exc_info=unexpected)

    def _purge_if_due(self) -> None:
        if time.monotonic() < self._next_purge:
            return
        try:
            store = self._connect_if_due()
            if store is None:
                return
            cutoff = self._clock() - self.settings.days * 86400
            deleted = store.purge(cutoff)
        except StoreError as exc:
            self._failed(0, 0, str(exc))
            return
        except Exception:
            self._failed(0, 0, "an unexpected error", unexpected=True)
            return
        self._next_purge = time.monotonic() + PURGE_SECONDS
        if deleted:
            log.info("deleted %d recorded questions older than %d days", deleted, self.settings.days)
