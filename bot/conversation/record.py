"""What the stage tells a recorder about each question it handled: one frozen `Exchange`.

The stage calls `on_outcome(exchange)` once per question (not for a duplicate delivery it drops),
after deciding the reply and before sending it. The hook must return quickly and must not block: a
recorder that writes to a database queues the exchange and writes it in its own task. An exception
from the hook is logged and never stops an answer. Without a hook nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.conversation.model import Origin

#: The outcomes an exchange can have: the core's (answered, declined, empty, help) and the stage's own
#: (cooldown, error). They are the `outcome` labels of the pactbot_questions_total metric.
OUTCOMES = ("answered", "declined", "empty", "help", "cooldown", "error")


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question and what became of it."""

    at: datetime  # when the stage received it (UTC)
    platform: str
    origin: Origin
    lang: str  # the language of the reply
    question: str  # the question as asked, or the one a clicked button stands for
    outcome: str  # one of OUTCOMES
    fact_ids: tuple[str, ...]  # the facts the answer came from (empty unless answered)
    confidence: float  # the core's confidence, 0 when the core was not asked
    user_key: str  # the platform's user key, as is: a recorder that keeps it should pseudonymise it
    channel_key: str  # where it was asked ("" when the platform did not say)


OnOutcome = Callable[[Exchange], None]
