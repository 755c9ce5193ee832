"""Slack requests as `Ask`s for the stage, and the stage's replies sent back: the slash command,
mentions, DMs and button clicks, and the one error hook (Bolt's `app.error`) for whatever fails
outside the stage.

Socket Mode requests arrive over our authenticated websocket; HTTP mode requests reach Bolt only
once their signature is verified (bot.adapters.slack.http), so every body here came from Slack.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack.render import SlackMessage, render
from bot.adapters.slack.settings import PLATFORM
from bot.conversation import Ask, Origin, Reply
from bot.conversation.stage import Stage

log = logging.getLogger(__name__)

Ack = Callable[..., Awaitable[None]]
Body = dict[str, Any]
#: Every button the app sends is ours; the stage reads (or refuses) whatever id a click carries.
ANY_ACTION = re.compile(".*")

_SLACK_MARKUP = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"\s+")


# --- text in: Slack markup to a plain question ------------------------------------------------------


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _markup_as_text(match: re.Match[str]) -> str:
    target, _, label = match.group(1).partition("|")
    if target.startswith("@"):
        return " "  # a user mention (the bot's own, or someone's): not part of the question
    if target.startswith("#"):
        return "#" + label if label else " "
    if target.startswith("!"):
        # <!here>, <!channel>, <!everyone>, <!subteam^S1|@team> address people, they ask nothing;
        # <!date^…|fallback> keeps its fallback words.
        special = target[1:].split("^")[0]
        return " " if special in ("here", "channel", "everyone", "subteam") else (label or " ")
    return label or target  # a link: its label, else the address


def plain_question(text: str) -> str:
    """The question a user typed, from Slack's encoded text: mentions dropped, links as words, unescaped."""
    text = _SLACK_MARKUP.sub(_markup_as_text, text)
    return _SPACES.sub(" ", _unescape(text)).strip()


def _key(team_id: object, item_id: object) -> str:
    return f"{team_id or '-'}:{item_id or '-'}"


# --- sending --------------------------------------------------------------------------------------------


async def respond(client: AsyncWebClient, response_url: str | None, message: SlackMessage, *,
                  thread_ts: str | None = None, replace_original: bool | None = None) -> None:
    """Send `message` to a response_url; a refusal is raised so the stage apologises and logs it.

    It goes over the Web API client's session, so answers reuse pooled connections instead of
    opening one per message (Bolt's `respond()` builds a new session every time).
    """
    if not response_url:
        raise ValueError("this request carries no response_url to answer on")
    payload: dict[str, Any] = {
        "text": message.text,
        "response_type": "ephemeral" if message.ephemeral else "in_channel",
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if message.blocks:
        payload["blocks"] = list(message.blocks)
    if replace_original is not None:
        payload["replace_original"] = replace_original
    if thread_ts:
        payload["thread_ts"] = thread_ts
    webhook = AsyncWebhookClient(url=response_url, session=client.session, timeout=10, logger=log)
    response = await webhook.send_dict(payload)
    if response.status_code != 200:
        raise RuntimeError(f"Slack refused a response_url message: HTTP {response.status_code}")


async def post(client: AsyncWebClient, message: SlackMessage, *, channel: str, user: str | None,
               thread_ts: str | None) -> None:
    """Post into a channel or thread; an ephemeral message goes to `user` only."""
    blocks = list(message.blocks) or None
    if message.ephemeral and user:
        await client.chat_postEphemeral(
            channel=channel, user=user, text=message.text, blocks=blocks, thread_ts=thread_ts
        )
    else:
        await client.chat_postMessage(
            channel=channel, text=message.text, blocks=blocks, thread_ts=thread_ts,
            unfurl_links=False, unfurl_media=False,
        )


# --- listeners ------------------------------------------------------------------------------------------


def register(app: AsyncApp, stage: Stage, command: str) -> None:
    """Register pactbot's listeners and its error hook on `app` (slash command `command`)."""

    async def ack_first(ack: Ack, next: Callable[[], Awaitable[None]]) -> None:
        # Acknowledge before the listener runs: Slack gives up after 3 s, and Bolt would otherwise
        # poll every 10 ms for the listener's own ack(). The answer follows via the response_url.
        await ack()
        await next()

    async def on_command(command: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        team = command.get("team_id")
        ask = Ask(platform=PLATFORM, origin=Origin.SLASH, user_key=_key(team, command.get("user_id")),
                  text=plain_question(str(command.get("text") or "")),
                  channel_key=_key(team, command.get("channel_id")))

        async def send(reply: Reply) -> None:
            await respond(client, context.response_url, render(reply))

        await stage.handle(ask, send)

    async def on_mention(event: Body, body: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        if not (event.get("bot_id") or event.get("subtype")):
            await answer_event(Origin.MENTION, event, body, context, client)

    async def on_message(event: Body, body: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        # Only direct messages from people: edits, joins, bot posts and channel chatter are not questions.
        if event.get("channel_type") == "im" and not (event.get("subtype") or event.get("bot_id")):
            await answer_event(Origin.DM, event, body, context, client)

    async def answer_event(origin: Origin, event: Body, body: Body, context: AsyncBoltContext,
                           client: AsyncWebClient) -> None:
        channel, user = str(event["channel"]), event.get("user")
        # A mention is answered in its thread (or a new one under it); a DM in the conversation.
        thread_ts = event.get("thread_ts") or (event.get("ts") if origin is Origin.MENTION else None)
        event_id = body.get("event_id")
        ask = Ask(platform=PLATFORM, origin=origin, user_key=_key(context.team_id, user),
                  text=plain_question(str(event.get("text") or "")),
                  # Slack resends an event it thinks went unanswered: the stage answers it once.
                  event_key=f"event:{event_id}" if isinstance(event_id, str) and event_id else None,
                  channel_key=_key(context.team_id, channel))

        async def send(reply: Reply) -> None:
            await post(client, render(reply), channel=channel, user=user, thread_ts=thread_ts)

        await stage.handle(ask, send)

    async def on_button(body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        team, user = (body.get("team") or {}).get("id"), (body.get("user") or {}).get("id")
        ask = Ask(platform=PLATFORM, origin=Origin.BUTTON, user_key=_key(team, user),
                  button=str(action.get("action_id") or ""),
                  channel_key=_key(team, (body.get("channel") or {}).get("id")))
        thread_ts = (body.get("message") or body.get("container") or {}).get("thread_ts")

        async def send(reply: Reply) -> None:
            # replace_original=False: the message with the buttons stays as it was.
            await respond(client, context.response_url, render(reply), thread_ts=thread_ts,
                          replace_original=False)

        await stage.handle(ask, send)

    async def on_error(error: Exception, body: Body, context: AsyncBoltContext) -> None:
        log.error("a Slack handler failed (%s)", _describe(body), exc_info=error)
        try:
            await _apologise(stage.apology(Origin.MENTION), body, context)
        except Exception:
            # The apology is best effort; the app keeps serving.
            log.warning("could not send the apology for a failed Slack handler", exc_info=True)

    app.command(command, middleware=[ack_first])(on_command)
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    app.action(ANY_ACTION, middleware=[ack_first])(on_button)
    app.error(on_error)


def _describe(body: Body) -> str:
    """Which request failed, in words that carry no token and no user text."""
    kind = body.get("type") or ("slash command" if "command" in body else "request")
    event = body.get("event") or {}
    return f"{kind} {event.get('type', '')} {body.get('event_id', '')}".strip()


async def _apologise(apology: Reply, body: Body, context: AsyncBoltContext) -> None:
    message = render(apology)
    if context.client is None:
        return
    if context.response_url:
        await respond(context.client, context.response_url, message, replace_original=False)
        return
    event = body.get("event") or {}
    channel, user = event.get("channel"), event.get("user")
    if channel and user:
        in_thread = event.get("type") == "app_mention"
        thread_ts = event.get("thread_ts") or (event.get("ts") if in_thread else None)
        await post(context.client, message, channel=str(channel), user=str(user), thread_ts=thread_ts)
