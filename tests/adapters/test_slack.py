"""The Slack adapter end to end: the real slack-bolt (async) against the fake Slack on 127.0.0.1.

HTTP mode gets requests signed with the v0 scheme exactly as Slack signs them; Socket Mode gets
envelopes over the fake's websocket. Nothing of ours is mocked: the bot runs through the same
`build_runner` path as `pactbot slack`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp
import pytest
import yaml

from bot.adapters import slack as slack_adapter
from bot.adapters.slack import SlackRunner, SlackSettings, build_runner
from bot.context import AppContext
from bot.conversation.limits import MemoryCooldown
from bot.core.service import FactService
from bot.startup import StartupError
from tests.adapters.conftest import recorded
from tests.fakes.slack import FakeSlack, refuse_blocks, sign

SECRET = "fake-signing-secret-0123456789"
SIGNATORIES = ("Chicherin", "Alexandrovsky", "Sleževičius", "Baltrušaitis")
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U666>")


def make_ctx(service: FactService, limit: int = 1000) -> AppContext:
    return AppContext(service=service, env={}, cooldown=MemoryCooldown(limit=limit, window=60))


def settings_for(fake: FakeSlack, *, http: bool, **env: str) -> SlackSettings:
    base = {
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_APP_TOKEN": fake.app_token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url.removesuffix("/api/"),  # the adapter adds /api/ itself
    }
    return SlackSettings.from_env({**base, **env}, http=http, host="127.0.0.1", port=0)


@contextlib.asynccontextmanager
async def running(ctx: AppContext, settings: SlackSettings) -> AsyncIterator[SlackRunner]:
    runner = build_runner(ctx, settings)
    task = asyncio.create_task(runner.start())
    try:
        deadline = time.monotonic() + 5
        while not ctx.health.connected.get("slack"):
            if task.done():
                task.result()  # raises what start() raised
                raise AssertionError("the Slack runner stopped before it was connected")
            assert time.monotonic() < deadline, "the Slack runner did not come up within 5 s"
            await asyncio.sleep(0.01)
        yield runner
    finally:
        await runner.close()
        await asyncio.wait_for(task, 5)


class SlackHttp:
    """Sends requests to the bot's HTTP endpoint the way Slack does."""

    def __init__(self, session: aiohttp.ClientSession, runner: SlackRunner, fake: FakeSlack) -> None:
        self.session = session
        self.url = f"http://127.0.0.1:{runner.bound_port}"
        self.fake = fake

    async def post(self, body: str, content_type: str, headers: dict[str, str] | None = None,
                   signed: bool = True, timestamp: int | None = None) -> aiohttp.ClientResponse:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers.update(sign(SECRET, body, timestamp))
        url = self.url + "/slack/events"
        async with self.session.post(url, data=body.encode(), headers=all_headers) as resp:
            await resp.read()
            return resp

    def slash_body(self, text: str, key: str, user: str = "U1", command: str = "/pact") -> str:
        return urlencode(self.fake.slash_command(text, key, user=user, command=command))

    async def slash(self, text: str, key: str, user: str = "U1", command: str = "/pact",
                    **kw: Any) -> aiohttp.ClientResponse:
        body = self.slash_body(text, key, user, command)
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def event(self, event: dict[str, Any], event_id: str | None = None,
                    headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        body = json.dumps(event_body(self.fake, event, event_id))
        return await self.post(body, "application/json", headers)

    async def click(self, action_id: str, value: str, key: str, thread_ts: str | None = None
                    ) -> aiohttp.ClientResponse:
        payload = block_actions(self.fake, action_id, value, key, thread_ts)
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")


def event_body(fake: FakeSlack, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "verification-token", "team_id": fake.team_id, "api_app_id": "AFAKE",
        "type": "event_callback", "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
        "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": fake.team_id, "user_id": fake.bot_user_id, "is_bot": True}],
    }


def mention(text: str, ts: str = "1700000000.000100", user: str = "U1", **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": "C1",
            "event_ts": ts, **extra}


def block_actions(fake: FakeSlack, action_id: str, value: str, key: str,
                  thread_ts: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "message", "ts": "1700000000.000200", "text": "answer"}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {
        "type": "block_actions", "team": {"id": fake.team_id, "domain": "fake"},
        "user": {"id": "U1", "username": "ada", "team_id": fake.team_id}, "api_app_id": "AFAKE",
        "token": "verification-token", "trigger_id": "1.2.3",
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": "C1",
                      "is_ephemeral": False},
        "channel": {"id": "C1", "name": "general"}, "message": message,
        "response_url": fake.response_url(key),
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value,
                     "text": {"type": "plain_text", "text": "x"}, "action_ts": str(time.time())}],
    }


def block_text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


@contextlib.asynccontextmanager
async def http_bot(fake: FakeSlack, ctx: AppContext) -> AsyncIterator[SlackHttp]:
    async with running(ctx, settings_for(fake, http=True)) as runner, aiohttp.ClientSession() as session:
        yield SlackHttp(session, runner, fake)


# --------------------------------------------------------------------------------------------------
# HTTP mode


async def test_slash_command_is_acknowledged_then_answered_in_channel_with_blocks(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        started = time.perf_counter()
        resp = await slack.slash("who signed", "slash1")
        acked_in = time.perf_counter() - started
        assert resp.status == 200
        assert acked_in < 1.0  # Slack gives up after 3 s; the answer itself follows via response_url
        [posted] = await fake.until(lambda: fake.responses_to("slash1"))
    body = posted.body
    assert body["response_type"] == "in_channel"
    for name in SIGNATORIES:
        assert name in body["text"]
    blocks = body["blocks"]
    assert blocks[0]["type"] == "section" and "Chicherin" in blocks[0]["text"]["text"]
    [context] = [b for b in blocks if b["type"] == "context"]
    assert any("<https://en.wikipedia.org/" in e["text"] for e in context["elements"])
    related = buttons(blocks)
    expected = service.ask("who signed").related[:3]
    assert [b["action_id"] for b in related] == [f"pactbot:fact:en:{r.fact_id}" for r in expected]
    assert [b["text"]["text"] for b in related] == [r.title for r in expected]
    assert 1 <= len(related) <= 3


async def test_app_mention_is_answered_in_its_thread_with_the_mention_stripped(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        assert (await slack.event(mention("<@UBOT> who signed?", ts="1700000000.000300"))).status == 200
        [top] = await fake.until(lambda: fake.calls_to("chat.postMessage"))
        # A mention inside an existing thread is answered in that thread, not a new one.
        in_thread = mention("<@UBOT> who signed?", ts="1700000000.000400", thread_ts="1700000000.000001")
        await slack.event(in_thread)
        calls = await fake.until(lambda: len(fake.calls_to("chat.postMessage")) == 2
                                 and fake.calls_to("chat.postMessage"))
    assert top.params["thread_ts"] == "1700000000.000300"
    assert top.params["channel"] == "C1"
    assert top.token == fake.bot_token
    assert "Chicherin" in top.params["text"]
    assert "UBOT" not in block_text(top.params["blocks"])  # the mention is not part of the question
    assert calls[1].params["thread_ts"] == "1700000000.000001"


@pytest.mark.parametrize("how", ["unsigned", "wrongly signed", "stale"])
async def test_bad_signatures_get_401_and_no_handler_runs(
    fake: FakeSlack, service: FactService, how: str
) -> None:
    ctx = make_ctx(service)
    async with http_bot(fake, ctx) as slack:
        body = slack.slash_body("who signed", "rejected")
        form = "application/x-www-form-urlencoded"
        if how == "unsigned":
            resp = await slack.post(body, form, signed=False)
        elif how == "wrongly signed":
            resp = await slack.post(body, form, signed=False, headers={
                "X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64})
        else:
            resp = await slack.post(body, form, timestamp=int(time.time()) - 5 * 60 - 30)
        assert resp.status == 401
        event_resp = await slack.post(json.dumps(event_body(fake, mention("<@UBOT> who signed"))),
                                      "application/json", signed=False)
        assert event_resp.status == 401
        # A good request afterwards is answered, and it is the only one that reached a handler.
        assert (await slack.slash("who signed", "accepted")).status == 200
        await fake.until(lambda: fake.responses_to("accepted"))
        await asyncio.sleep(0.1)
    assert fake.responses_to("rejected") == []
    assert fake.calls_to("chat.postMessage") == []
    assert b'pactbot_questions_total{outcome="answered",platform="slack"} 1.0' in ctx.metrics.render()


async def test_url_verification_answers_the_challenge(fake: FakeSlack, service: FactService) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        body = json.dumps({"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                           "type": "url_verification"})
        headers = {"Content-Type": "application/json", **sign(SECRET, body)}
        async with slack.session.post(slack.url + "/slack/events", data=body, headers=headers) as resp:
            assert resp.status == 200
            assert await resp.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


async def test_pings_in_a_question_are_never_sent_back_unescaped(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash("who signed <!channel> <!here> <!everyone> <@U666>", "inject")
        await slack.slash("<!channel> xyzzy &lt;b&gt; &amp; <@U666>", "inject-declined")
        await slack.event(mention("<@UBOT> who signed <!channel> <!here|here> <!everyone> <@U666>"))
        await slack.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
                           "text": "<!everyone> when was it signed <@U666>", "ts": "1700000000.000500"})
        await fake.until(lambda: len(fake.responses) == 2 and len(fake.calls_to("chat.postMessage")) == 2)
        await asyncio.sleep(0.1)
    sent = fake.everything_sent()
    for ping in PINGS:
        assert ping not in sent
    assert "<b>" not in sent
    [answered] = fake.responses_to("inject")
    assert "Chicherin" in answered.body["text"]  # still answered, just without the pings


async def test_the_same_event_retried_by_slack_is_answered_once(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        event = mention("<@UBOT> who signed", ts="1700000000.000600")
        first = await slack.event(event, event_id="EvRETRY1")
        retry = await slack.event(event, event_id="EvRETRY1",
                                  headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        assert first.status == retry.status == 200
        await fake.until(lambda: fake.calls_to("chat.postMessage"))
        # A different event with a retry header but never seen before is still answered.
        await slack.event(mention("<@UBOT> who signed", ts="1700000000.000700"), event_id="EvRETRY2",
                          headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"})
        await fake.until(lambda: len(fake.calls_to("chat.postMessage")) == 2)
        await asyncio.sleep(0.1)
    assert [c.params["thread_ts"] for c in fake.calls_to("chat.postMessage")] == [
        "1700000000.000600", "1700000000.000700"]


async def test_related_fact_and_suggestion_buttons_answer_the_one_who_clicked(
    fake: FakeSlack, service: FactService
) -> None:
    declined_question = "what did the signatories eat for dinner"
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash("who signed", "answered")
        await slack.slash(declined_question, "declined")
        [answered] = await fake.until(lambda: fake.responses_to("answered"))
        [declined] = await fake.until(lambda: fake.responses_to("declined"))
        fact, suggestion = buttons(answered.body["blocks"])[0], buttons(declined.body["blocks"])[0]
        assert (await slack.click(fact["action_id"], "", "fact-button")).status == 200
        clicked = await slack.click(suggestion["action_id"], "", "ask-button", thread_ts="1700.1")
        assert clicked.status == 200
        [by_fact] = await fake.until(lambda: fake.responses_to("fact-button"))
        [by_question] = await fake.until(lambda: fake.responses_to("ask-button"))
    related = service.ask("who signed").related[0]
    assert by_fact.body["text"] == service.answer_fact(related.fact_id).text.replace("&", "&amp;")
    asked = service.ask(declined_question).suggestions[0]
    assert by_question.body["text"] == service.ask(asked).text.replace("&", "&amp;")
    for body in (by_fact.body, by_question.body):
        assert body["response_type"] == "ephemeral"  # for the one who clicked, not the channel
        assert body["replace_original"] is False  # the message with the buttons stays
    assert by_question.body["thread_ts"] == "1700.1"


async def test_an_answer_carries_votes_in_a_block_of_their_own_and_a_vote_is_thanked_privately(
    fake: FakeSlack, recording_ctx: AppContext
) -> None:
    ctx = recording_ctx
    async with http_bot(fake, ctx) as slack:
        await slack.slash("кто подписал договор", "voted-on")
        [answered] = await fake.until(lambda: fake.responses_to("voted-on"))
        related, votes = [b for b in answered.body["blocks"] if b["type"] == "actions"]
        assert [e["action_id"].split(":")[1] for e in related["elements"]] == ["fact"] * 3
        assert [e["text"]["text"] for e in votes["elements"]] == ["👍", "👎"]
        up, down = (e["action_id"] for e in votes["elements"])
        [(key,)] = recorded(ctx, "SELECT id FROM questions")
        assert (up, down) == (f"pactbot:up:ru:{key}", f"pactbot:down:ru:{key}")
        # U1 votes 👎, then changes it to 👍.
        for n, action_id in enumerate((down, up)):
            assert (await slack.click(action_id, "", f"vote-{n}")).status == 200
        thanks = [(await fake.until(lambda n=n: fake.responses_to(f"vote-{n}")))[0] for n in range(2)]
    assert [t.body["text"] for t in thanks] == [ctx.service.texts.get(text, "ru")
                                                for text in ("vote_down", "vote_up")]
    for posted in thanks:
        assert posted.body["response_type"] == "ephemeral"  # only the one who voted sees it
        assert posted.body["replace_original"] is False  # the answer and its buttons stay
        assert "blocks" not in posted.body
    assert fake.refused == []
    assert recorded(ctx, "SELECT value FROM votes") == [(1,)]
    counts = {vote: ctx.metrics.registry.get_sample_value("pactbot_votes_total",
                                                           {"platform": "slack", "vote": vote})
              for vote in ("up", "down")}
    assert counts == {"up": 1, "down": 1}


@pytest.mark.parametrize("text", ["", "help", "  HELP "])
async def test_help_is_ephemeral(fake: FakeSlack, service: FactService, text: str) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash(text, "help")
        [posted] = await fake.until(lambda: fake.responses_to("help"))
    assert posted.body["response_type"] == "ephemeral"
    assert service.help().title in posted.body["blocks"][0]["text"]["text"]


async def test_declined_question_is_ephemeral_with_suggestion_buttons(
    fake: FakeSlack, service: FactService
) -> None:
    question = "what did the signatories eat for dinner"
    expected = service.ask(question)
    assert expected.suggestions, "the fact file should offer suggestions for this question"
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash(question, "declined")
        [posted] = await fake.until(lambda: fake.responses_to("declined"))
    assert posted.body["response_type"] == "ephemeral"
    offered = buttons(posted.body["blocks"])
    assert [b["text"]["text"] for b in offered] == list(expected.suggestions[:3])
    assert all(b["action_id"].startswith("pactbot:ask:en:") for b in offered)


async def test_cooldown_per_user(fake: FakeSlack, service: FactService) -> None:
    async with http_bot(fake, make_ctx(service, limit=2)) as slack:
        for n in range(3):
            await slack.slash("who signed", f"cool{n}")
            await fake.until(lambda n=n: fake.responses_to(f"cool{n}"))
        await slack.slash("who signed", "other-user", user="U2")  # someone else is not held back
        [other] = await fake.until(lambda: fake.responses_to("other-user"))
    third = fake.responses_to("cool2")[0].body
    assert third["response_type"] == "ephemeral"
    assert third["text"].startswith("You're asking quickly")
    assert "Chicherin" in fake.responses_to("cool1")[0].body["text"]
    assert "Chicherin" in other.body["text"]


async def test_a_failing_handler_apologises_and_the_app_keeps_serving(
    fake: FakeSlack, service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    async with http_bot(fake, make_ctx(service)) as slack:
        fake.fail_next("chat.postMessage", "channel_not_found")  # the answer's post raises SlackApiError
        await slack.event(mention("<@UBOT> who signed", ts="1700000000.000800"))
        [apology] = await fake.until(lambda: fake.calls_to("chat.postEphemeral"))
        await slack.event(mention("<@UBOT> who signed", ts="1700000000.000900"))
        await fake.until(lambda: len(fake.calls_to("chat.postMessage")) == 2)
        # Garbage that passes the signature check does not take the app down either.
        assert (await slack.post("payload=%7Bnot-json", "application/x-www-form-urlencoded")).status < 500
        await slack.slash("who signed", "after")
        await fake.until(lambda: fake.responses_to("after"))
    assert apology.params["text"] == service.texts.get("error")
    assert apology.params["user"] == "U1" and apology.params["thread_ts"] == "1700000000.000800"
    answered = fake.calls_to("chat.postMessage")[1]
    assert answered.params["thread_ts"] == "1700000000.000900" and "Chicherin" in answered.params["text"]
    [failure] = [r for r in caplog.records if r.name.startswith("bot.") and r.levelno == logging.ERROR]
    assert failure.exc_info is not None and "channel_not_found" in str(failure.exc_info[1])


async def test_direct_messages_are_answered_and_bots_and_edits_ignored(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        dm = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
              "ts": "1700000001.000100"}
        await slack.event({**dm, "text": "who signed"})
        await slack.event({**dm, "text": "who signed", "bot_id": "B2", "subtype": "bot_message"})
        await slack.event({**dm, "text": "who signed", "subtype": "message_changed"})
        await slack.event({**dm, "channel_type": "channel", "channel": "C1", "text": "who signed"})
        await slack.event(mention("<@UBOT> who signed", bot_id="B2"))  # another bot mentioning us
        [answer] = await fake.until(lambda: fake.calls_to("chat.postMessage"))
        await slack.event({**dm, "text": "xyzzy"})  # declined in a DM: posted normally, nobody else sees it
        await fake.until(lambda: len(fake.calls_to("chat.postMessage")) == 2)
        await asyncio.sleep(0.1)
    assert answer.params["channel"] == "D1" and "thread_ts" not in answer.params
    assert "Chicherin" in answer.params["text"]
    assert len(fake.calls_to("chat.postMessage")) == 2
    assert fake.calls_to("chat.postEphemeral") == []


async def test_http_mode_serves_the_ops_routes_on_the_same_port(
    fake: FakeSlack, service: FactService
) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash("who signed", "ops")
        await fake.until(lambda: fake.responses_to("ops"))
        async with slack.session.get(slack.url + "/healthz") as resp:
            assert resp.status == 200
        async with slack.session.get(slack.url + "/readyz") as resp:
            assert resp.status == 200
            assert (await resp.json())["connected"] == {"slack": True}
        async with slack.session.get(slack.url + "/metrics") as resp:
            assert 'pactbot_questions_total{outcome="answered",platform="slack"} 1.0' in await resp.text()


async def test_closing_lets_answers_in_flight_finish(fake: FakeSlack, service: FactService) -> None:
    ctx = make_ctx(service)
    runner = build_runner(ctx, settings_for(fake, http=True))
    task = asyncio.create_task(runner.start())
    try:
        await fake.until(lambda: runner.bound_port)
        fake.response_delay = 0.5  # the answer is still on its way when the stop comes
        async with aiohttp.ClientSession() as session:
            slack = SlackHttp(session, runner, fake)
            assert (await slack.slash("who signed", "in-flight")).status == 200
        await fake.until(lambda: runner.stage.in_flight.count == 1)
    finally:
        await runner.close()
        await asyncio.wait_for(task, 5)
    [posted] = fake.responses_to("in-flight")  # delivered before close() returned
    assert "Chicherin" in posted.body["text"]
    assert ctx.health.connected["slack"] is False


async def test_rejected_bot_token_is_one_clear_startup_error(fake: FakeSlack, service: FactService) -> None:
    settings = settings_for(fake, http=True, SLACK_BOT_TOKEN="xoxb-wrong-secret-token")
    runner = build_runner(make_ctx(service), settings)
    try:
        with pytest.raises(StartupError) as caught:
            await runner.start()
    finally:
        await runner.close()
    assert "SLACK_BOT_TOKEN" in str(caught.value) and "invalid_auth" in str(caught.value)
    assert "xoxb-wrong-secret-token" not in str(caught.value)


# --------------------------------------------------------------------------------------------------
# Socket Mode


@contextlib.asynccontextmanager
async def socket_bot(fake: FakeSlack, ctx: AppContext) -> AsyncIterator[SlackRunner]:
    async with running(ctx, settings_for(fake, http=False)) as runner:
        await fake.until(lambda: len(fake.open_tickets()) == 1)
        yield runner


async def test_socket_mode_slash_command_is_acknowledged_and_answered(
    fake: FakeSlack, service: FactService
) -> None:
    async with socket_bot(fake, make_ctx(service)) as runner:
        assert runner.app is not None
        envelope_id = fake.push("slash_commands", fake.slash_command("who signed", "socket-slash"))
        await fake.until(lambda: any(a.get("envelope_id") == envelope_id for a in fake.acks))
        [posted] = await fake.until(lambda: fake.responses_to("socket-slash"))
    assert [c.token for c in fake.calls_to("apps.connections.open")] == [fake.app_token]
    assert posted.body["response_type"] == "in_channel"
    for name in SIGNATORIES:
        assert name in posted.body["text"]


async def test_socket_mode_mention_is_answered_in_its_thread_once(
    fake: FakeSlack, service: FactService
) -> None:
    async with socket_bot(fake, make_ctx(service)):
        payload = event_body(fake, mention("<@UBOT> who signed", ts="1700000002.000100"), "EvSOCKET1")
        first = fake.push("events_api", payload, retry_attempt=0, retry_reason="")
        again = fake.push("events_api", payload, retry_attempt=1, retry_reason="timeout")
        [posted] = await fake.until(lambda: fake.calls_to("chat.postMessage"))
        await fake.until(lambda: {first, again} <= {a.get("envelope_id") for a in fake.acks})
        await asyncio.sleep(0.1)
    assert posted.params["thread_ts"] == "1700000002.000100"
    assert "Chicherin" in posted.params["text"]
    assert len(fake.calls_to("chat.postMessage")) == 1


async def test_socket_mode_reconnects_and_counts_it(fake: FakeSlack, service: FactService) -> None:
    ctx = make_ctx(service)
    async with socket_bot(fake, ctx):
        first = fake.open_tickets()
        fake.ask_to_reconnect()
        await fake.until(lambda: len(fake.calls_to("apps.connections.open")) == 2)
        await fake.until(lambda: b'pactbot_reconnects_total{platform="slack"} 1.0' in ctx.metrics.render())
        # The old websocket is gone and the new one is up.
        await fake.until(lambda: fake.open_tickets() == [fake.connections_opened] != first)
        envelope_id = fake.push("slash_commands", fake.slash_command("who signed", "after-reconnect"))
        await fake.until(lambda: fake.responses_to("after-reconnect"))
        await fake.until(lambda: any(a.get("envelope_id") == envelope_id for a in fake.acks))
        assert ctx.health.connected["slack"] is True
    assert ctx.health.connected["slack"] is False


async def test_socket_mode_rejected_app_token_is_one_clear_startup_error(
    fake: FakeSlack, service: FactService
) -> None:
    settings = settings_for(fake, http=False, SLACK_APP_TOKEN="xapp-wrong-secret-token")
    runner = build_runner(make_ctx(service), settings)
    try:
        with pytest.raises(StartupError) as caught:
            await asyncio.wait_for(runner.start(), 5)
    finally:
        await runner.close()
    assert "SLACK_APP_TOKEN" in str(caught.value) and "invalid_auth" in str(caught.value)
    assert "wrong-secret" not in str(caught.value)


# --------------------------------------------------------------------------------------------------
# The app manifests agree with what the code registers

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "slack"
MANIFESTS = {"socket": DEPLOY / "manifest.yaml", "http": DEPLOY / "manifest-http.yaml"}


def load_manifest(mode: str) -> dict[str, Any]:
    data = yaml.safe_load(MANIFESTS[mode].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("mode", ["socket", "http"])
def test_manifest_lists_exactly_the_command_scopes_and_events_the_code_registers(mode: str) -> None:
    manifest = load_manifest(mode)
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/" + slack_adapter.DEFAULT_COMMAND
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(slack_adapter.BOT_SCOPES)
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(slack_adapter.BOT_EVENTS)
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # the buttons
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # DMs
    assert manifest["settings"]["socket_mode_enabled"] is (mode == "socket")
    urls = [command.get("url"), manifest["settings"]["event_subscriptions"].get("request_url"),
            manifest["settings"]["interactivity"].get("request_url")]
    if mode == "socket":
        assert urls == [None, None, None]
    else:
        assert all(url and urlsplit(url).scheme == "https" for url in urls)
        assert {urlsplit(url).path for url in urls} == {slack_adapter.EVENTS_PATH}  # one path for all


def manifest_event(name: str, text: str) -> dict[str, Any]:
    if name == "app_mention":
        return mention(f"<@UBOT> {text}", ts="1700000003.000100")
    assert name == "message.im", f"no sample for the manifest's event {name!r}: add one and handle it"
    return {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": text,
            "ts": "1700000003.000200"}


@pytest.mark.parametrize("name", load_manifest("http")["settings"]["event_subscriptions"]["bot_events"])
async def test_every_manifest_event_is_answered(fake: FakeSlack, service: FactService, name: str) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.event(manifest_event(name, "who signed"))
        [posted] = await fake.until(lambda: fake.calls_to("chat.postMessage"))
    assert "Chicherin" in posted.params["text"]


async def test_the_manifest_command_is_answered(fake: FakeSlack, service: FactService) -> None:
    [command] = load_manifest("http")["features"]["slash_commands"]
    async with http_bot(fake, make_ctx(service)) as slack:
        await slack.slash("who signed", "manifest-command", command=command["command"])
        [posted] = await fake.until(lambda: fake.responses_to("manifest-command"))
    assert "Chicherin" in posted.body["text"]


async def test_a_configured_command_name_is_the_one_registered(fake: FakeSlack, service: FactService) -> None:
    settings = settings_for(fake, http=True, PACTBOT_COMMAND="treaty")
    async with running(make_ctx(service), settings) as runner, aiohttp.ClientSession() as session:
        slack = SlackHttp(session, runner, fake)
        assert (await slack.slash("who signed", "old-name")).status == 404  # /pact is not registered now
        await slack.slash("who signed", "new-name", command="/treaty")
        [posted] = await fake.until(lambda: fake.responses_to("new-name"))
    assert "Chicherin" in posted.body["text"]
    assert fake.responses_to("old-name") == []


def test_the_fake_refuses_blocks_as_slack_does() -> None:
    def actions(*action_ids: str) -> dict[str, Any]:
        button = {"type": "button", "text": {"type": "plain_text", "text": "x"}}
        return {"type": "actions", "elements": [{**button, "action_id": a} for a in action_ids]}

    assert not refuse_blocks([actions("a", "b"), actions("c", "d")])
    assert refuse_blocks([actions("a", "b"), actions("b")])  # an action_id twice in one message
    assert not refuse_blocks([actions(*(f"a{n}" for n in range(25)))])
    assert refuse_blocks([actions(*(f"a{n}" for n in range(26)))])  # 25 elements to an actions block
    assert refuse_blocks([actions(f"a{n}") for n in range(51)])  # 50 blocks to a message
