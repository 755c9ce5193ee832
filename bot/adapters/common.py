"""The one path every adapter sends a question down: cooldown, the core, metrics, error handling.

Adapters call `answer_question` and only format what comes back, so the cooldown, the counting
and the apology behave the same on every platform.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from enum import StrEnum

from bot.context import AppContext
from bot.core.answer import Answer

log = logging.getLogger(__name__)


class ReplyKind(StrEnum):
    ANSWER = "answer"
    COOLDOWN = "cooldown"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Reply:
    """An `Answer`, or the fixed text to send instead (cooldown note, apology)."""

    kind: ReplyKind
    text: str
    answer: Answer | None = None


async def answer_question(
    ctx: AppContext,
    *,
    platform: str,
    user_key: str,
    question: str = "",
    fact_id: str | None = None,
    lang: str | None = None,
    help_requested: bool = False,
) -> Reply:
    """Answer `question` (or the fact `fact_id`, or help) for one user, within their cooldown.

    `lang` is the asker's language as the platform knows it (a Discord locale): it chooses the
    language of help and of fact buttons, and of an answer whose question does not show its own.
    """
    texts = ctx.service.texts
    retry_after = await ctx.cooldown.hit(f"{platform}:{user_key}")
    if retry_after is not None:
        ctx.metrics.question(platform, "cooldown")
        return Reply(ReplyKind.COOLDOWN, texts.get("cooldown", lang, seconds=max(1, math.ceil(retry_after))))
    started = time.perf_counter()
    try:
        if help_requested:
            answer = ctx.service.help(lang=lang)
        elif fact_id is not None:
            answer = ctx.service.answer_fact(fact_id, lang=lang)
        else:
            answer = ctx.service.ask(question, hint=lang)
    except Exception:
        # The core is meant never to raise; if it does, the user still gets a reply and we keep serving.
        log.exception("the core failed on a %s question", platform)
        ctx.metrics.question(platform, "error")
        return Reply(ReplyKind.ERROR, texts.get("error", lang))
    ctx.metrics.question(platform, answer.outcome.value, time.perf_counter() - started, answer.confidence)
    return Reply(ReplyKind.ANSWER, answer.text, answer)
