"""Hostile HTTP requests to the Slack adapter, over real HTTP against the fake Slack.

Nothing from a request whose signature was not verified may cause an outgoing call (no
response_url POST, no Web API call) or reach a log with its body; junk bodies get a 4xx and one
log line, never a traceback; and no text a user wrote reaches Slack as live markup.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.core.service import FactService
from tests.adapters.test_slack import SECRET, SlackHttp, event_body, http_bot, make_ctx, mention
from tests.fakes.slack import FakeSlack, sign

FORM = "application/x-www-form-urlencoded"
MARKER = "forged-body-marker-7f3a"


def records_from(caplog: pytest.LogCaptureFixture, level: int = logging.DEBUG) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= level]


def no_traceback(records: list[logging.LogRecord]) -> None:
    assert all(r.exc_info is None and r.exc_text is None for r in records), [r.getMessage() for r in records]


async def answered_after(slack: SlackHttp, fake: FakeSlack, key: str) -> None:
    """A good request, answered: everything sent before it has been dealt with (or dropped)."""
    assert (await slack.slash("who signed", key)).status == 200
    await fake.until(lambda: fake.responses_to(key))
    await asyncio.sleep(0.1)


# --------------------------------------------------------------------------------------------------
# Item 1: a forged request is a 401 and causes no outgoing call


FORGERIES = {
    "malformed timestamp": {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
    "empty timestamp": {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": "v0=" + "0" * 64},
    "float timestamp": {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=" + "0" * 64},
    "huge timestamp": {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=" + "0" * 64},
    "non-ASCII digits": {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠", "X-Slack-Signature": "v0=" + "0" * 64},
    "no signature": {"X-Slack-Request-Timestamp": "NOW"},
    "malformed signature": {"X-Slack-Request-Timestamp": "NOW", "X-Slack-Signature": "v0=\u00e9\u00e9"},
    "wrong signature": {"X-Slack-Request-Timestamp": "NOW", "X-Slack-Signature": "v0=" + "0" * 64},
}


def forged_headers(how: str) -> dict[str, str]:
    headers = dict(FORGERIES[how])
    if headers.get("X-Slack-Request-Timestamp") == "NOW":
        headers["X-Slack-Request-Timestamp"] = str(int(time.time()))
    return headers


async def post_raw(slack: SlackHttp, body: bytes, headers: dict[str, str]) -> int:
    async with slack.session.post(slack.url + "/slack/events", data=body, headers=headers) as resp:
        await resp.read()
        return resp.status


@pytest.mark.parametrize("how", sorted(FORGERIES))
async def test_a_forged_request_is_401_and_makes_no_outgoing_call(
    fake: FakeSlack, service: FactService, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    caplog.set_level(logging.DEBUG)
    ctx = make_ctx(service)
    async with http_bot(fake, ctx) as slack:
        # Each body names a response_url and a channel to answer in: a handler, an error handler or
        # an apology that trusted it would call out to them.
        command = fake.slash_command(f"who signed {MARKER}", "forged")
        event = event_body(fake, mention(f"<@UBOT> who signed {MARKER}", ts="1700000000.000111"))
        event["event"]["channel"] = "CFORGED"
        for body, content_type in ((urlencode(command), FORM), (json.dumps(event), "application/json")):
            headers = {"Content-Type": content_type, **forged_headers(how)}
            assert await post_raw(slack, body.encode(), headers) == 401
        await answered_after(slack, fake, "good")
    assert fake.responses_to("forged") == []
    assert [c.method for c in fake.calls if c.method != "auth.test"] == []
    assert MARKER not in fake.everything_sent() and "CFORGED" not in fake.everything_sent()
    logged = records_from(caplog)
    assert not [r for r in logged if MARKER in r.getMessage() or "forged" in r.getMessage()]
    no_traceback(logged)
    assert b'pactbot_questions_total{outcome="answered",platform="slack"} 1.0' in ctx.metrics.render()


async def test_a_bad_signature_never_logs_the_body_at_any_level(
    fake: FakeSlack, service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with http_bot(fake, make_ctx(service)) as slack:
        body = urlencode(fake.slash_command(f"who signed {MARKER}", "bad-signature"))
        headers = {"Content-Type": FORM, **sign("not-the-signing-secret", body)}
        assert await post_raw(slack, body.encode(), headers) == 401
    messages = [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if MARKER in m or "response_url" in m or "bad-signature" in m]
    # One line says a request was refused, without its body.
    assert [r for r in caplog.records if r.levelno >= logging.INFO and "401" in r.getMessage()]


# --------------------------------------------------------------------------------------------------
# Item 2: junk bodies are a 4xx with one log line, never a traceback; a hang-up is no ERROR

JUNK: dict[str, tuple[bytes, str]] = {
    "JSON list": (b"[1,2]", "application/json"),
    "JSON string": (b'"x"', "application/json"),
    "JSON null": (b"null", "application/json"),
    "deep nesting": (b"[" * 50_000, "application/json"),
    "deep nesting as payload": (b"payload=" + b"%5B" * 50_000, FORM),
    "payload list": (b"payload=[]", FORM),
    "payload string": (b"payload=%22x%22", FORM),
    "payload not JSON": (b"payload=%7Bnot-json", FORM),
    "bogus charset": (b'{"type": "event_callback"}', "application/json; charset=no-such-charset"),
    "not UTF-8": (b"text=\xff\xfe\xfd", FORM),
    "object of junk": (b'{"type": "event_callback", "authorizations": [1], "team": 3, "event": []}',
                       "application/json"),
    "too large": (b"text=" + b"x" * (2 << 20), FORM),
}


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("junk", sorted(JUNK))
async def test_junk_bodies_get_a_4xx_and_one_log_line(
    fake: FakeSlack, service: FactService, caplog: pytest.LogCaptureFixture, junk: str, signed: bool
) -> None:
    body, content_type = JUNK[junk]
    headers = {"Content-Type": content_type}
    if signed:  # as if the signing secret had leaked, or Slack itself sent garbage
        headers.update(sign(SECRET, body))
    async with http_bot(fake, make_ctx(service)) as slack:
        caplog.clear()
        caplog.set_level(logging.INFO)
        status = await post_raw(slack, body, headers)
        await asyncio.sleep(0.1)
        during = records_from(caplog, logging.INFO)
        await answered_after(slack, fake, "after-junk")
    if junk == "too large":
        assert status == 413  # refused before the signature can even be checked
    elif signed:
        assert 400 <= status < 500 and status != 401  # 404 for a well-formed payload nobody listens for
    else:
        assert status == 401
    assert len(during) == 1, [r.getMessage() for r in during]
    assert during[0].levelno <= logging.WARNING
    no_traceback(during)
    assert [c.method for c in fake.calls if c.method != "auth.test"] == []


async def test_a_client_hanging_up_mid_body_is_not_an_error(
    fake: FakeSlack, service: FactService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with http_bot(fake, make_ctx(service)) as slack:
        port = int(slack.url.rsplit(":", 1)[1])
        for _ in range(3):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 4000\r\n\r\n{\"type\": \"event_")
            await writer.drain()
            await asyncio.sleep(0.05)
            writer.close()
            await writer.wait_closed()
        await asyncio.sleep(0.1)
        await answered_after(slack, fake, "after-hang-up")
    assert not records_from(caplog, logging.WARNING), [r.getMessage() for r in caplog.records]
    no_traceback(list(caplog.records))


# --------------------------------------------------------------------------------------------------
# Item 3: no user-written markup reaches Slack unescaped

# Questions the bot answers, each carrying markup that Slack would format or turn into a ping.
HOSTILE = {
    "who signed @here *WHO SIGNED*": ("@here", "*WHO SIGNED*"),
    "who signed _the pact_": ("_the pact_",),
    "who signed ~the pact~": ("~the pact~",),
    "`who signed` the pact": ("`who signed`",),
}
# Declined, but its words still reach the bot's reply path.
DECLINED = "who signed :boom: <https://evil.example|click> <!subteam^S1|@team>"


def text_objects(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (kind, text) a message carries: the top-level fallback text is read as mrkdwn by Slack."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        if value.get("type") in ("mrkdwn", "plain_text") and isinstance(value.get("text"), str):
            found.append((value["type"], value["text"]))
        for key, item in value.items():
            if key == "text" and isinstance(item, str) and path == "":
                found.append(("mrkdwn", item))  # the message's own text: Slack formats it
            elif key in ("value", "action_id", "block_id", "response_type", "thread_ts", "channel", "user"):
                continue  # never shown to anyone
            elif isinstance(item, dict | list):
                found += text_objects(item, path + "/" + key)
    elif isinstance(value, list):
        for item in value:
            found += text_objects(item, path + "/*")
    return found


def sent_messages(fake: FakeSlack) -> list[dict[str, Any]]:
    messages = [posted.body for posted in fake.responses]
    for call in fake.calls:
        if call.method.startswith("chat."):
            params = dict(call.params)
            if isinstance(params.get("blocks"), str):
                params["blocks"] = json.loads(params["blocks"])
            messages.append(params)
    return messages


async def test_no_user_written_markup_reaches_slack_unescaped(fake: FakeSlack, service: FactService) -> None:
    async with http_bot(fake, make_ctx(service)) as slack:
        for n, question in enumerate(HOSTILE):
            await slack.slash(question, f"markup-{n}")
            await slack.event(mention("<@UBOT> " + question, ts=f"1700000000.00090{n}"))
        await slack.slash(DECLINED, "markup-declined")
        await slack.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
                           "text": DECLINED, "ts": "1700000000.000999"})
        await fake.until(lambda: len(fake.responses) == len(HOSTILE) + 1
                         and len(fake.calls_to("chat.postMessage")) == len(HOSTILE) + 1)
        await asyncio.sleep(0.1)
    messages = sent_messages(fake)
    assert len(messages) == 2 * len(HOSTILE) + 2
    pieces = [piece for found in HOSTILE.values() for piece in found] + [":boom:", "evil.example", "subteam"]
    for kind, text in (t for m in messages for t in text_objects(m)):
        if kind == "mrkdwn":
            assert not [piece for piece in pieces if piece in text], text
        assert "<!" not in text and "<@" not in text
    # An answered slash command still shows the channel what was asked: as plain text, as typed.
    for n, (question, found) in enumerate(HOSTILE.items()):
        [slash] = fake.responses_to(f"markup-{n}")
        assert slash.body["response_type"] == "in_channel"
        echoed = [t for kind, t in text_objects(slash.body) if kind == "plain_text" and found[0] in t]
        assert echoed == [question.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")]
