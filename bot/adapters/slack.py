"""The Slack adapter: slash command, @mentions, DMs and buttons on slack-bolt (async), in Socket or HTTP mode.

It owns only the translation between Slack and the core: Slack markup in, a plain question out to
`answer_question`; a `Reply` in, escaped Block Kit out. It also owns starting Bolt in either mode
(Socket Mode over a websocket, HTTP mode on an aiohttp server that also carries the ops routes),
once-only handling of retried events, and the apology when a handler fails.

The slash command, scopes and events it registers are the constants below; the app manifests in
deploy/slack/ must list exactly these (a test compares them).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.common import Reply, ReplyKind, answer_question
from bot.context import AppContext
from bot.core.answer import Answer, Outcome
from bot.errors import StartupError
from bot.settings import env_int, read_secret

_Result = TypeVar("_Result")
log = logging.getLogger(__name__)

PLATFORM = "slack"
DEFAULT_COMMAND = "pact"
DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000
#: HTTP mode serves slash commands, events and interactivity on this one path.
EVENTS_PATH = "/slack/events"

#: Bot token scopes the app needs, and the bot events it subscribes to: the manifests must match.
BOT_SCOPES: tuple[str, ...] = ("app_mentions:read", "chat:write", "commands", "im:history")
BOT_EVENTS: tuple[str, ...] = ("app_mention", "message.im")

#: Button action ids: a related fact's id, or the index of a "did you mean" question (its text is the value).
FACT_ACTION_PREFIX = "fact:"
ASK_ACTION_PREFIX = "ask:"
FACT_ACTION = re.compile("^" + re.escape(FACT_ACTION_PREFIX))
ASK_ACTION = re.compile("^" + re.escape(ASK_ACTION_PREFIX))

MAX_RELATED_BUTTONS = 3
MAX_SUGGESTION_BUTTONS = 3
# Block Kit limits (characters): section text, context element text, button label, button value.
_SECTION_LIMIT = 3000
_CONTEXT_LIMIT = 2000
_BUTTON_LIMIT = 75
_VALUE_LIMIT = 2000

_COMMAND_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_SLACK_MARKUP = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"\s+")
_REJECTED_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
     "not_allowed_token_type", "missing_scope", "invalid_token"}
)


# --------------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Everything `pactbot slack` needs. Secrets are kept out of repr so they never reach a log."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    http: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    api_url: str = DEFAULT_API_URL
    command: str = "/" + DEFAULT_COMMAND
    path: str = EVENTS_PATH

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, http: bool = False, host: str | None = None, port: int | None = None
    ) -> SlackSettings:
        """Settings from the environment; `http`, `host`, `port` are the command line's and win over it.

        Raises `StartupError` with one line naming the missing or malformed setting.
        """
        mode = env.get("SLACK_MODE", "").strip().lower() or "socket"
        if mode not in ("socket", "http"):
            raise StartupError(f"SLACK_MODE must be 'socket' or 'http', not {mode!r}")
        use_http = http or mode == "http"
        bot_token = read_secret(env, "SLACK_BOT_TOKEN")
        if not bot_token:
            raise StartupError("SLACK_BOT_TOKEN is not set (the xoxb- bot token; or SLACK_BOT_TOKEN_FILE)")
        app_token = read_secret(env, "SLACK_APP_TOKEN")
        signing_secret = read_secret(env, "SLACK_SIGNING_SECRET")
        if use_http and not signing_secret:
            raise StartupError("HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_SIGNING_SECRET_FILE)")
        if not use_http and not app_token:
            raise StartupError(
                "Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token with connections:write; "
                "or SLACK_APP_TOKEN_FILE), or run with --http"
            )
        bind_port = port if port is not None else env_int(env, "SLACK_HTTP_PORT", DEFAULT_PORT)
        if not 0 <= bind_port <= 65535:
            raise StartupError(f"the HTTP port must be between 0 and 65535, not {bind_port}")
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret,
            http=use_http,
            host=(host or env.get("SLACK_HTTP_HOST", "").strip() or DEFAULT_HOST),
            port=bind_port,
            api_url=normalise_api_url(env.get("SLACK_API_URL", "")),
            command=command_from_env(env),
        )


def normalise_api_url(raw: str) -> str:
    """The Web API base with the trailing `/api/` slack-sdk needs; `https://h` and `https://h/api` both do."""
    url = raw.strip() or DEFAULT_API_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StartupError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL}, not {raw!r}")
    if parts.query or parts.fragment:
        raise StartupError(f"SLACK_API_URL must not carry a query or fragment: {raw!r}")
    url = url.rstrip("/")
    if not url.endswith("/api"):
        url += "/api"
    return url + "/"


def command_from_env(env: Mapping[str, str]) -> str:
    """The slash command (`/pact` unless PACTBOT_COMMAND says otherwise), validated as Slack requires."""
    name = env.get("PACTBOT_COMMAND", "").strip().lstrip("/") or DEFAULT_COMMAND
    if not _COMMAND_NAME.match(name):
        raise StartupError(
            f"PACTBOT_COMMAND must be 1-32 lowercase letters, digits, '-' or '_', not {name!r}"
        )
    return "/" + name


# --------------------------------------------------------------------------------------------------
# Text in: Slack markup to a plain question. Text out: escaped so nothing can ping or link.


def escape(text: str) -> str:
    """Escape Slack's control characters so user or fact-file text can never form `<!channel>`, `<@U…>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def _fit(plain: str, limit: int) -> str:
    """`plain` escaped, cut (on a character, never inside an entity) to at most `limit` characters."""
    escaped = escape(plain)
    if len(escaped) <= limit:
        return escaped
    out: list[str] = []
    used = 0
    for char in plain:
        piece = escape(char)
        if used + len(piece) > limit - 1:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out) + "…"


def _link(url: str, title: str) -> str:
    """A mrkdwn link, or just the escaped title when the URL is not plain http(s)."""
    label = title or url
    if urlsplit(url).scheme not in ("http", "https"):
        return escape(label)
    safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe_url}|{escape(label)}>"


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One message to send: fallback text, Block Kit blocks, and whether only the asker should see it."""

    text: str
    blocks: tuple[dict[str, Any], ...] = ()
    ephemeral: bool = True


def _button(label: str, action_id: str, value: str) -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": _fit(label, _BUTTON_LIMIT), "emoji": False},
        "action_id": action_id,
        "value": _fit(value, _VALUE_LIMIT),
    }


def render_answer(answer: Answer, question: str, texts: Callable[[str], str]) -> SlackMessage:
    """Block Kit for an answer: the text, a context block with sources as links, related-fact buttons.

    Only an ANSWERED answer is for the whole channel; declined, empty and help go to the asker alone.
    """
    body = f"*{escape(answer.title)}*\n{escape(answer.text)}" if answer.title else escape(answer.text)
    if len(body) > _SECTION_LIMIT:
        body = _fit(f"{answer.title}\n{answer.text}", _SECTION_LIMIT)
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": body}}]
    context: list[dict[str, Any]] = []
    if question and answer.outcome is Outcome.ANSWERED:
        # The asker's words, for the channel to see what was asked: plain text, so nothing they typed
        # (`*bold*`, `@here`, a link, an emoji code) is formatted or notifies anyone.
        context.append({"type": "plain_text", "text": _fit(question, _CONTEXT_LIMIT), "emoji": False})
    if answer.sources:
        links = " · ".join(_link(s.url, s.title) for s in answer.sources)
        line = f"{escape(texts('sources'))}: {links}"
        if len(line) > _CONTEXT_LIMIT:
            line = _fit(f"{texts('sources')}: " + ", ".join(s.title for s in answer.sources), _CONTEXT_LIMIT)
        context.append({"type": "mrkdwn", "text": line})
    if context:
        blocks.append({"type": "context", "elements": context})
    buttons = [
        _button(r.title, FACT_ACTION_PREFIX + r.fact_id, r.fact_id)
        for r in answer.related[:MAX_RELATED_BUTTONS]
    ]
    buttons += [
        _button(s, f"{ASK_ACTION_PREFIX}{i}", s)
        for i, s in enumerate(answer.suggestions[:MAX_SUGGESTION_BUTTONS])
    ]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return SlackMessage(
        text=_fit(answer.text, _SECTION_LIMIT),
        blocks=tuple(blocks),
        ephemeral=answer.outcome is not Outcome.ANSWERED,
    )


def render_reply(reply: Reply, question: str, texts: Callable[[str], str]) -> SlackMessage:
    """The Slack message for whatever `answer_question` returned."""
    if reply.kind is ReplyKind.ANSWER and reply.answer is not None:
        return render_answer(reply.answer, question, texts)
    return SlackMessage(text=_fit(reply.text, _SECTION_LIMIT))


# --------------------------------------------------------------------------------------------------
# Listeners


Ack = Callable[..., Awaitable[None]]
Body = dict[str, Any]


def _user_key(team_id: str | None, user_id: str | None) -> str:
    return f"{team_id or '-'}:{user_id or '-'}"


def _is_help(question: str) -> bool:
    return question == "" or question.lower() in ("help", "?")


async def _respond(client: AsyncWebClient, response_url: str | None, message: SlackMessage, *,
                   thread_ts: str | None = None, replace_original: bool | None = None) -> None:
    """Send `message` to a response_url; a refusal is raised so the error handler logs it.

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


async def _post(client: AsyncWebClient, message: SlackMessage, *, channel: str, user: str | None,
                thread_ts: str | None, ephemeral: bool | None = None) -> None:
    """Post into a channel or thread; ephemeral messages go to `user` only."""
    blocks = list(message.blocks) or None
    if (message.ephemeral if ephemeral is None else ephemeral) and user:
        await client.chat_postEphemeral(
            channel=channel, user=user, text=message.text, blocks=blocks, thread_ts=thread_ts
        )
    else:
        await client.chat_postMessage(
            channel=channel, text=message.text, blocks=blocks, thread_ts=thread_ts,
            unfurl_links=False, unfurl_media=False,
        )


class InFlight:
    """Counts answers being worked on, so a shutdown can let them finish before closing connections."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def __enter__(self) -> None:
        self._count += 1
        self._idle.clear()

    def __exit__(self, *exc: object) -> None:
        self._count -= 1
        if self._count == 0:
            self._idle.set()

    @property
    def count(self) -> int:
        return self._count

    async def wait_idle(self, within: float) -> bool:
        """Wait up to `within` seconds for every answer to finish; False if some were still going."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True


def register(app: AsyncApp, ctx: AppContext, command: str = "/" + DEFAULT_COMMAND,
             in_flight: InFlight | None = None) -> None:
    """Register pactbot's middleware, listeners and error handler on `app` (slash command `command`)."""
    texts = ctx.service.texts
    working = in_flight or InFlight()

    def text_for(key: str) -> str:
        return texts.get(key)

    async def ask(user_key: str, question: str, *, fact_id: str | None = None) -> SlackMessage:
        reply = await answer_question(
            ctx, platform=PLATFORM, user_key=user_key, question=question, fact_id=fact_id,
            help_requested=fact_id is None and _is_help(question),
        )
        return render_reply(reply, question, text_for)

    async def once(
        body: Body, request: AsyncBoltRequest, next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        # Slack resends an event it thinks went unacknowledged (X-Slack-Retry-Num, same event_id);
        # the deduper (Redis-backed when several processes serve) makes sure it is answered once.
        event_id = body.get("event_id")
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        if isinstance(event_id, str) and event_id:
            if not await ctx.deduper.first_seen(f"{PLATFORM}:event:{event_id}"):
                log.info("event %s already handled; acknowledging Slack's retry %s without answering",
                         event_id, retry)
                return BoltResponse(status=200, body="")
            if retry is not None:
                reason = request.headers.get("x-slack-retry-reason", ["?"])[0]
                log.info("answering event %s on Slack's retry %s (%s)", event_id, retry, reason)
        await next()
        return None

    async def ack_first(ack: Ack, next: Callable[[], Awaitable[None]]) -> None:
        # Acknowledge before the listener runs: Slack gives up after 3 s, and Bolt would otherwise
        # poll every 10 ms for the listener's own ack(). The answer follows via the response_url.
        await ack()
        await next()

    async def on_command(command: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        with working:
            question = plain_question(str(command.get("text") or ""))
            message = await ask(_user_key(command.get("team_id"), command.get("user_id")), question)
            await _respond(client, context.response_url, message)

    async def on_mention(event: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        if event.get("bot_id") or event.get("subtype"):
            return
        await _answer_event(event, context, client, in_thread=True)

    async def on_message(event: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        # Only direct messages from people: edits, joins, bot posts and channel chatter are not questions.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        await _answer_event(event, context, client, in_thread=False)

    async def _answer_event(event: Body, context: AsyncBoltContext, client: AsyncWebClient,
                            *, in_thread: bool) -> None:
        with working:
            channel = str(event["channel"])
            user = event.get("user")
            question = plain_question(str(event.get("text") or ""))
            message = await ask(_user_key(context.team_id, user), question)
            thread_ts = event.get("thread_ts") or (event.get("ts") if in_thread else None)
            # In a DM nobody else sees the reply anyway, so everything is posted normally.
            await _post(client, message, channel=channel, user=user, thread_ts=thread_ts,
                        ephemeral=message.ephemeral and in_thread)

    async def on_button(body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
        with working:
            user_key = _user_key((body.get("team") or {}).get("id"), (body.get("user") or {}).get("id"))
            action_id = str(action.get("action_id", ""))
            if action_id.startswith(FACT_ACTION_PREFIX):
                message = await ask(user_key, "", fact_id=action_id[len(FACT_ACTION_PREFIX):])
            else:
                message = await ask(user_key, plain_question(str(action.get("value") or "")))
            thread_ts = (body.get("message") or body.get("container") or {}).get("thread_ts")
            await _respond(client, context.response_url, message, thread_ts=thread_ts, replace_original=False)

    async def on_error(error: Exception, body: Body, context: AsyncBoltContext) -> None:
        log.exception("a Slack handler failed (%s)", _describe(body), exc_info=error)
        with working:
            try:
                await _apologise(body, context, texts.get("error"))
            except Exception:
                # The apology is best effort; its failure is logged too, and the app keeps serving.
                log.exception("could not send the apology for a failed Slack handler")

    app.middleware(once)
    app.command(command, middleware=[ack_first])(on_command)
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    app.action(FACT_ACTION, middleware=[ack_first])(on_button)
    app.action(ASK_ACTION, middleware=[ack_first])(on_button)
    app.error(on_error)


def _describe(body: Body) -> str:
    """Which request failed, in words that carry no token and no user text."""
    kind = body.get("type") or ("slash command" if "command" in body else "request")
    event = body.get("event") or {}
    return f"{kind} {event.get('type', '')} {body.get('event_id', '')}".strip()


async def _apologise(body: Body, context: AsyncBoltContext, text: str) -> None:
    message = SlackMessage(text=escape(text))
    if context.response_url and context.client is not None:
        await _respond(context.client, context.response_url, message, replace_original=False)
        return
    event = body.get("event") or {}
    channel, user = event.get("channel"), event.get("user")
    if channel and user and context.client is not None:
        in_thread = event.get("type") == "app_mention"
        thread_ts = event.get("thread_ts") or (event.get("ts") if in_thread else None)
        await _post(context.client, message, channel=str(channel), user=str(user), thread_ts=thread_ts,
                    ephemeral=True)


# --------------------------------------------------------------------------------------------------
# HTTP mode's front door: nothing of a request is read before its signature is verified

# Slack signs with a Unix time in seconds and `v0=` + 64 hex digits; anything else is not Slack's.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
SIGNATURE_MAX_AGE = 5 * 60  # seconds, as Slack recommends: older requests may be replays
# What Bolt's parsing raises on a body that is signed but not a Slack payload (a list, a string,
# nesting too deep for the JSON decoder, a field of the wrong type).
_MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


def signature_is_valid(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body bytes>`, no more than 5 minutes old.

    Written here rather than taken from slack-sdk, whose check raises on a malformed timestamp and on
    a body that is not UTF-8; an exception there must never reach an error handler that trusts the
    body. Here malformed headers and bodies are simply not valid.
    """
    if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
        return False
    if abs(now - int(timestamp)) > SIGNATURE_MAX_AGE:
        return False
    signed = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


async def verified_request(request: web.Request, signing_secret: str) -> AsyncBoltRequest | web.Response:
    """The request as Bolt's, once its signature is verified; otherwise the 4xx to answer with.

    Each refusal is one log line without the body: an unsigned body is never parsed, logged or
    handed on. Slack always sends UTF-8, whatever charset a request claims.
    """
    try:
        raw = await request.read()
    except ConnectionResetError:
        log.info("a client closed its connection before sending the whole request")
        return web.Response(status=400)
    except web.HTTPRequestEntityTooLarge:
        log.warning("refused a %d-byte request: larger than any Slack request", request.content_length or 0)
        return web.json_response({"error": "request too large"}, status=413)
    timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
    signature = request.headers.get("X-Slack-Signature", "")
    if not signature_is_valid(signing_secret, raw, timestamp, signature, time.time()):
        log.warning("refused a request without a valid Slack signature (401)%s", _clock_hint(timestamp))
        return web.json_response({"error": "invalid request"}, status=401)
    try:
        return AsyncBoltRequest(body=raw.decode("utf-8"), query=request.query_string,
                                headers=request.headers)  # type: ignore[arg-type]
    except UnicodeDecodeError:
        log.warning("refused a signed Slack request whose body is not UTF-8 (400)")
    except _MALFORMED as exc:
        log.warning("refused a signed Slack request whose body is not a Slack payload (400, %s)",
                    type(exc).__name__)
    return web.json_response({"error": "invalid request"}, status=400)


def _clock_hint(timestamp: str) -> str:
    """A hint when the signature may be right but the time is not: the usual cause is a wrong clock."""
    if _TIMESTAMP.fullmatch(timestamp) and abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE:
        return "; its timestamp is more than 5 minutes off this machine's clock"
    return ""


# --------------------------------------------------------------------------------------------------
# Running: Socket Mode or HTTP mode


class _ObservedSocketModeClient(SocketModeClient):
    """slack-sdk's aiohttp Socket Mode client, telling us of every (re)connection it makes."""

    def __init__(self, *, on_connected: Callable[[bool], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_connected = on_connected
        self._connections = 0

    async def connect(self) -> None:
        await super().connect()  # type: ignore[no-untyped-call]
        if not self.closed and self.current_session is not None:
            self._on_connected(self._connections > 0)
            self._connections += 1


class _SocketModeHandler(AsyncSocketModeHandler):
    """Bolt's async Socket Mode handler on the observed client (the base class would build a plain one)."""

    def __init__(self, app: AsyncApp, app_token: str, on_connected: Callable[[bool], None]) -> None:
        # Deliberately not calling super().__init__: it would open a second, unused client session.
        self.app = app
        self.app_token = app_token
        self.client = _ObservedSocketModeClient(
            app_token=app_token, logger=app.logger, web_client=app.client, on_connected=on_connected
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]


def _rejected(what: str, exc: SlackApiError) -> StartupError:
    error = str(exc.response.get("error", "unknown_error"))
    if error in _REJECTED_TOKEN_ERRORS:
        return StartupError(f"Slack rejected {what} ({error}); check the token and the app's scopes")
    return StartupError(f"Slack refused to start with {what} ({error})")


class SlackRunner:
    """Serves one Slack app until `close()`: Socket Mode, or HTTP mode with the ops routes alongside."""

    platform = PLATFORM

    def __init__(self, ctx: AppContext, settings: SlackSettings, health_interval: float = 2.0,
                 drain_seconds: float = 4.0) -> None:
        self.ctx = ctx
        self.settings = settings
        # In HTTP mode this server also carries /healthz, /readyz and /metrics (bot.runtime asks).
        self.ops_port: int | None = settings.port if settings.http else None
        self.in_flight = InFlight()
        self._health_interval = health_interval
        self._drain_seconds = drain_seconds
        self._closed = asyncio.Event()
        self._web_runner: web.AppRunner | None = None
        self._socket: _SocketModeHandler | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self.app: AsyncApp | None = None
        self.bound_port: int | None = None

    async def build_app(self) -> AsyncApp:
        """Build the Bolt app with our listeners and check the bot token against Slack (auth.test)."""
        app = AsyncApp(
            # Given a `client`, Bolt warns whenever SLACK_BOT_TOKEN is in os.environ; so it builds its
            # own client from the token and we point that client at the configured Web API base.
            token=self.settings.bot_token,
            # HTTP requests are verified before Bolt sees them (`verified_request`), so nothing of an
            # unsigned request is parsed, logged or handed to a listener or error handler. Socket Mode
            # requests come over our own authenticated websocket and carry no signature.
            request_verification_enabled=False,
            name="pactbot",
            logger=logging.getLogger("bot.adapters.slack.bolt"),
        )
        # One connection pool for every Web API call and response_url answer; without a session
        # slack-sdk opens (and closes) a new one per call.
        self._session = aiohttp.ClientSession()
        app.client.session = self._session
        app.client.base_url = self.settings.api_url
        app.client.timeout = 10
        auth = await self._at_start("SLACK_BOT_TOKEN", app.client.auth_test())
        log.info("Slack: signed in as %s in team %s", auth.get("user"), auth.get("team"))
        register(app, self.ctx, self.settings.command, self.in_flight)
        self.app = app
        return app

    async def _at_start(self, token_name: str, call: Awaitable[_Result]) -> _Result:
        """Await a Web API call made at start-up: a rejected token or an unreachable API becomes one
        clear `StartupError` line instead of a traceback."""
        try:
            return await call
        except SlackApiError as exc:
            raise _rejected(token_name, exc) from None
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise StartupError(
                f"cannot reach the Slack Web API at {self.settings.api_url} ({type(exc).__name__})"
            ) from None

    async def start(self) -> None:
        app = await self.build_app()
        if self._closed.is_set():
            return
        if self.settings.http:
            await self._start_http(app)
        else:
            await self._start_socket_mode(app)
        await self._closed.wait()

    async def _start_http(self, app: AsyncApp) -> None:
        from bot.ops import add_ops_routes

        signing_secret = self.settings.signing_secret
        assert signing_secret is not None  # from_env guarantees it in HTTP mode

        async def handle(request: web.Request) -> web.Response:
            bolt_request = await verified_request(request, signing_secret)
            if isinstance(bolt_request, web.Response):
                return bolt_request
            return await to_aiohttp_response(await app.async_dispatch(bolt_request))

        web_app = web.Application()
        web_app.router.add_post(self.settings.path, handle)
        add_ops_routes(web_app, self.ctx)
        runner = web.AppRunner(web_app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        self._web_runner = runner
        site = web.TCPSite(runner, self.settings.host, self.settings.port)
        try:
            await site.start()
        except OSError as exc:
            raise StartupError(
                f"cannot listen on {self.settings.host}:{self.settings.port} ({exc.strerror or exc})"
            ) from None
        self.bound_port = _port_of(runner, self.settings.port)
        self.ctx.health.set_connected(PLATFORM, True)
        log.info("Slack HTTP mode: listening on http://%s:%d%s", self.settings.host, self.bound_port,
                 self.settings.path)

    async def _start_socket_mode(self, app: AsyncApp) -> None:
        assert self.settings.app_token is not None  # from_env guarantees it in Socket Mode
        handler = _SocketModeHandler(app, self.settings.app_token, self._on_socket_connected)
        self._socket = handler
        # Ask for the websocket URL ourselves first: slack-sdk's connect() retries a rejected
        # app token forever, and a wrong token must be one clear line and exit 2 instead.
        handler.client.wss_uri = await self._at_start("SLACK_APP_TOKEN", handler.client.issue_new_wss_url())
        await handler.connect_async()  # type: ignore[no-untyped-call]
        self._watcher = asyncio.create_task(self._watch_socket(handler), name="slack-socket-health")
        log.info("Slack Socket Mode: connected")

    def _on_socket_connected(self, reconnect: bool) -> None:
        if reconnect:
            self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
            log.info("Slack Socket Mode: reconnected")
        self.ctx.health.set_connected(PLATFORM, True)

    async def _watch_socket(self, handler: _SocketModeHandler) -> None:
        # The client reconnects by itself; this only keeps /readyz truthful in between.
        while not self._closed.is_set():
            await asyncio.sleep(self._health_interval)
            self.ctx.health.set_connected(PLATFORM, await handler.client.is_connected())

    async def close(self) -> None:
        """Stop taking requests, let the answers in flight finish (bounded), then close connections."""
        self._closed.set()
        self.ctx.health.set_connected(PLATFORM, False)
        if self._watcher is not None:
            self._watcher.cancel()
            await asyncio.gather(self._watcher, return_exceptions=True)
            self._watcher = None
        if self._socket is not None:
            socket, self._socket = self._socket, None
            await socket.close_async()  # type: ignore[no-untyped-call]
        if self._web_runner is not None:
            runner, self._web_runner = self._web_runner, None
            await runner.cleanup()
        if not await self.in_flight.wait_idle(self._drain_seconds):
            log.warning("closing Slack with %d answer(s) still in flight", self.in_flight.count)
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()


def _port_of(runner: web.AppRunner, fallback: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return fallback


def build_runner(ctx: AppContext, settings: SlackSettings) -> SlackRunner:
    return SlackRunner(ctx, settings)


__all__: Sequence[str] = (
    "BOT_EVENTS", "BOT_SCOPES", "EVENTS_PATH", "SlackMessage", "SlackRunner", "SlackSettings",
    "build_runner", "escape", "normalise_api_url", "plain_question", "register", "render_reply",
)
