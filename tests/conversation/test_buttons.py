"""Button ids: never two alike on one reply, never a truncated question, and only ids we made are read."""

from __future__ import annotations

import pytest

from bot.conversation import Ask, ButtonKind, Origin, Reply, ReplyKind
from bot.conversation.buttons import MAX_ID_LENGTH, Click, distinct, make_button, read_click, vote_buttons
from bot.conversation.stage import Stage
from bot.core.factfile import load_fact_file
from bot.core.service import FactService
from bot.metrics import Metrics
from tests.conversation.conftest import BUTTON_FACTS

# In tests/conversation/data/buttons.yaml both suggestions for this share their first 100 characters.
TIED = "the envoys talked about the weather"


async def reply_to(stage: Stage, ask: Ask) -> Reply:
    [reply] = await stage.replies(ask)
    return reply


def test_pactbot_check_warns_of_a_fact_listed_more_than_once_as_related() -> None:
    warnings = load_fact_file(BUTTON_FACTS).warnings
    assert [w for w in warnings if "related" in w] == [
        f"{BUTTON_FACTS}:53: fact 'signing-date': related lists 'signing-place' more than once"]


async def test_a_fact_listed_twice_as_related_is_one_button(button_service: FactService) -> None:
    question = "when was the treaty signed"
    assert [r.fact_id for r in button_service.ask(question).related].count("signing-place") > 1
    stage = Stage(button_service, Metrics())
    reply = await reply_to(stage, Ask(platform="discord", origin=Origin.SLASH, user_key="u", text=question))
    assert [b.id for b in reply.buttons] == ["pactbot:fact:en:signing-place", "pactbot:fact:en:signatories"]


async def test_suggestions_sharing_a_long_prefix_get_distinct_ids_that_ask_the_whole_question(
    button_service: FactService,
) -> None:
    suggestions = button_service.ask(TIED).suggestions
    assert len(suggestions) == 2 and suggestions[0][:100] == suggestions[1][:100] != suggestions[0]
    stage = Stage(button_service, Metrics())
    declined = await reply_to(stage, Ask(platform="slack", origin=Origin.SLASH, user_key="u", text=TIED))
    assert declined.kind is ReplyKind.DECLINED
    ids = [b.id for b in declined.buttons]
    assert len(set(ids)) == 2 and all(len(i) <= MAX_ID_LENGTH for i in ids)
    assert [b.label for b in declined.buttons] == list(suggestions)  # labels whole; platforms clip them
    for button, question in zip(declined.buttons, suggestions, strict=True):
        click = Ask(platform="slack", origin=Origin.BUTTON, user_key="u", button=button.id)
        answered = await reply_to(stage, click)
        assert answered.kind is ReplyKind.ANSWER
        assert answered.title == button_service.ask(question).title
    assert {a.title for a in [button_service.ask(q) for q in suggestions]} == {
        "The spring negotiations", "The autumn negotiations"}


@pytest.mark.parametrize("lang", ["en", "lt", "ru"])
def test_every_suggestion_the_core_makes_has_a_key_that_leads_back_to_it(
    service: FactService, lang: str
) -> None:
    declined = ["what did they eat", "weather in kaunas", "who won the war", "ką jie valgė",
                "какая была погода", "the envoys", "ratification weather", "xyzzy plugh",
                "signatories favourite colours"]
    seen = 0
    for question in declined:
        for suggestion in service.ask(question, lang=lang).suggestions:
            assert service.suggestion(service.suggestion_key(suggestion)) == suggestion
            seen += 1
    for fact_id in ("no-such-fact",):  # an unknown fact id: declined with the top questions
        for suggestion in service.answer_fact(fact_id, lang=lang).suggestions:
            assert service.suggestion(service.suggestion_key(suggestion)) == suggestion
            seen += 1
    assert seen >= 6
    assert service.suggestion("0123456789abcdef") is None


def test_ids_are_read_back_and_anything_else_is_refused() -> None:
    made = make_button(ButtonKind.FACT, "lt", "signing-date", "Kada pasirašyta")
    assert made is not None and made.id == "pactbot:fact:lt:signing-date"
    click = read_click(made.id)
    assert click is not None
    assert (click.kind, click.lang, click.ref) == (ButtonKind.FACT, "lt", "signing-date")
    assert make_button(ButtonKind.FACT, "en", "x" * 100, "too long for Discord") is None
    up, down = vote_buttons("ru", "0123456789abcdef")
    assert (up.id, up.label, down.id, down.label) == (
        "pactbot:up:ru:0123456789abcdef", "👍", "pactbot:down:ru:0123456789abcdef", "👎")
    assert read_click(down.id) == Click(ButtonKind.DOWN, "ru", "0123456789abcdef")
    for junk in ("", "pactbot:fact:signing-date", "pactbot:fact:en:", "pactbot:fact:EN:x",
                 "pactbot:vote:en:x", "pactbot:fact:en:a b", "pactbot:ask:en:../../x", "fact:signing-date",
                 "ask:0", "pactbot:fact:en:" + "x" * 200, "pactbot:fact:en:x\n",
                 # a vote names a recorded answer by its key: 16 hex digits, nothing else
                 "pactbot:up:en:signing-date", "pactbot:down:en:" + "0" * 15, "pactbot:up:en:" + "0" * 17,
                 "pactbot:up:en:" + "ABCDEF0123456789", "pactbot:down::0123456789abcdef"):
        assert read_click(junk) is None, junk


def test_distinct_keeps_the_first_of_each_id_up_to_the_limit() -> None:
    one, two, three, four = (make_button(ButtonKind.FACT, "en", f"f{n}", f"F{n}") for n in range(4))
    assert distinct([one, None, one, two, one, three, four]) == (one, two, three)
