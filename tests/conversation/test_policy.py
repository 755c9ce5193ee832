"""The one policy, without sockets: every platform × origin × language gets the same reply from the stage.

The replies are the stage's own `Reply` objects; what Discord and Slack make of them is shown by the
end-to-end tests against the fakes (tests/adapters/).
"""

from __future__ import annotations

import itertools

import pytest

from bot.adapters import console
from bot.conversation import Ask, ButtonKind, Origin, Reply, ReplyKind, Visibility
from bot.conversation.buttons import MAX_ID_LENGTH, read_click
from bot.conversation.limits import MemoryCooldown
from bot.conversation.stage import Stage
from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record.recorder import Recorder

PLATFORMS = ("discord", "slack")
LANGS = ("en", "lt", "ru")
WHO_SIGNED = {"en": "who signed the pact", "lt": "kas pasirašė sutartį", "ru": "кто подписал договор"}
DECLINED = {"en": "what did the signatories eat for dinner", "lt": "ką pasirašiusieji valgė vakarienei",
            "ru": "что подписанты ели на ужин"}
HELP = {"en": "help", "lt": "pagalba", "ru": "помощь"}

# Who sees what (bot/conversation/policy.py and README.md, "Who sees a reply").
PUBLIC_ANSWER = {Origin.SLASH: True, Origin.MENTION: True, Origin.DM: True, Origin.BUTTON: False}


def make_stage(service: FactService, limit: int = 1000, recorder: Recorder | None = None) -> Stage:
    return Stage(service, Metrics(), cooldown=MemoryCooldown(limit, 60), recorder=recorder)


async def ask_from(stage: Stage, platform: str, origin: Origin, lang: str, text: str) -> Ask:
    """`text` asked from `origin`; from a button, the click is on the first button of the reply to `text`
    asked with a slash command (a related fact under an answer, a suggestion under a declined question)."""
    if origin is not Origin.BUTTON:
        return Ask(platform=platform, origin=origin, user_key="u1", text=text)
    [shown] = await stage.replies(Ask(platform=platform, origin=Origin.SLASH, user_key="u0", text=text))
    assert shown.buttons, shown
    return Ask(platform=platform, origin=origin, user_key="u1", button=shown.buttons[0].id)


def visible_to_all(reply: Reply) -> bool:
    return reply.visibility is Visibility.PUBLIC


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("origin", list(Origin))
@pytest.mark.parametrize("platform", PLATFORMS)
async def test_an_answer_is_in_the_askers_language_with_its_labels_buttons_and_visibility(
    service: FactService, platform: str, origin: Origin, lang: str
) -> None:
    stage = make_stage(service)
    [reply] = await stage.replies(await ask_from(stage, platform, origin, lang, WHO_SIGNED[lang]))
    assert reply.kind is ReplyKind.ANSWER
    assert reply.lang == lang
    assert visible_to_all(reply) is PUBLIC_ANSWER[origin]
    assert reply.sources and reply.sources_label == service.texts.get("sources", lang)
    assert reply.buttons and reply.buttons_label == service.texts.get("related", lang)
    ids = [button.id for button in reply.buttons]
    assert len(set(ids)) == len(ids) and all(len(i) <= MAX_ID_LENGTH for i in ids)
    # Its buttons answer in its language, whoever clicks them and whatever their locale says.
    for button in reply.buttons:
        click = Ask(platform=platform, origin=Origin.BUTTON, user_key="u2", button=button.id, locale="en-US")
        [clicked] = await stage.replies(click)
        assert clicked.kind is ReplyKind.ANSWER and clicked.lang == lang
        assert clicked.title == button.label
        assert not visible_to_all(clicked)


LOCALES = {"en": "en-GB", "lt": "lt", "ru": "ru"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("origin", [Origin.SLASH, Origin.MENTION, Origin.DM])
@pytest.mark.parametrize("platform", PLATFORMS)
async def test_help_declined_and_cooldown_are_for_the_asker_alone_in_their_language(
    service: FactService, platform: str, origin: Origin, lang: str
) -> None:
    stage = make_stage(service, limit=2)
    [helped] = await stage.replies(Ask(platform=platform, origin=origin, user_key="u1", text=HELP[lang]))
    declined_ask = Ask(platform=platform, origin=origin, user_key="u1", text=DECLINED[lang])
    [declined] = await stage.replies(declined_ask)
    [held] = await stage.replies(declined_ask)  # u1's third question within the window
    kinds = [r.kind for r in (helped, declined, held)]
    assert kinds == [ReplyKind.HELP, ReplyKind.DECLINED, ReplyKind.COOLDOWN]
    for reply in (helped, declined, held):
        assert reply.lang == lang
        assert visible_to_all(reply) is (origin is Origin.DM)  # a DM has nobody else in it
    assert helped.title == service.texts.get("help_title", lang)
    assert [b.label for b in declined.buttons] == list(service.ask(DECLINED[lang]).suggestions[:3])
    assert declined.buttons_label == service.texts.get("suggestions", lang)
    assert held.text == service.texts.get("cooldown", lang, seconds=60)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("platform", PLATFORMS)
async def test_what_a_button_brings_is_for_the_one_who_clicked(
    service: FactService, platform: str, lang: str
) -> None:
    stage = make_stage(service, limit=2)
    suggestion = await ask_from(stage, platform, Origin.BUTTON, lang, DECLINED[lang])
    [answered] = await stage.replies(suggestion)
    # A button this version never made (an older one, or a forged id): what the bot knows, in the
    # clicker's language.
    stale = Ask(platform=platform, origin=Origin.BUTTON, user_key="u1", button="pactbot:ask:x",
                locale=LOCALES[lang])
    [helped] = await stage.replies(stale)
    [held] = await stage.replies(suggestion)
    kinds = [r.kind for r in (answered, helped, held)]
    assert kinds == [ReplyKind.ANSWER, ReplyKind.HELP, ReplyKind.COOLDOWN]
    for reply in (answered, helped, held):
        assert reply.lang == lang and reply.visibility is Visibility.PRIVATE


@pytest.mark.parametrize(("origin", "lang"), list(itertools.product(list(Origin), LANGS)))
async def test_every_platform_and_the_console_get_the_same_reply(
    service: FactService, origin: Origin, lang: str
) -> None:
    texts = (WHO_SIGNED[lang], DECLINED[lang]) if origin is Origin.BUTTON else (
        WHO_SIGNED[lang], DECLINED[lang], HELP[lang], "?")
    # The console is the operator's own direct conversation: its questions come from Origin.DM.
    platforms = (*PLATFORMS, console.PLATFORM) if origin is Origin.DM else PLATFORMS
    for text in texts:
        replies = []
        for platform in platforms:
            stage = make_stage(service)
            replies += await stage.replies(await ask_from(stage, platform, origin, lang, text))
        assert len(replies) == len(platforms) and all(reply == replies[0] for reply in replies), text
        assert console.format_reply(replies[0]).startswith(replies[0].text)


@pytest.mark.parametrize("lang", LANGS)
async def test_while_answers_are_recorded_every_answer_carries_votes_that_thank_in_its_language(
    service: FactService, recorder: Recorder, lang: str
) -> None:
    stage = make_stage(service, recorder=recorder)
    where = [(platform, origin) for platform in PLATFORMS for origin in Origin]
    where.append((console.PLATFORM, Origin.DM))
    keys = set()
    for platform, origin in where:
        [reply] = await stage.replies(await ask_from(stage, platform, origin, lang, WHO_SIGNED[lang]))
        assert reply.kind is ReplyKind.ANSWER
        assert [(b.kind, b.label) for b in reply.votes] == [(ButtonKind.UP, "👍"), (ButtonKind.DOWN, "👎")]
        assert reply.votes_label == service.texts.get("votes", lang)
        ids = [b.id for b in (*reply.buttons, *reply.votes)]
        assert len(set(ids)) == len(ids) and all(len(i) <= MAX_ID_LENGTH for i in ids)
        clicks = [read_click(b.id) for b in reply.votes]
        assert {c.lang for c in clicks if c} == {lang} and len({c.ref for c in clicks if c}) == 1
        keys |= {c.ref for c in clicks if c}
        for vote, text in zip(reply.votes, ("vote_up", "vote_down"), strict=True):
            click = Ask(platform=platform, origin=Origin.BUTTON, user_key="u3", button=vote.id,
                        locale="en-US")
            [thanks] = await stage.replies(click)
            assert (thanks.kind, thanks.lang) == (ReplyKind.VOTED, lang)
            assert thanks.text == service.texts.get(text, lang)
            assert thanks.visibility is Visibility.PRIVATE and not (thanks.buttons or thanks.votes)
    assert len(keys) == len(where)  # every answer its own key


async def test_a_private_answer_is_private_wherever_it_was_asked(service: FactService) -> None:
    stage = make_stage(service)
    for origin in (Origin.SLASH, Origin.MENTION):
        ask = Ask(platform="discord", origin=origin, user_key="u1", text="who signed", private=True)
        [reply] = await stage.replies(ask)
        assert reply.kind is ReplyKind.ANSWER and reply.visibility is Visibility.PRIVATE


async def test_a_suggestion_button_asks_the_whole_question_in_its_language(service: FactService) -> None:
    stage = make_stage(service)
    [declined] = await stage.replies(Ask(platform="slack", origin=Origin.SLASH, user_key="u1",
                                             text=DECLINED["lt"]))
    for button, suggestion in zip(declined.buttons, service.ask(DECLINED["lt"]).suggestions, strict=False):
        click = read_click(button.id)
        assert click is not None and click.lang == "lt"
        assert service.suggestion(click.ref) == suggestion
        [answered] = await stage.replies(Ask(platform="slack", origin=Origin.BUTTON, user_key="u1",
                                                 button=button.id))
        assert answered.text == service.ask(suggestion, lang="lt").text
