"""What the bot records: one `QuestionRecord` per question, one `VoteRecord` per 👍/👎 click.

Plain frozen data. The user and channel are the platform's own ids here, in memory only: the
recorder replaces them with salted hashes before anything is written (`bot.record.recorder`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.answer import Answer

# Longer questions are cut to this many characters before they are stored: enough for any real
# question, and a flood of pasted text cannot fill the disk.
MAX_QUESTION_CHARS = 500
# 8 random bytes as 16 hex digits: short enough for a Discord custom_id or a Slack action value beside
# other data, and 64 bits, so two answers do not share one until some billions of questions.
ANSWER_KEY_BYTES = 8


class RecordOutcome(StrEnum):
    """What happened to a question: the core's outcome, or what the stage did instead of asking it."""

    ANSWERED = "answered"
    DECLINED = "declined"  # the fact file has nothing that fits: what the fact writer wants to see
    EMPTY = "empty"  # nothing left to ask once the text was cleaned
    HELP = "help"
    COOLDOWN = "cooldown"  # the asker was told to wait; the core was not asked
    ERROR = "error"  # the core failed and the asker got an apology


# By value, for from_answer: a dict lookup, where calling the enum runs its Python lookup code.
_OUTCOMES = {outcome.value: outcome for outcome in RecordOutcome}


def new_answer_key() -> str:
    """A fresh key for one recorded question, for its 👍/👎 buttons to carry. (os.urandom and hex
    are two calls into C: this runs on the answering path, and secrets.token_urlsafe costs several
    times as much there.)"""
    return os.urandom(ANSWER_KEY_BYTES).hex()


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One question as the bot saw it. `key` identifies it for votes (`Recorder.vote`).

    `user` and `channel` are the platform's ids (a Discord user id, a Slack channel id); they are
    stored only as salted hashes. `channel` is empty where there is none.
    """

    platform: str
    question: str
    outcome: RecordOutcome
    user: str
    channel: str = ""
    lang: str = ""
    fact_ids: tuple[str, ...] = ()
    confidence: float = 0.0
    asked_at: float = field(default_factory=time.time)
    key: str = field(default_factory=new_answer_key)

    @classmethod
    def from_answer(cls, answer: Answer, *, platform: str, user: str, channel: str = "") -> QuestionRecord:
        """The record of a question the core answered (or declined, or answered with help)."""
        return cls(
            platform=platform,
            question=answer.question,
            outcome=_OUTCOMES[answer.outcome.value],
            user=user,
            channel=channel,
            lang=answer.lang,
            fact_ids=answer.fact_ids,
            confidence=answer.confidence,
        )


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """A 👍 (+1) or 👎 (-1) on the answer recorded under `answer_key`. One per user per answer:
    a later vote by the same user replaces the earlier one."""

    answer_key: str
    platform: str
    user: str
    value: int
    voted_at: float = field(default_factory=time.time)

    def __post_init__(self) -> None:
        if self.value not in (1, -1):
            raise ValueError(f"a vote is +1 or -1, not {self.value!r}")
