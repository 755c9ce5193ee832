"""The stage's own duties, without sockets: once-only events, the help rule, metrics, the record of
questions and votes (a real recorder, into SQLite), the apology when something on the bot's side fails,
and answers in flight at shutdown."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.conversation import Ask, ButtonKind, Origin, Reply, ReplyKind, Visibility
from bot.conversation.buttons import read_click
from bot.conversation.limits import MemoryCooldown, MemoryDeduper
from bot.conversation.policy import asks_nothing
from bot.conversation.stage import Stage
from bot.core.answer import Answer
from bot.core.service import FactService
from bot.metrics import OUTCOMES, Metrics
from bot.record import RecordOutcome
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings
from tests.conversation.conftest import ROOT, stored
from tests.redis_server import free_port


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


def metric(metrics: Metrics, name: str, **labels: str) -> float:
    value = metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


def counted(metrics: Metrics, platform: str, outcome: str) -> float:
    return metric(metrics, "pactbot_questions_total", platform=platform, outcome=outcome)


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


async def test_every_question_is_counted_and_recorded_once_with_ids_only_hashed(
    service: FactService, metrics: Metrics, recorder: Recorder
) -> None:
    stage = Stage(service, metrics, cooldown=MemoryCooldown(3, 60), deduper=MemoryDeduper(),
                  recorder=recorder)
    sent = Sent()
    before = time.time()
    question = ask("kas pasirašė sutartį", user_key="T1:U0123456789", channel_key="T1:C0987654321",
                   event_key="e1")
    await stage.handle(question, sent)
    await stage.handle(question, sent)  # delivered again: dropped, not recorded
    await stage.handle(ask("xyzzy plugh", user_key="T1:U0123456789"), sent)
    await stage.handle(ask("", user_key="T1:U0123456789"), sent)
    await stage.handle(ask("who signed", user_key="T1:U0123456789"), sent)  # the fourth within the window
    rows = stored(recorder, "SELECT id, asked_at, platform, lang, question, outcome, confidence, user_hash,"
                            " channel_hash FROM questions ORDER BY rowid")
    assert [row[5] for row in rows] == ["answered", "declined", "help", "cooldown"]
    assert set(OUTCOMES) == {outcome.value for outcome in RecordOutcome}
    key, asked_at, platform, lang, text, _, confidence, user_hash, channel_hash = rows[0]
    assert (platform, lang, text) == ("slack", "lt", "kas pasirašė sutartį")
    assert before <= float(asked_at) <= time.time() and 0 < float(confidence) <= 1  # type: ignore[arg-type]
    facts = stored(recorder, "SELECT fact_id FROM question_facts WHERE question_id = ?", key)
    assert facts and [f for (f,) in facts] == list(service.ask("kas pasirašė sutartį").fact_ids)
    # The asker and the channel only as the recorder's salted hashes: one asker, one hash.
    assert {row[7] for row in rows} == {user_hash} and len(str(user_hash)) == 32
    assert "U0123456789" not in str(user_hash) and "C0987654321" not in str(channel_hash)
    assert [row[8] is None for row in rows] == [False, True, True, True]  # no channel given after the first
    # The answer's 👍/👎 carry the key it is recorded under.
    answered = sent.replies[0]
    assert {read_click(b.id).ref for b in answered.votes} == {key}  # type: ignore[union-attr]
    assert (rows[3][3], rows[3][6]) == ("en", 0.0)
    for outcome in ("answered", "declined", "help", "cooldown"):
        assert counted(metrics, "slack", outcome) == 1
    assert metrics.registry.get_sample_value("pactbot_answer_seconds_count", {"platform": "slack"}) == 3


async def test_with_the_database_unreachable_answers_go_out_and_one_line_says_so(
    service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    metrics = Metrics()
    url = f"postgresql://pactbot:pw-never-logged@127.0.0.1:{free_port()}/pactbot"
    recorder = Recorder(RecordSettings(database_url=url), metrics)
    recorder.start()
    stage = Stage(service, metrics, recorder=recorder)
    sent = Sent()
    try:
        for number in range(10):
            await stage.handle(ask(user_key=f"T1:U{number}"), sent)
        await stage.handle(Ask(platform="slack", origin=Origin.BUTTON, user_key="T1:U1",
                               button=sent.replies[0].votes[1].id), sent)
        assert await asyncio.to_thread(recorder.flush)
    finally:
        recorder.close()
    assert [r.kind for r in sent.replies] == [ReplyKind.ANSWER] * 10 + [ReplyKind.VOTED]
    assert all(r.text == service.ask("who signed").text for r in sent.replies[:10])
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and problems[0].startswith("cannot record questions"), problems
    assert "pw-never-logged" not in caplog.text
    failed = {kind: metric(metrics, "pactbot_records_total", kind=kind, result="failed")
              for kind in ("question", "vote")}
    assert failed == {"question": 10, "vote": 1}


async def test_a_failing_core_gets_an_apology_in_the_askers_language(
    caplog: pytest.LogCaptureFixture, metrics: Metrics, recorder: Recorder
) -> None:
    stage = Stage(BrokenService(ROOT / "facts" / "pact.yaml"), metrics, recorder=recorder)
    sent = Sent()
    await stage.handle(ask("kas pasirašė sutartį", origin=Origin.MENTION), sent)
    [apology] = sent.replies
    assert apology.kind is ReplyKind.ERROR and apology.lang == "lt"
    assert apology.text == stage.service.texts.get("error", "lt")
    assert apology.visibility is Visibility.PRIVATE and apology.votes == ()
    assert stored(recorder, "SELECT outcome, lang, question FROM questions") == [
        ("error", "lt", "kas pasirašė sutartį")]
    assert counted(metrics, "slack", "error") == 1
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None and isinstance(logged.exc_info[1], ZeroDivisionError)


# --- 👍 and 👎 ------------------------------------------------------------------------------------------


async def test_only_an_answer_carries_votes_and_only_while_answers_are_recorded(
    service: FactService, metrics: Metrics, recorder: Recorder
) -> None:
    recording, not_recording = Stage(service, metrics, recorder=recorder), Stage(service, Metrics())
    sent = Sent()
    for text in ("кто подписал договор", "xyzzy plugh", "help"):
        await recording.handle(ask(text), sent)
        await not_recording.handle(ask(text), sent)
    answered, unrecorded = sent.replies[0], sent.replies[1]
    assert answered.kind is unrecorded.kind is ReplyKind.ANSWER
    assert [(b.kind, b.label) for b in answered.votes] == [(ButtonKind.UP, "👍"), (ButtonKind.DOWN, "👎")]
    assert answered.votes_label == service.texts.get("votes", "ru")
    [key] = stored(recorder, "SELECT id FROM questions WHERE outcome = 'answered'")[0]
    assert [b.id for b in answered.votes] == [f"pactbot:up:ru:{key}", f"pactbot:down:ru:{key}"]
    assert not {b.id for b in answered.votes} & {b.id for b in answered.buttons}
    assert unrecorded.votes == () and unrecorded.votes_label == ""
    assert unrecorded.buttons == answered.buttons  # everything else alike
    assert [r.votes for r in sent.replies[2:]] == [()] * 4  # declined and help: nothing to vote on


async def test_a_vote_counts_once_per_user_per_answer_and_is_thanked_privately_in_the_answers_language(
    service: FactService, metrics: Metrics, recorder: Recorder
) -> None:
    # The cooldown allows one question a minute: votes are not questions and never meet it.
    stage = Stage(service, metrics, cooldown=MemoryCooldown(1, 60), recorder=recorder)
    sent = Sent()
    await stage.handle(ask("kas pasirašė sutartį", user_key="T1:asker"), sent)
    up, down = (b.id for b in sent.replies[0].votes)
    for user, button in (("T1:reader", up), ("T1:reader", down), ("T1:asker", up), ("T1:asker", up)):
        # The clicker's locale is English; the thanks come in the language of the answer voted on.
        await stage.handle(Ask(platform="slack", origin=Origin.BUTTON, user_key=user, button=button,
                               locale="en-US"), sent)
    thanks = sent.replies[1:]
    assert {(r.kind, r.lang, r.visibility) for r in thanks} == {(ReplyKind.VOTED, "lt", Visibility.PRIVATE)}
    assert [r.text for r in thanks] == [service.texts.get(key, "lt")
                                        for key in ("vote_up", "vote_down", "vote_up", "vote_up")]
    # The reader changed theirs; the asker's second 👍 is the same vote.
    assert sorted(v for (v,) in stored(recorder, "SELECT value FROM votes")) == [-1, 1]
    votes = {v: metric(metrics, "pactbot_votes_total", platform="slack", vote=v) for v in ("up", "down")}
    assert votes == {"up": 3, "down": 1}  # every click is counted; the record keeps the last per user
    assert stored(recorder, "SELECT COUNT(*) FROM questions") == [(1,)]
    assert counted(metrics, "slack", "answered") == 1 and counted(metrics, "slack", "cooldown") == 0


async def test_a_vote_while_recording_is_off_is_thanked_and_says_it_is_not_kept(service: FactService) -> None:
    metrics = Metrics()
    stage = Stage(service, metrics)
    sent = Sent()
    button = f"pactbot:down:ru:{'0' * 16}"  # under an answer from before recording was turned off
    await stage.handle(Ask(platform="discord", origin=Origin.BUTTON, user_key="1", button=button), sent)
    [thanks] = sent.replies
    assert (thanks.kind, thanks.lang) == (ReplyKind.VOTED, "ru")
    assert thanks.text == service.texts.get("vote_off", "ru")
    assert metric(metrics, "pactbot_votes_total", platform="discord", vote="down") == 0


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
