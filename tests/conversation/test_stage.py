"""The stage's own duties, without sockets: once-only events, the help rule, metrics, the outcome record,
the apology when something on the bot's side fails, and answers in flight at shutdown."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest

from bot.conversation import Ask, Exchange, Origin, Reply, ReplyKind, Stage, Visibility
from bot.conversation.limits import MemoryCooldown, MemoryDeduper
from bot.conversation.policy import asks_nothing
from bot.conversation.record import OUTCOMES
from bot.core.answer import Answer
from bot.core.service import FactService
from bot.metrics import Metrics
from tests.conversation.conftest import ROOT


class Sent:
    """A `send` that keeps what it was given, and can be made to fail or to wait."""

    def __init__(self, fail: int = 0) -> None:
        self.replies: list[Reply] = []
        self.fail = fail  # how many sends raise before one succeeds
        self.release: asyncio.Event | None = None

    async def __call__(self, reply: Reply) -> None:
        if self.release is not None:
            await self.release.wait()
        if self.fail:
            self.fail -= 1
            raise RuntimeError("the platform refused the message")
        self.replies.append(reply)


class BrokenService(FactService):
    """The real fact service, except that asking it a question raises (as a bug in the core would)."""

    def ask(self, question: str, lang: str | None = None, hint: str | None = None) -> Answer:
        raise ZeroDivisionError("a bug in the core")


def counted(metrics: Metrics, platform: str, outcome: str) -> float:
    labels = {"platform": platform, "outcome": outcome}
    value = metrics.registry.get_sample_value("pactbot_questions_total", labels)
    return 0.0 if value is None else value


def ask(text: str = "who signed", **fields: object) -> Ask:
    values: dict[str, object] = {"platform": "slack", "origin": Origin.SLASH, "user_key": "T1:U1",
                                 "text": text}
    values.update(fields)
    return Ask(**values)  # type: ignore[arg-type]


async def test_an_event_delivered_twice_is_answered_once(service: FactService) -> None:
    metrics = Metrics()
    stage = Stage(service, metrics, deduper=MemoryDeduper())
    sent = Sent()
    for _ in range(3):
        await stage.handle(ask(event_key="event:Ev1"), sent)
    await stage.handle(ask(event_key="event:Ev2"), sent)
    await stage.handle(ask(event_key="event:Ev1", platform="discord"), sent)  # another platform's Ev1
    assert len(sent.replies) == 3
    assert counted(metrics, "slack", "answered") == 2 and counted(metrics, "discord", "answered") == 1


@pytest.mark.parametrize("text", ["", "   ", "?", "!?", "🙂", "\u200b", "<>"])
async def test_a_question_without_a_letter_or_digit_asks_for_help(service: FactService, text: str) -> None:
    assert asks_nothing(text)
    sent = Sent()
    await Stage(service, Metrics()).handle(ask(text, locale="lt"), sent)
    [reply] = sent.replies
    assert reply.kind is ReplyKind.HELP and reply.lang == "lt"
    assert reply.title == service.texts.get("help_title", "lt")


@pytest.mark.parametrize("text", ["help", "HELP?", "what can you do", "pagalba", "помощь"])
async def test_help_in_words_is_help_in_that_language(service: FactService, text: str) -> None:
    assert not asks_nothing(text)
    sent = Sent()
    await Stage(service, Metrics()).handle(ask(text), sent)
    [reply] = sent.replies
    assert reply.kind is ReplyKind.HELP
    assert reply.lang == {"pagalba": "lt", "помощь": "ru"}.get(text, "en")


async def test_every_question_is_counted_and_recorded_once(service: FactService) -> None:
    recorded: list[Exchange] = []
    metrics = Metrics()
    stage = Stage(service, metrics, cooldown=MemoryCooldown(3, 60), deduper=MemoryDeduper(),
                  on_outcome=recorded.append)
    sent = Sent()
    before = datetime.now(UTC)
    question = ask("kas pasirašė sutartį", channel_key="T1:C1", event_key="e1")
    await stage.handle(question, sent)
    await stage.handle(question, sent)  # delivered again: dropped, not recorded
    await stage.handle(ask("xyzzy plugh"), sent)
    await stage.handle(ask(""), sent)
    await stage.handle(ask("who signed"), sent)  # the fourth within the window
    assert [r.outcome for r in recorded] == ["answered", "declined", "help", "cooldown"]
    assert set(OUTCOMES) >= {r.outcome for r in recorded}
    first = recorded[0]
    assert first.platform == "slack" and first.origin is Origin.SLASH and first.lang == "lt"
    assert first.question == "kas pasirašė sutartį" and first.fact_ids and 0 < first.confidence <= 1
    assert (first.user_key, first.channel_key) == ("T1:U1", "T1:C1")
    assert before <= first.at <= datetime.now(UTC)
    assert recorded[3].lang == "en" and recorded[3].fact_ids == () and recorded[3].confidence == 0
    for outcome in ("answered", "declined", "help", "cooldown"):
        assert counted(metrics, "slack", outcome) == 1
    assert metrics.registry.get_sample_value("pactbot_answer_seconds_count", {"platform": "slack"}) == 3


async def test_a_failing_recorder_never_stops_an_answer(
    service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(exchange: Exchange) -> None:
        raise OSError("the database is gone")

    sent = Sent()
    await Stage(service, Metrics(), on_outcome=broken).handle(ask(), sent)
    [reply] = sent.replies
    assert reply.kind is ReplyKind.ANSWER
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "recording" in logged.getMessage() and logged.exc_info is not None


async def test_a_failing_core_gets_an_apology_in_the_askers_language(
    caplog: pytest.LogCaptureFixture
) -> None:
    recorded: list[Exchange] = []
    metrics = Metrics()
    stage = Stage(BrokenService(ROOT / "facts" / "pact.yaml"), metrics, on_outcome=recorded.append)
    sent = Sent()
    await stage.handle(ask("kas pasirašė sutartį", origin=Origin.MENTION), sent)
    [apology] = sent.replies
    assert apology.kind is ReplyKind.ERROR and apology.lang == "lt"
    assert apology.text == stage.service.texts.get("error", "lt")
    assert apology.visibility is Visibility.PRIVATE
    assert [r.outcome for r in recorded] == ["error"] and counted(metrics, "slack", "error") == 1
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None and isinstance(logged.exc_info[1], ZeroDivisionError)


async def test_a_reply_the_platform_refuses_is_followed_by_an_apology(
    service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    sent = Sent(fail=1)
    await Stage(service, Metrics()).handle(ask("кто подписал договор"), sent)
    [apology] = sent.replies
    assert (apology.kind, apology.lang, apology.visibility) == (ReplyKind.ERROR, "ru", Visibility.PRIVATE)
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None and "refused" in str(logged.exc_info[1])
    # If the apology is refused too: one more line, no second traceback, and nothing raised.
    caplog.clear()
    await Stage(service, Metrics()).handle(ask(), Sent(fail=2))
    assert [r.levelno for r in caplog.records] == [logging.ERROR, logging.WARNING]
    assert caplog.records[1].exc_info is None


async def test_answers_in_flight_finish_before_shutdown_and_later_ones_are_not_taken(
    service: FactService
) -> None:
    stage = Stage(service, Metrics())
    slow = Sent()
    slow.release = asyncio.Event()
    answering = [asyncio.create_task(stage.handle(ask(), slow)) for _ in range(2)]
    await asyncio.sleep(0.05)
    assert stage.in_flight.count == 2
    assert await stage.finish(0.05) == 2  # not done within the time given
    slow.release.set()
    assert await stage.finish(1.0) == 0
    await asyncio.gather(*answering)
    assert len(slow.replies) == 2
    late = Sent()
    await stage.handle(ask(), late)
    assert late.replies == [] and stage.in_flight.count == 0


@pytest.mark.parametrize(("locale", "lang"), [
    ("en-US", "en"), ("en-GB", "en"), ("lt", "lt"), ("ru", "ru"), ("ru_RU", "ru"), ("LT", "lt"),
    ("pt-BR", None), ("zh-CN", None), ("../../x", None), ("", None), (None, None), ("e" * 10_000, None),
])
def test_a_platform_locale_is_a_hint_only_in_a_language_the_bot_speaks(
    service: FactService, locale: str | None, lang: str | None
) -> None:
    assert Stage(service, Metrics()).language_hint(locale) == lang


async def test_apology_for_an_adapter_error_hook(service: FactService) -> None:
    stage = Stage(service, Metrics())
    reply = stage.apology(Origin.SLASH, "ru")
    assert (reply.kind, reply.lang, reply.visibility) == (ReplyKind.ERROR, "ru", Visibility.PRIVATE)
    assert reply.text == service.texts.get("error", "ru")
    assert stage.apology(Origin.DM).lang == service.default_lang


def test_fixed_texts_are_all_used() -> None:
    """Every key of the English table is read somewhere in bot/ (the others follow English)."""
    import yaml

    table = yaml.safe_load((ROOT / "bot" / "core" / "lang" / "en.yaml").read_text(encoding="utf-8"))["texts"]
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    assert [key for key in table if f'"{key}"' not in code and f"'{key}'" not in code] == []
