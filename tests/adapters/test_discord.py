"""The Discord adapter end to end: the real discord.py against the fake Discord on 127.0.0.1.

Each bot here is started the way `pactbot discord` starts it (settings from the environment,
`build_runner`, `start()`); the assertions are on what reaches the fake: REST requests and
gateway sessions. Nothing of ours is mocked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.context import AppContext
from bot.conversation import ButtonKind
from bot.conversation.buttons import read_click
from bot.conversation.limits import MemoryCooldown
from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings
from tests.adapters.conftest import recorded
from tests.conversation.conftest import BUTTON_FACTS
from tests.conversation.test_buttons import TIED
from tests.fakes.discord import (
    APPLICATION_ID,
    BOT_ID,
    GUILD_A,
    FakeDiscord,
    RecordedRequest,
    refuse_components,
)

SIGNATORIES = ("Chicherin", "Alexandrovsky", "Sleževičius", "Baltrušaitis")
CALLBACK = r"/interactions/(\d+)/([^/]+)/callback"
EPHEMERAL = 1 << 6
NO_PINGS = {"parse": []}

Start = Callable[..., Any]
MakeCtx = Callable[..., AppContext]

# Gateway intent bits (Discord's documented values).
GUILDS, GUILD_MESSAGES, DM_MESSAGES, MESSAGE_CONTENT = 1 << 0, 1 << 9, 1 << 12, 1 << 15


async def callback_for(fake: FakeDiscord, interaction: dict[str, Any], after: int = 0) -> RecordedRequest:
    return await fake.wait_request(
        "POST", rf"/interactions/{interaction['id']}/{interaction['token']}/callback", after=after
    )


def buttons(body: dict[str, Any]) -> list[dict[str, Any]]:
    data = body.get("data", body)
    return [c for row in data.get("components", []) for c in row["components"]]


def message_from_callback(fake: FakeDiscord, callback: RecordedRequest) -> dict[str, Any]:
    """The message Discord created from an interaction response, as a later click carries it."""
    return fake.message_payload(fake.guild(GUILD_A).channel_id, callback.json["data"], guild_id=GUILD_A)


def mention(fake: FakeDiscord) -> dict[str, Any]:
    return fake.user(BOT_ID, "pactbot", bot=True)


# --- login, READY and the synced command ----------------------------------------------------------


async def test_login_ready_and_intents(fake_discord: FakeDiscord, start_discord: Start,
                                       make_ctx: MakeCtx,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    ctx = make_ctx()
    await start_discord(ctx)

    me = fake_discord.requests_to("GET", "/users/@me")
    assert me and me[0].headers["Authorization"] == f"Bot {fake_discord.token}"
    assert fake_discord.requests_to("GET", "/oauth2/applications/@me")
    session = fake_discord.sessions[0]
    assert session.compressor is not None, "the bot asks for zlib-stream compression"
    assert session.identify is not None and session.identify["token"] == fake_discord.token
    intents = session.identify["intents"]
    assert intents == GUILDS | GUILD_MESSAGES | DM_MESSAGES
    assert not intents & MESSAGE_CONTENT
    await fake_discord.wait_until(lambda: ctx.health.connected.get("discord"), what="ready")
    assert ctx.health.ready
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Shard ID 0 has connected" in logged
    assert fake_discord.token not in logged


async def test_synced_command_payload(fake_discord: FakeDiscord, start_discord: Start,
                                      make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())
    [put] = fake_discord.requests_to("PUT", rf"/applications/{APPLICATION_ID}/commands")
    [command] = put.json
    assert command["name"] == "pact" and command["type"] == 1 and command["description"]
    question, private = command["options"]
    assert question["name"] == "question" and question["type"] == 3 and question["required"] is True
    assert question["max_length"] == 300 and question["autocomplete"] is True
    assert private["name"] == "private" and private["type"] == 5 and not private.get("required")


async def test_guild_sync_and_command_name(fake_discord: FakeDiscord, start_discord: Start,
                                           make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx(), DISCORD_GUILD_ID=str(GUILD_A), PACTBOT_COMMAND="treaty")
    assert not fake_discord.requests_to("PUT", rf"/applications/{APPLICATION_ID}/commands")
    [put] = fake_discord.requests_to("PUT", rf"/applications/{APPLICATION_ID}/guilds/{GUILD_A}/commands")
    assert [c["name"] for c in put.json] == ["treaty"]
    interaction = await fake_discord.slash("who signed", command="treaty")
    callback = await callback_for(fake_discord, interaction)
    assert any(name in callback.json["data"]["embeds"][0]["description"] for name in SIGNATORIES)


# --- slash command answers --------------------------------------------------------------------------


async def test_slash_answers_with_an_embed(fake_discord: FakeDiscord, start_discord: Start,
                                           make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    interaction = await fake_discord.slash("who signed")
    callback = await callback_for(fake_discord, interaction)

    assert callback.query.get("with_response") is not None
    assert "Authorization" not in callback.headers
    body = callback.json
    assert body["type"] == 4
    data = body["data"]
    assert data["allowed_mentions"] == NO_PINGS
    assert not int(data.get("flags") or 0) & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"]
    for name in SIGNATORIES:
        assert name in embed["description"]
    [sources] = embed["fields"]
    assert sources["name"] == "Sources"
    assert "](https://" in sources["value"]
    related = buttons(body)
    assert 1 <= len(related) <= 3
    assert all(b["type"] == 2 and b["custom_id"].startswith("pactbot:fact:") and b["label"] for b in related)
    assert ctx.metrics.questions.labels(platform="discord", outcome="answered")._value.get() == 1


async def test_private_answer_is_ephemeral(fake_discord: FakeDiscord, start_discord: Start,
                                           make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())
    interaction = await fake_discord.slash("who signed", private=True)
    data = (await callback_for(fake_discord, interaction)).json["data"]
    assert int(data["flags"]) & EPHEMERAL
    assert data["embeds"][0]["description"]


async def test_autocomplete_offers_at_most_25_questions(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())
    for partial, expect in (("", None), ("who sig", "signed")):
        interaction = await fake_discord.autocomplete(partial)
        body = (await callback_for(fake_discord, interaction)).json
        assert body["type"] == 8
        choices = body["data"]["choices"]
        assert 1 <= len(choices) <= 25
        assert all(c["name"] and c["value"] and len(c["value"]) <= 100 for c in choices)
        if expect:
            assert expect in choices[0]["value"].lower()


async def test_related_fact_button_answers_that_fact(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    first = await callback_for(fake_discord, await fake_discord.slash("who signed"))
    button = buttons(first.json)[0]
    click = read_click(button["custom_id"])
    assert click is not None and click.kind is ButtonKind.FACT and click.lang == "en"
    fact_id = click.ref

    click = await fake_discord.click(button["custom_id"], message_from_callback(fake_discord, first))
    data = (await callback_for(fake_discord, click)).json["data"]
    expected = ctx.service.answer_fact(fact_id)
    [embed] = data["embeds"]
    assert embed["title"] == expected.title
    assert embed["description"].replace("\\", "") == expected.text
    assert int(data["flags"]) & EPHEMERAL  # the click's answer is for the one who clicked
    assert data["allowed_mentions"] == NO_PINGS


async def test_help_explains(fake_discord: FakeDiscord, start_discord: Start,
                             make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    data = (await callback_for(fake_discord, await fake_discord.slash("help"))).json["data"]
    [embed] = data["embeds"]
    assert int(data["flags"]) & EPHEMERAL  # help is for the asker, not the channel
    assert embed["title"] == ctx.service.texts.get("help_title")
    assert "who signed" in embed["description"].lower()
    assert ctx.metrics.questions.labels(platform="discord", outcome="help")._value.get() == 1


async def test_declined_question_is_ephemeral_with_suggestions(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    # A rare word the file does not know ("eurobasket") names another subject: declined, with suggestions.
    question = "ratification kaunas eurobasket"
    expected = ctx.service.ask(question)
    assert expected.suggestions, "the fact file should offer suggestions for this question"

    declined = await callback_for(fake_discord, await fake_discord.slash(question))
    data = declined.json["data"]
    assert int(data["flags"]) & EPHEMERAL
    assert not data.get("embeds")
    assert data["content"].replace("\\", "") == expected.text
    offered = buttons(declined.json)
    assert [b["label"] for b in offered] == list(expected.suggestions[:3])
    assert all(b["custom_id"].startswith("pactbot:ask:") for b in offered)

    # Clicking a suggestion asks that question.
    click = await fake_discord.click(offered[0]["custom_id"], message_from_callback(fake_discord, declined))
    answer = (await callback_for(fake_discord, click)).json["data"]
    assert answer["embeds"][0]["title"] == ctx.service.ask(expected.suggestions[0]).title


async def test_locale_is_passed_to_the_core(fake_discord: FakeDiscord, start_discord: Start,
                                            make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    # A bare name shows no language of its own, so the asker's locale decides.
    answers = {}
    for locale, lang in (("lt", "lt"), ("ru", "ru"), ("en-GB", "en")):
        interaction = await fake_discord.slash("Chicherin", locale=locale)
        data = (await callback_for(fake_discord, interaction)).json["data"]
        expected = ctx.service.ask("Chicherin", lang=lang)
        [embed] = data["embeds"]
        assert embed["description"].replace("\\", "") == expected.text
        assert embed["fields"][0]["name"] == ctx.service.texts.get("sources", lang)
        answers[lang] = expected.text
    assert len(set(answers.values())) == 3
    # A question in English stays English whatever the locale.
    interaction = await fake_discord.slash("who signed", locale="lt")
    [embed] = (await callback_for(fake_discord, interaction)).json["data"]["embeds"]
    assert embed["description"].replace("\\", "") == ctx.service.ask("who signed", lang="en").text


# --- mentions -----------------------------------------------------------------------------------------


async def test_mention_gets_a_reply(fake_discord: FakeDiscord, start_discord: Start,
                                    make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())
    guild = fake_discord.guild(GUILD_A)
    sent = await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[mention(fake_discord)])
    post = await fake_discord.wait_request("POST", rf"/channels/{guild.channel_id}/messages")
    body = post.json
    assert str(body["message_reference"]["message_id"]) == sent["id"]
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    for name in SIGNATORIES:
        assert name in body["embeds"][0]["description"]
    assert post.headers["Authorization"] == f"Bot {fake_discord.token}"


async def test_mention_in_thread_and_dm_and_nickname_form(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    guild = fake_discord.guild(GUILD_A)
    await fake_discord.message(f"<@!{BOT_ID}>   when was it signed", channel_id=guild.thread_id,
                               mentions=[mention(fake_discord)])
    in_thread = await fake_discord.wait_request("POST", rf"/channels/{guild.thread_id}/messages")
    expected = ctx.service.ask("when was it signed")
    assert in_thread.json["embeds"][0]["description"].replace("\\", "") == expected.text

    dm = await fake_discord.message("who signed", guild_id=None)
    in_dm = await fake_discord.wait_request("POST", rf"/channels/{dm['channel_id']}/messages")
    assert "Chicherin" in in_dm.json["embeds"][0]["description"]
    assert in_dm.json["allowed_mentions"]["parse"] == []


async def test_silent_unless_mentioned_by_a_person(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())
    guild = fake_discord.guild(GUILD_A)
    me = mention(fake_discord)
    await fake_discord.message("who signed the pact?")
    await fake_discord.message("@everyone who signed the pact?", mention_everyone=True)
    await fake_discord.message("@here who signed the pact?", mention_everyone=True)
    await fake_discord.message(f"<@&{guild.role_id}> who signed?", mention_roles=[guild.role_id])
    await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[me],
                               author=fake_discord.user(8001, "otherbot", bot=True))
    await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[me], author=me)  # its own message
    # A server the bot has not cached (yet): no mention, so no answer, even though `guild` is unknown.
    unknown = fake_discord.message_payload(4242, {"content": ""}, guild_id=4141)
    unknown["author"] = fake_discord.user(7001)
    await fake_discord.session_for(GUILD_A).dispatch("MESSAGE_CREATE", unknown)
    # A real question last: once its reply arrives, everything before it has been handled.
    last = await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[me])
    post = await fake_discord.wait_request("POST", r"/channels/\d+/messages")
    assert str(post.json["message_reference"]["message_id"]) == last["id"]
    await asyncio.sleep(0.05)
    assert len(fake_discord.requests_to("POST", r"/channels/\d+/messages")) == 1


async def test_bare_mention_and_help_mention(fake_discord: FakeDiscord, start_discord: Start,
                                             make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    me = mention(fake_discord)
    # A bare mention asks nothing: it gets what the bot knows, as "help" in words does.
    await fake_discord.message(f"<@{BOT_ID}>", mentions=[me])
    bare = await fake_discord.wait_request("POST", r"/channels/\d+/messages")
    assert bare.json["embeds"][0]["title"] == ctx.service.texts.get("help_title")
    count = len(fake_discord.requests)
    await fake_discord.message(f"<@{BOT_ID}> help", mentions=[me])
    helped = await fake_discord.wait_request("POST", r"/channels/\d+/messages", after=count)
    assert helped.json["embeds"] == bare.json["embeds"]
    assert helped.json["allowed_mentions"] == {"parse": [], "replied_user": False}


# --- cooldown and errors ----------------------------------------------------------------------------------


async def test_cooldown_on_slash_and_mention(fake_discord: FakeDiscord, start_discord: Start,
                                             make_ctx: MakeCtx) -> None:
    ctx = make_ctx(cooldown_limit=2, cooldown_seconds=60)
    await start_discord(ctx)
    for _ in range(2):
        data = (await callback_for(fake_discord, await fake_discord.slash("who signed"))).json["data"]
        assert data["embeds"]
    limited = (await callback_for(fake_discord, await fake_discord.slash("who signed"))).json["data"]
    assert int(limited["flags"]) & EPHEMERAL
    assert limited["content"].startswith("You're asking quickly")
    assert not limited.get("embeds")

    # Another user is not held back; the same user's mention gets a short reply.
    other = (await callback_for(fake_discord, await fake_discord.slash("who signed", user_id=7002))).json
    assert other["data"]["embeds"]
    await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[mention(fake_discord)])
    reply = (await fake_discord.wait_request("POST", r"/channels/\d+/messages")).json
    assert reply["content"].startswith("You're asking quickly") and not reply.get("embeds")
    assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert ctx.metrics.questions.labels(platform="discord", outcome="cooldown")._value.get() == 2


async def test_failed_slash_reply_is_logged_apologised_and_next_question_answered(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    fake_discord.fail_next("POST", CALLBACK)  # Discord rejects the first response (400 Invalid Form Body)
    interaction = await fake_discord.slash("who signed")
    failed = await callback_for(fake_discord, interaction)
    apology = await callback_for(fake_discord, interaction, after=fake_discord.requests.index(failed) + 1)
    assert apology.json["data"]["content"] == ctx.service.texts.get("error")
    assert int(apology.json["data"]["flags"]) & EPHEMERAL
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("bot.")]
    assert errors and errors[0].exc_info is not None, "the error is logged with its traceback"
    assert "50035" in str(errors[0].exc_info[1])

    data = (await callback_for(fake_discord, await fake_discord.slash("when was it signed"))).json["data"]
    assert data["embeds"] and data["embeds"][0]["title"]


async def test_failed_mention_reply_is_logged_apologised_and_next_question_answered(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    me = mention(fake_discord)
    fake_discord.fail_next("POST", r"/channels/\d+/messages")
    await fake_discord.message(f"<@{BOT_ID}> who signed?", mentions=[me])
    posts = await fake_discord.wait_until(
        lambda: (p := fake_discord.requests_to("POST", r"/channels/\d+/messages")) and len(p) >= 2 and p,
        what="the apology")
    assert posts[1].json["content"] == ctx.service.texts.get("error")
    assert posts[1].json["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert any(r.exc_info for r in caplog.records if r.name.startswith("bot.") and r.levelno >= logging.ERROR)

    await fake_discord.message(f"<@{BOT_ID}> when was it signed?", mentions=[me])
    answered = await fake_discord.wait_until(
        lambda: (p := fake_discord.requests_to("POST", r"/channels/\d+/messages")) and len(p) >= 3 and p[2],
        what="the next answer")
    assert answered.json["embeds"]


# --- reconnects -----------------------------------------------------------------------------------------


async def test_reconnect_resumes_and_keeps_answering(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    old = await fake_discord.reconnect(0)
    resumed = await fake_discord.wait_until(
        lambda: next((s for s in fake_discord.sessions if s.resumed and s.open and s.ready.is_set()), None),
        what="RESUME")
    assert resumed is not old and resumed.session_id == old.session_id
    assert len([s for s in fake_discord.sessions if s.identify]) == 1, "resumed, not identified again"
    data = (await callback_for(fake_discord, await fake_discord.slash("who signed"))).json["data"]
    assert "Chicherin" in data["embeds"][0]["description"]
    assert ctx.metrics.reconnects.labels(platform="discord")._value.get() == 1
    await fake_discord.wait_until(lambda: ctx.health.connected.get("discord"), what="connected again")


# --- sharding -------------------------------------------------------------------------------------------


async def test_two_processes_split_the_shards_and_sync_once(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    from tests.fakes.discord import GUILD_B, shard_of

    assert shard_of(GUILD_A, 2) == 0 and shard_of(GUILD_B, 2) == 1
    first, second = make_ctx(), make_ctx()
    await start_discord(first, DISCORD_SHARD_COUNT="2", DISCORD_SHARD_IDS="0")
    await start_discord(second, DISCORD_SHARD_COUNT="2", DISCORD_SHARD_IDS="1")

    identified = sorted(tuple(s.identify["shard"]) for s in fake_discord.sessions if s.identify)
    assert identified == [(0, 2), (1, 2)]
    assert len(fake_discord.requests_to("PUT", rf"/applications/{APPLICATION_ID}/commands")) == 1
    assert not fake_discord.requests_to("GET", "/gateway/bot")

    for guild_id, owner in ((GUILD_A, first), (GUILD_B, second)):
        [session] = fake_discord.sessions_for(guild_id)
        interaction = await fake_discord.slash("who signed", guild_id=guild_id, session=session)
        assert (await callback_for(fake_discord, interaction)).json["data"]["embeds"]
        assert owner.metrics.questions.labels(platform="discord", outcome="answered")._value.get() == 1
    assert first.metrics.questions.labels(platform="discord", outcome="answered")._value.get() == 1
    assert second.metrics.questions.labels(platform="discord", outcome="answered")._value.get() == 1


async def test_malformed_gateway_event_is_dropped_not_fatal(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx,
        caplog: pytest.LogCaptureFixture) -> None:
    await start_discord(make_ctx())
    session = fake_discord.session_for(GUILD_A)
    await session.dispatch("INTERACTION_CREATE", {"id": "1", "type": 2})  # no token, no application_id
    await session.dispatch("MESSAGE_CREATE", {"id": "2"})  # no channel, no author
    data = (await callback_for(fake_discord, await fake_discord.slash("who signed"))).json["data"]
    assert "Chicherin" in data["embeds"][0]["description"]
    dropped = [r for r in caplog.records if "could not parse" in r.getMessage()]
    assert len(dropped) == 2 and all(r.exc_info for r in dropped)


async def test_gateway_proxy_url_is_kept_when_discord_recommends_another(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    # Discord's GET /gateway/bot names its own gateway; a configured proxy URL must still be used.
    fake_discord.recommended_gateway_url = "ws://127.0.0.1:9/not-the-proxy"
    await start_discord(make_ctx())
    assert fake_discord.requests_to("GET", "/gateway/bot"), "the shard count comes from Discord"
    data = (await callback_for(fake_discord, await fake_discord.slash("who signed"))).json["data"]
    assert data["embeds"]


# --- one policy: labels and buttons in the answer's language; button ids Discord accepts -------------------


async def test_a_lithuanian_answer_is_labelled_in_lithuanian_and_its_buttons_answer_in_it(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    await start_discord(ctx)
    asked = await fake_discord.slash("kas pasirašė sutartį", locale="en-US")
    answered = await callback_for(fake_discord, asked)
    [embed] = answered.json["data"]["embeds"]
    assert embed["fields"][0]["name"] == "Šaltiniai" == ctx.service.texts.get("sources", "lt")
    offered = buttons(answered.json)
    assert offered and all(b["custom_id"].startswith("pactbot:fact:lt:") for b in offered)
    click = await fake_discord.click(offered[0]["custom_id"], message_from_callback(fake_discord, answered),
                                     locale="en-US")
    [clicked] = (await callback_for(fake_discord, click)).json["data"]["embeds"]
    fact_id = offered[0]["custom_id"].rsplit(":", 1)[1]
    assert clicked["description"].replace("\\", "") == ctx.service.answer_fact(fact_id, lang="lt").text
    assert clicked["fields"][0]["name"] == "Šaltiniai"


async def test_buttons_discord_accepts_for_a_fact_listed_twice_and_for_long_alike_suggestions(
        fake_discord: FakeDiscord, start_discord: Start, tmp_path: Path) -> None:
    service = FactService(BUTTON_FACTS)
    recorder = Recorder(RecordSettings(data_dir=tmp_path), Metrics())  # answers carry 👍/👎 as well
    ctx = AppContext(service=service, env={}, cooldown=MemoryCooldown(limit=100, window=30),
                     recorder=recorder)
    await start_discord(ctx)
    clicked: set[str] = set()
    for question, expected in (("when was the treaty signed", 4), (TIED, 2)):
        interaction = await fake_discord.slash(question)
        callback = await callback_for(fake_discord, interaction)
        assert refuse_components(callback.json["data"]) is None
        ids = [b["custom_id"] for b in buttons(callback.json)]
        assert len(set(ids)) == len(ids) == expected
        if question == TIED:  # each suggestion asks its whole question
            for custom_id in ids:
                click = await fake_discord.click(custom_id, message_from_callback(fake_discord, callback))
                [embed] = (await callback_for(fake_discord, click)).json["data"]["embeds"]
                clicked.add(embed["title"])
    assert clicked == {service.ask(q).title for q in service.ask(TIED).suggestions}
    await asyncio.sleep(0.1)
    # Nothing was refused, so nothing needed an apology.
    error = service.texts.get("error")
    assert all(r.json["data"].get("content") != error for r in fake_discord.requests_to("POST", CALLBACK))


# --- 👍 and 👎 --------------------------------------------------------------------------------------------


async def test_an_answer_carries_votes_on_a_row_of_their_own_and_a_vote_is_thanked_privately(
        fake_discord: FakeDiscord, start_discord: Start, recording_ctx: AppContext) -> None:
    ctx = recording_ctx
    await start_discord(ctx)
    asked = await fake_discord.slash("kas pasirašė sutartį", user_id=7001)
    answered = await callback_for(fake_discord, asked)
    related, votes = answered.json["data"]["components"]
    assert [b["custom_id"].split(":")[1] for b in related["components"]] == ["fact"] * 3
    assert [b["label"] for b in votes["components"]] == ["👍", "👎"]
    up, down = (b["custom_id"] for b in votes["components"])
    assert up.startswith("pactbot:up:lt:") and down.startswith("pactbot:down:lt:")
    [(key,)] = recorded(ctx, "SELECT id FROM questions")
    assert up.endswith(f":{key}") and down.endswith(f":{key}")
    message = message_from_callback(fake_discord, answered)
    # Another reader (English locale) votes 👎, then changes it to 👍; the asker votes 👍.
    for user_id, custom_id in ((7002, down), (7002, up), (7001, up)):
        click = await fake_discord.click(custom_id, message, user_id=user_id, locale="en-US")
        data = (await callback_for(fake_discord, click)).json["data"]
        text = "vote_down" if custom_id == down else "vote_up"
        assert data["content"] == ctx.service.texts.get(text, "lt")  # in the answer's language
        assert int(data["flags"]) & EPHEMERAL  # only the one who voted sees it
        assert not data.get("components") and data["allowed_mentions"] == NO_PINGS
    assert recorded(ctx, "SELECT value, COUNT(*) FROM votes GROUP BY value") == [(1, 2)]
    counts = {vote: ctx.metrics.registry.get_sample_value("pactbot_votes_total",
                                                           {"platform": "discord", "vote": vote})
              for vote in ("up", "down")}
    assert counts == {"up": 2, "down": 1}


async def test_without_recording_an_answer_has_no_votes(
        fake_discord: FakeDiscord, start_discord: Start, make_ctx: MakeCtx) -> None:
    await start_discord(make_ctx())  # PACTBOT_RECORD=off, as a context without a recorder is
    answered = await callback_for(fake_discord, await fake_discord.slash("who signed"))
    [related] = answered.json["data"]["components"]
    assert all(b["custom_id"].startswith("pactbot:fact:") for b in related["components"])


def test_the_fake_refuses_buttons_as_discord_does() -> None:
    def message(*custom_ids: str) -> dict[str, Any]:
        return {"components": [{"type": 1, "components": [
            {"type": 2, "style": 2, "label": "x", "custom_id": c} for c in custom_ids]}]}

    assert refuse_components(message("a", "b")) is None
    assert refuse_components(message("a", "a")) is not None
    assert refuse_components(message("a" * 101)) is not None
    assert refuse_components(message(*"abcde")) is None
    assert refuse_components(message(*"abcdef")) is not None  # 5 buttons to a row
    rows = {"components": [message(c)["components"][0] for c in "abcdef"]}
    assert refuse_components(rows) is not None  # 5 rows
