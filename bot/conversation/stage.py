"""The conversation stage: what happens to a question, decided once for every platform.

`Stage.handle(ask, send)` owns, in this order: dropping an event the platform delivered twice, a
👍/👎 click (recorded and thanked), the per-user cooldown, the one help rule, asking the core, the
record of the question (`bot.record`: its key goes on the answer's 👍/👎 buttons), metrics, sending
the reply through the adapter's `send`, and the apology when anything on the bot's side fails. It
counts answers in flight, so a runner can let them finish before it closes its connection. The rules
for the reply itself (visibility, labels, buttons) are in bot.conversation.policy.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.conversation.buttons import VOTES, Click, read_click
from bot.conversation.inflight import InFlight
from bot.conversation.limits import Cooldown, Deduper
from bot.conversation.model import Ask, ButtonKind, Origin, Reply, ReplyKind
from bot.conversation.policy import ask_core, compose_reply, visibility
from bot.core.answer import Answer
from bot.core.service import FactService
from bot.core.texts import known_languages
from bot.metrics import Metrics
from bot.record import QuestionRecord, RecordOutcome
from bot.record.recorder import Recorder

if TYPE_CHECKING:
    from bot.context import AppContext

log = logging.getLogger(__name__)

#: How an adapter sends a reply: it raises when the platform refuses, and the stage apologises.
Send = Callable[[Reply], Awaitable[None]]


class Stage:
    """Decides and sends the reply to every `Ask` of one runner (see the module docstring)."""

    def __init__(self, service: FactService, metrics: Metrics, *, cooldown: Cooldown | None = None,
                 deduper: Deduper | None = None, recorder: Recorder | None = None) -> None:
        self.service = service
        self.metrics = metrics
        self.cooldown = cooldown
        self.deduper = deduper
        # Told of every question and vote; it queues them and returns at once (bot.record.recorder).
        self.recorder = recorder if recorder is not None else Recorder.off()
        self.in_flight = InFlight()
        self._closing = False
        self._languages = frozenset(known_languages())

    @classmethod
    def from_context(cls, ctx: AppContext) -> Stage:
        return cls(ctx.service, ctx.metrics, cooldown=ctx.cooldown, deduper=ctx.deduper,
                   recorder=ctx.recorder)

    # -- the one entry point ----------------------------------------------------------------------

    async def handle(self, ask: Ask, send: Send) -> None:
        """Decide the reply to `ask` and send it with `send`; apologise if either fails."""
        if self._closing:
            log.info("not answering a %s %s: shutting down", ask.platform, ask.origin.value)
            return
        with self.in_flight:
            try:
                reply = await self.decide(ask)
            except Exception:
                log.exception("answering a %s %s failed", ask.platform, ask.origin.value)
                reply = self._failed(ask)
            if reply is not None:
                await self._deliver(ask, reply, send)

    async def replies(self, ask: Ask) -> list[Reply]:
        """`handle(ask)` with a `send` that keeps what it is given: for an adapter that shows replies
        where sending cannot fail (the console's terminal), and for tests."""
        kept: list[Reply] = []

        async def keep(reply: Reply) -> None:
            kept.append(reply)

        await self.handle(ask, keep)
        return kept

    async def decide(self, ask: Ask) -> Reply | None:
        """The reply to `ask`, or None for an event already handled. Counts it and records it."""
        if await self._seen_before(ask):
            log.info("%s delivered %s again; it was answered once already", ask.platform, ask.event_key)
            return None
        click = read_click(ask.button) if ask.origin is Origin.BUTTON else None
        if click is not None and click.kind in VOTES:
            return self._vote(ask, click)
        hint = self.language_hint(ask.locale)
        if self.cooldown is not None:
            retry_after = await self.cooldown.hit(f"{ask.platform}:{ask.user_key}")
            if retry_after is not None:
                lang = self._language(ask, hint)
                self._finish(ask, self._record(ask, RecordOutcome.COOLDOWN, lang))
                return self._note(ReplyKind.COOLDOWN, ask, lang, seconds=max(1, math.ceil(retry_after)))
        started = time.perf_counter()
        answer = self._consult(ask, hint, click)
        seconds = time.perf_counter() - started
        record = QuestionRecord.from_answer(answer, platform=ask.platform, user=ask.user_key,
                                            channel=ask.channel_key)
        # The record's key goes on the answer's 👍/👎, so a click later names this very answer.
        reply = compose_reply(answer, ask.origin, self.service, private=ask.private,
                              answer_key=record.key if self.recorder.enabled else None)
        self._finish(ask, record, seconds)
        return reply

    def apology(self, origin: Origin, locale: str | None = None) -> Reply:
        """The apology for a failure no `Ask` was made for yet (an adapter's error hook sends it)."""
        lang = self.language_hint(locale) or self.service.default_lang
        return Reply(ReplyKind.ERROR, lang, visibility(ReplyKind.ERROR, origin, False),
                     self.service.texts.get("error", lang))

    def suggest(self, partial: str, locale: str | None, limit: int) -> list[str]:
        """Questions that fit a half-typed one (autocomplete); [] if the core fails."""
        try:
            return self.service.suggest(partial, limit=limit, lang=self.language_hint(locale))
        except Exception:
            log.exception("autocomplete failed")
            return []

    async def finish(self, within: float) -> int:
        """Take no new questions, wait up to `within` seconds for those in flight; how many are left."""
        self._closing = True
        await self.in_flight.wait_idle(within)
        return self.in_flight.count

    def language_hint(self, locale: str | None) -> str | None:
        """A platform locale ("lt", "en-US", "pt_BR") as a language the bot speaks, or None."""
        code = (locale or "").replace("_", "-").split("-", 1)[0].strip().casefold()
        return code if code in self._languages else None

    # -- the steps ---------------------------------------------------------------------------------

    def _consult(self, ask: Ask, hint: str | None, click: Click | None) -> Answer:
        if ask.origin is Origin.BUTTON:
            if click is None:  # a button of an older version, or a forged id: say what the bot knows
                log.info("a %s button this version never made was clicked: answering with help", ask.platform)
                return self.service.help(lang=hint)
            if click.kind is ButtonKind.FACT:
                return self.service.answer_fact(click.ref, lang=click.lang)
            question = self.service.suggestion(click.ref)
            if question is None:  # the facts changed since the suggestion was made
                return self.service.help(lang=click.lang)
            return self.service.ask(question, lang=click.lang)
        return ask_core(self.service, ask.text, hint=hint)

    def _language(self, ask: Ask, hint: str | None) -> str:
        """The asker's language for a reply that is not the core's (a cooldown note, an apology)."""
        click = read_click(ask.button) if ask.origin is Origin.BUTTON else None
        if click is not None:
            return click.lang
        try:
            return self.service.language_of(ask.text, hint) if ask.text else hint or self.service.default_lang
        except Exception:  # the core is failing: the apology still goes out, in the hinted language
            return hint or self.service.default_lang

    async def _seen_before(self, ask: Ask) -> bool:
        if ask.event_key is None or self.deduper is None:
            return False
        return not await self.deduper.first_seen(f"{ask.platform}:{ask.event_key}")

    def _note(self, kind: ReplyKind, ask: Ask, lang: str, text_key: str | None = None,
              **values: object) -> Reply:
        """A short fixed text of the stage's own (by default `kind` is also its text's key)."""
        text = self.service.texts.get(text_key or kind.value, lang, **values)
        return Reply(kind, lang, visibility(kind, ask.origin, ask.private), text)

    def _vote(self, ask: Ask, click: Click) -> Reply:
        """A 👍 or 👎 on a recorded answer: queued for the record (the same user's later click on the
        same answer replaces it there), counted, and thanked in the answer's language. Not a question:
        neither the cooldown nor the questions' metrics and record see it."""
        if not self.recorder.enabled:  # a button from before recording was turned off
            return self._note(ReplyKind.VOTED, ask, click.lang, "vote_off")
        value = 1 if click.kind is ButtonKind.UP else -1
        self.recorder.vote(click.ref, platform=ask.platform, user=ask.user_key, value=value)
        return self._note(ReplyKind.VOTED, ask, click.lang, "vote_up" if value > 0 else "vote_down")

    def _record(self, ask: Ask, outcome: RecordOutcome, lang: str) -> QuestionRecord:
        """The record of a question the core did not answer (the asker was held back, or it failed)."""
        return QuestionRecord(platform=ask.platform, question=ask.text, outcome=outcome, user=ask.user_key,
                              channel=ask.channel_key, lang=lang)

    def _failed(self, ask: Ask) -> Reply:
        lang = self._language(ask, self.language_hint(ask.locale))
        self._finish(ask, self._record(ask, RecordOutcome.ERROR, lang))
        return self._note(ReplyKind.ERROR, ask, lang)

    def _finish(self, ask: Ask, record: QuestionRecord, seconds: float | None = None) -> None:
        """Count the question (with the core's time and confidence, when it was asked) and record it."""
        asked_core = seconds is not None
        self.metrics.question(ask.platform, record.outcome.value, seconds,
                              record.confidence if asked_core else None)
        self.recorder.record(record)

    async def _deliver(self, ask: Ask, reply: Reply, send: Send) -> None:
        try:
            await send(reply)
        except Exception:
            log.exception("could not send the %s reply on %s", reply.kind.value, ask.platform)
            if reply.kind is ReplyKind.ERROR:
                return
            try:
                await send(self._note(ReplyKind.ERROR, ask, reply.lang))
            except Exception as exc:
                log.warning("could not send the apology either (%s)", type(exc).__name__)
