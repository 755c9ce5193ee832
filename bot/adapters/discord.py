"""The Discord adapter: `/pact` (with autocomplete), @mentions and buttons, on discord.py.

It owns only the translation between Discord and the core: a slash command, a mention or a
button click becomes a call to `answer_question`, and the `Reply` that comes back becomes an
embed, an ephemeral note or a reply message. Matching text is the core's business, never this
module's.

Nothing here runs at import: `DiscordSettings.from_env` reads the environment and
`build_runner` returns a runner whose `start()` creates the client, points discord.py at the
configured REST and gateway addresses, logs in and serves until closed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl
from discord import app_commands
from discord.utils import MISSING

from bot.adapters.common import Reply, ReplyKind, answer_question
from bot.context import AppContext
from bot.core.answer import Answer, Outcome
from bot.errors import StartupError
from bot.settings import env_int, read_secret

log = logging.getLogger(__name__)

PLATFORM = "discord"
DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/"
QUESTION_MAX_LENGTH = 300
AUTOCOMPLETE_LIMIT = 25  # Discord shows at most 25 choices
MAX_BUTTONS = 3
EMBED_COLOUR = discord.Colour(0x8B1E3F)

# Discord's own limits (characters); longer values make the whole message fail.
_TITLE_LIMIT = 256
_DESCRIPTION_LIMIT = 4096
_FIELD_LIMIT = 1024
_CONTENT_LIMIT = 2000
_LABEL_LIMIT = 80
_CUSTOM_ID_LIMIT = 100
_CHOICE_LIMIT = 100

FACT_PREFIX = "pactbot:fact:"
ASK_PREFIX = "pactbot:ask:"

# What the invite asks for: read the channel, answer in it and in its threads, with embeds,
# and see the message being replied to.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)
INVITE_SCOPES = ("bot", "applications.commands")


# --- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """Everything the Discord adapter reads from the environment."""

    token: str = field(repr=False)
    command: str = "pact"
    guild_id: int | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    api_base: str = DEFAULT_API_BASE
    gateway_url: str = DEFAULT_GATEWAY_URL
    application_id: int | None = None
    # How long discord.py waits for the last GUILD_CREATE before it calls the client ready.
    guild_ready_timeout: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DiscordSettings:
        """Read and check the settings; a missing token or a bad value is one clear `StartupError`."""
        token = read_secret(env, "DISCORD_TOKEN")
        if not token:
            raise StartupError(
                "DISCORD_TOKEN (or DISCORD_TOKEN_FILE) is not set: create a bot in the Discord "
                "Developer Portal and put its token there (see README.md, section Discord)"
            )
        command = env.get("PACTBOT_COMMAND", "").strip() or "pact"
        if not re.fullmatch(r"[-_a-z0-9]{1,32}", command):
            raise StartupError(
                f"PACTBOT_COMMAND must be 1-32 lowercase letters, digits, '-' or '_', not {command!r}"
            )
        shard_count = _optional_int(env, "DISCORD_SHARD_COUNT", minimum=1)
        shard_ids = _shard_ids(env.get("DISCORD_SHARD_IDS", ""))
        if shard_ids is not None:
            if shard_count is None:
                raise StartupError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total number of shards)")
            wrong = [s for s in shard_ids if s >= shard_count]
            if wrong:
                raise StartupError(
                    f"DISCORD_SHARD_IDS has {wrong[0]}, but shard ids run from 0 to "
                    f"DISCORD_SHARD_COUNT-1 = {shard_count - 1}"
                )
        api_base = env.get("DISCORD_API_BASE", "").strip().rstrip("/") or DEFAULT_API_BASE
        if not api_base.startswith(("http://", "https://")):
            raise StartupError(f"DISCORD_API_BASE must start with http:// or https://, not {api_base!r}")
        gateway_url = env.get("DISCORD_GATEWAY_URL", "").strip() or DEFAULT_GATEWAY_URL
        if not gateway_url.startswith(("ws://", "wss://")):
            raise StartupError(f"DISCORD_GATEWAY_URL must start with ws:// or wss://, not {gateway_url!r}")
        return cls(
            token=token,
            command=command,
            guild_id=_optional_int(env, "DISCORD_GUILD_ID", minimum=1),
            shard_count=shard_count,
            shard_ids=shard_ids,
            api_base=api_base,
            gateway_url=gateway_url,
            application_id=_optional_int(env, "DISCORD_APPLICATION_ID", minimum=1),
        )

    @property
    def syncs_commands(self) -> bool:
        """Only the process that runs shard 0 publishes the slash command, so N processes sync once."""
        return self.shard_ids is None or 0 in self.shard_ids


def _optional_int(env: Mapping[str, str], name: str, minimum: int) -> int | None:
    if not env.get(name, "").strip():
        return None
    return env_int(env, name, 0, minimum=minimum)


def _shard_ids(raw: str) -> tuple[int, ...] | None:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts:
        return None
    try:
        ids = tuple(sorted({int(p) for p in parts}))
    except ValueError:
        raise StartupError(
            f"DISCORD_SHARD_IDS must be shard numbers separated by commas, not {raw!r}"
        ) from None
    if ids[0] < 0:
        raise StartupError(f"DISCORD_SHARD_IDS must not be negative, not {raw!r}")
    return ids


def invite_url(application_id: int) -> str:
    """The OAuth2 URL that adds the bot to a server with exactly the permissions it uses."""
    return discord.utils.oauth_url(application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES)


def invite_url_from_env(env: Mapping[str, str]) -> str:
    application_id = _optional_int(env, "DISCORD_APPLICATION_ID", minimum=1)
    if application_id is None:
        raise StartupError(
            "DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information "
            "page of your application in the Discord Developer Portal"
        )
    return invite_url(application_id)


def intents() -> discord.Intents:
    """Only what the bot uses. Messages that mention the bot carry their text without the privileged
    message-content intent, and slash commands need no intent at all."""
    wanted = discord.Intents.none()
    wanted.guilds = True  # servers and channels, so replies land in the right place
    wanted.guild_messages = True  # mentions in server channels and threads
    wanted.dm_messages = True  # direct messages
    return wanted


# --- turning an Answer into a Discord message ----------------------------------------------------


def locale_to_lang(locale: discord.Locale | str | None) -> str | None:
    """Discord's locale ("en-US", "lt", "pt-BR") as the 2-letter code the core takes ("en", "lt", "pt")."""
    if locale is None:
        return None
    value = locale.value if isinstance(locale, discord.Locale) else str(locale)
    code = value.split("-", 1)[0].strip().lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(text: str) -> str:
    """Text shown as typed: Markdown characters escaped, so a name with `*` or `_` stays intact."""
    return discord.utils.escape_markdown(text)


def _source_lines(answer: Answer) -> str:
    lines: list[str] = []
    for source in answer.sources:
        title = _plain(source.title.replace("[", "(").replace("]", ")")) or source.url
        if source.url.startswith(("https://", "http://")):
            lines.append(f"[{title}]({source.url.replace(')', '%29')})")
        else:
            lines.append(title)
    # Drop whole lines rather than cut a link in half.
    text = ""
    for line in lines:
        candidate = f"{text}\n{line}" if text else line
        if len(candidate) > _FIELD_LIMIT:
            break
        text = candidate
    return text


def answer_embed(answer: Answer, ctx: AppContext) -> discord.Embed:
    """An answer (or the help overview) as an embed: title, text and the sources as links."""
    texts = ctx.service.texts
    title = answer.title or (texts.get("help_title", answer.lang) if answer.outcome is Outcome.HELP else "")
    embed = discord.Embed(
        title=_clip(_plain(title), _TITLE_LIMIT) or None,
        description=_clip(_plain(answer.text), _DESCRIPTION_LIMIT),
        colour=EMBED_COLOUR,
    )
    sources = _source_lines(answer)
    if sources:
        embed.add_field(name=texts.get("sources", answer.lang), value=sources, inline=False)
    return embed


class FactButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.escape(FACT_PREFIX) + r"(?P<fact_id>\S+)",
):
    """A related fact; clicking it answers that fact. The fact id lives in the custom_id, so the button
    keeps working across restarts without any state kept in the process."""

    def __init__(self, fact_id: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=_clip(label, _LABEL_LIMIT) or fact_id[:_LABEL_LIMIT],
                style=discord.ButtonStyle.secondary,
                custom_id=f"{FACT_PREFIX}{fact_id}",
            )
        )
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FactButton:
        return cls(match["fact_id"], str(getattr(item, "label", "") or ""))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _answer_button(interaction, fact_id=self.fact_id)


class AskButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.escape(ASK_PREFIX) + r"(?P<question>.+)",
):
    """A suggested question ("did you mean"); clicking it asks that question."""

    def __init__(self, question: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=_clip(question, _LABEL_LIMIT),
                style=discord.ButtonStyle.primary,
                custom_id=ASK_PREFIX + question[: _CUSTOM_ID_LIMIT - len(ASK_PREFIX)],
            )
        )
        self.question = question

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> AskButton:
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _answer_button(interaction, question=self.question)


def _buttons(answer: Answer) -> discord.ui.View | None:
    """Up to 3 buttons: related facts for an answer, suggested questions for a declined question."""
    items: list[discord.ui.Item[Any]] = []
    if answer.outcome is Outcome.ANSWERED:
        for related in answer.related:
            if len(FACT_PREFIX) + len(related.fact_id) <= _CUSTOM_ID_LIMIT and not re.search(
                r"\s", related.fact_id
            ):
                items.append(FactButton(related.fact_id, related.title))
    else:
        items.extend(AskButton(q) for q in answer.suggestions if q.strip())
    if not items:
        return None
    # No timeout and only dynamic items: discord.py keeps no per-message state for this view.
    view = discord.ui.View(timeout=None)
    for item in items[:MAX_BUTTONS]:
        view.add_item(item)
    return view


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    """What to send: text or an embed, optional buttons, and whether only the asker sees it."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False


def render(reply: Reply, ctx: AppContext, *, private: bool = False) -> DiscordMessage:
    """A `Reply` as a Discord message. Answers and help are embeds; the rest is a short note that,
    on a slash command, only the asker sees."""
    answer = reply.answer
    if reply.kind is not ReplyKind.ANSWER or answer is None:
        return DiscordMessage(content=_clip(_plain(reply.text), _CONTENT_LIMIT), ephemeral=True)
    if answer.outcome in (Outcome.ANSWERED, Outcome.HELP):
        return DiscordMessage(embed=answer_embed(answer, ctx), view=_buttons(answer), ephemeral=private)
    # Declined or empty: nothing to share with the channel; offer the suggestions as buttons.
    return DiscordMessage(content=_clip(_plain(answer.text), _CONTENT_LIMIT), view=_buttons(answer),
                          ephemeral=True)


def _is_help(question: str) -> bool:
    """`help` is command syntax (like `--help`), not a question for the core to match."""
    return question.strip().strip("?!. ").lower() == "help"


# --- handlers -----------------------------------------------------------------------------------


async def _send_interaction(interaction: discord.Interaction[Any], message: DiscordMessage) -> None:
    kwargs: dict[str, Any] = {
        "content": message.content,
        "embed": message.embed if message.embed is not None else MISSING,
        "view": message.view if message.view is not None else MISSING,
        "ephemeral": message.ephemeral,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def _apologise(interaction: discord.Interaction[Any], ctx: AppContext) -> None:
    text = ctx.service.texts.get("error", locale_to_lang(interaction.locale))
    try:
        await _send_interaction(interaction, DiscordMessage(content=text, ephemeral=True))
    except Exception:
        log.exception("could not send the apology for interaction %s", interaction.id)


async def _answer_button(
    interaction: discord.Interaction[Any], *, fact_id: str | None = None, question: str = ""
) -> None:
    client = interaction.client
    if not isinstance(client, PactClient):  # a button from another client in this process
        return
    ctx = client.ctx
    try:
        if not await ctx.deduper.first_seen(f"discord:interaction:{interaction.id}"):
            return
        reply = await answer_question(
            ctx, platform=PLATFORM, user_key=str(interaction.user.id), question=question, fact_id=fact_id,
            lang=locale_to_lang(interaction.locale),
        )
        # A button's answer goes to the one who clicked it, not to the whole channel.
        await _send_interaction(interaction, render(reply, ctx, private=True))
    except Exception:
        log.exception("error answering a button (%s) on Discord", fact_id or "suggestion")
        await _apologise(interaction, ctx)


def register(
    tree: app_commands.CommandTree[Any], ctx: AppContext, settings: DiscordSettings
) -> app_commands.Command[Any, ..., None]:
    """Add `/<command> question:<text> [private:<bool>]` with autocomplete to `tree` and return it."""

    @app_commands.describe(
        question="Your question, or 'help' to see what I can answer",
        private="Only you see the answer",
    )
    async def ask(
        interaction: discord.Interaction[Any],
        question: app_commands.Range[str, 1, QUESTION_MAX_LENGTH],
        private: bool = False,
    ) -> None:
        if not await ctx.deduper.first_seen(f"discord:interaction:{interaction.id}"):
            return
        reply = await answer_question(
            ctx, platform=PLATFORM, user_key=str(interaction.user.id), question=question,
            lang=locale_to_lang(interaction.locale), help_requested=_is_help(question),
        )
        await _send_interaction(interaction, render(reply, ctx, private=private))

    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=settings.command,
        description="Ask a question about the treaty; answers come with their sources",
        callback=ask,
    )

    @command.autocomplete("question")
    async def complete(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        try:
            lang = locale_to_lang(interaction.locale)
            found = ctx.service.suggest(current, limit=AUTOCOMPLETE_LIMIT, lang=lang)
        except Exception:
            log.exception("autocomplete failed on Discord")
            return []
        return [
            app_commands.Choice(name=_clip(q, _CHOICE_LIMIT), value=q[:_CHOICE_LIMIT])
            for q in found[:AUTOCOMPLETE_LIMIT]
            if q.strip()
        ]

    guild = discord.Object(id=settings.guild_id) if settings.guild_id else None
    tree.add_command(command, guild=guild)

    @tree.error
    async def on_app_command_error(
        interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        log.error("error in /%s on Discord", settings.command, exc_info=error)
        await _apologise(interaction, ctx)

    return command


def _guard_parsers(parsers: dict[str, Callable[[Any], None]]) -> None:
    """Make one malformed gateway event cost that event only.

    discord.py parses each dispatch inside the shard's read loop, and an exception there ends the
    whole client. Wrapped, a payload it cannot parse is logged with its traceback and dropped.
    """

    def guarded(name: str, parse: Callable[[Any], None]) -> Callable[[Any], None]:
        def parse_or_log(data: Any) -> None:
            try:
                parse(data)
            except Exception:
                log.exception("dropped a %s event discord.py could not parse", name)

        return parse_or_log

    for name, parse in list(parsers.items()):
        parsers[name] = guarded(name, parse)


class PactClient(discord.AutoShardedClient):
    """The bot's Discord client: the slash command tree, mentions, and connection bookkeeping."""

    def __init__(self, ctx: AppContext, settings: DiscordSettings) -> None:
        optional: dict[str, Any] = {}
        if settings.shard_ids is not None:
            optional["shard_ids"] = list(settings.shard_ids)
        if settings.application_id is not None:
            optional["application_id"] = settings.application_id
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            **optional,
            max_messages=None,  # no message cache: the bot never looks back
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            guild_ready_timeout=settings.guild_ready_timeout,
        )
        self.ctx = ctx
        self.settings = settings
        _guard_parsers(self._connection.parsers)
        self.tree: app_commands.CommandTree[PactClient] = app_commands.CommandTree(self)
        self.command = register(self.tree, ctx, settings)
        self._seen_shards: set[int] = set()
        self._connected_shards: set[int] = set()

    async def setup_hook(self) -> None:
        # Buttons sent before a restart still work: their state is in the custom_id.
        self.add_dynamic_items(FactButton, AskButton)
        if not self.settings.syncs_commands:
            log.info("not syncing /%s: shard 0 runs in another process", self.settings.command)
            return
        guild = discord.Object(id=self.settings.guild_id) if self.settings.guild_id else None
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.HTTPException:
            # Mentions still work, and Discord keeps the commands synced last time.
            log.exception("could not sync the slash command /%s", self.settings.command)
            return
        where = f"server {self.settings.guild_id}" if guild else "all servers (may take up to an hour)"
        log.info("synced %s to %s", ", ".join(f"/{c.name}" for c in synced), where)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord allows one IDENTIFY per 5 s per bucket; the gate spaces them across every process
        # that shares it (in-process by default, Redis when scaled out).
        await self.ctx.identify_gate.wait(shard_id, initial=initial)

    # Connection bookkeeping: readiness for /readyz, reconnects for /metrics.

    def _update_health(self) -> None:
        owned = set(self.shard_ids or range(self.shard_count or 1))
        self.ctx.health.set_connected(PLATFORM, self.is_ready() and owned <= self._connected_shards)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s (%s) with shards %s", self.user, getattr(self.user, "id", "?"),
                 sorted(self._connected_shards))
        self._update_health()

    async def on_shard_connect(self, shard_id: int) -> None:
        if shard_id in self._seen_shards:
            self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
        self._seen_shards.add(shard_id)
        self._connected_shards.add(shard_id)
        self._update_health()

    async def on_shard_resumed(self, shard_id: int) -> None:
        log.info("Discord shard %s resumed", shard_id)
        self.ctx.metrics.reconnects.labels(platform=PLATFORM).inc()
        self._connected_shards.add(shard_id)
        self._update_health()

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self._connected_shards.discard(shard_id)
        self.ctx.health.set_connected(PLATFORM, False)

    # Mentions.

    def _question_in(self, message: discord.Message) -> str | None:
        """The question in a message meant for the bot, or None if the bot should stay silent."""
        me = self.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return None  # other bots, webhooks and the bot itself
        mentioned = any(user.id == me.id for user in message.mentions)
        # In a server only a direct mention counts (not @everyone, @here or a role); a DM is for the bot.
        # Ask the channel, not `message.guild`: that is None too for a server not (yet) in the cache.
        if not isinstance(message.channel, discord.DMChannel) and not mentioned:
            return None
        text = re.sub(rf"<@!?{me.id}>", " ", message.content)
        return " ".join(text.split())

    async def on_message(self, message: discord.Message) -> None:
        question = self._question_in(message)
        if question is None:
            return
        if not await self.ctx.deduper.first_seen(f"discord:message:{message.id}"):
            return
        reply = await answer_question(
            self.ctx, platform=PLATFORM, user_key=str(message.author.id), question=question,
            help_requested=_is_help(question),
        )
        out = render(reply, self.ctx)
        try:
            await message.reply(
                content=out.content,
                embed=out.embed if out.embed is not None else MISSING,
                view=out.view if out.view is not None else MISSING,
                mention_author=False,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.Forbidden:
            # A server setting, not a bug: no traceback, and no apology (it could not be sent either).
            log.warning("no permission to reply in Discord channel %s", message.channel.id)

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        # discord.py calls this inside its `except`, so log.exception has the traceback.
        log.exception("error in Discord event %s", event_method)
        message = args[0] if args else None
        if event_method == "on_message" and isinstance(message, discord.Message):
            try:
                await message.reply(
                    self.ctx.service.texts.get("error"),
                    mention_author=False,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except Exception:
                log.exception("could not send the apology for message %s", message.id)


# --- running ------------------------------------------------------------------------------------


class DiscordRunner:
    """Connects to Discord (or whatever `DISCORD_API_BASE`/`DISCORD_GATEWAY_URL` point at) and serves."""

    platform = PLATFORM

    def __init__(self, ctx: AppContext, settings: DiscordSettings) -> None:
        self.ctx = ctx
        self.settings = settings
        self.client: PactClient | None = None
        self._closed = False

    def _point_at_endpoints(self) -> None:
        # discord.py reads these class attributes for every REST route and gateway connection.
        discord.http.Route.BASE = self.settings.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.settings.gateway_url)
        # The bot never joins voice: spare operators two warnings about voice libraries at start-up.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False

    async def start(self) -> None:
        if self._closed:
            return
        self._point_at_endpoints()
        self.ctx.health.set_connected(PLATFORM, False)
        client = self.client = PactClient(self.ctx, self.settings)
        try:
            await client.login(self.settings.token)
            if self.settings.shard_count is None and self.settings.gateway_url != DEFAULT_GATEWAY_URL:
                # Without a shard count discord.py would connect to the URL in GET /gateway/bot and
                # bypass a configured gateway proxy; ask for the count only and keep our URL.
                client.shard_count, _, _ = await client.http.get_bot_gateway()
        except discord.LoginFailure:
            await client.close()
            raise StartupError(
                "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the "
                "Bot page of your application in the Discord Developer Portal"
            ) from None
        except (discord.HTTPException, discord.GatewayNotFound, aiohttp.ClientError, OSError) as exc:
            await client.close()
            raise StartupError(
                f"cannot log in to Discord at {self.settings.api_base}: {_describe(exc)}"
            ) from None
        try:
            await client.connect(reconnect=True)
        except discord.PrivilegedIntentsRequired:
            raise StartupError("Discord refused the gateway intents the bot asked for") from None
        finally:
            self.ctx.health.set_connected(PLATFORM, False)
            await client.close()

    async def close(self) -> None:
        self._closed = True
        if self.client is not None:
            await self.client.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"HTTP {exc.status} {exc.text or exc.__class__.__name__}"
    return str(exc) or exc.__class__.__name__


def build_runner(ctx: AppContext, settings: DiscordSettings) -> DiscordRunner:
    return DiscordRunner(ctx, settings)
