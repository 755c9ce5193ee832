"""Discord events as `Ask`s for the stage, and the stage's replies sent back: the slash command (with
autocomplete), mentions and DMs, button clicks, and the one error hook for whatever fails outside
the stage.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.utils import MISSING

from bot.adapters.discord.render import DiscordMessage, clip, render
from bot.adapters.discord.settings import PLATFORM, DiscordSettings
from bot.conversation import Ask, Origin, Reply
from bot.conversation.stage import Send, Stage

log = logging.getLogger(__name__)

QUESTION_MAX_LENGTH = 300
AUTOCOMPLETE_LIMIT = 25  # Discord shows at most 25 choices
_CHOICE_LIMIT = 100  # characters in a choice's name and value
_NO_PINGS = discord.AllowedMentions.none()


def _where(channel_id: int | None, guild_id: int | None) -> str:
    return f"{guild_id or 'dm'}:{channel_id or '-'}"


def _locale(interaction: discord.Interaction[Any]) -> str:
    return interaction.locale.value


# --- sending ----------------------------------------------------------------------------------------


async def _send_interaction(interaction: discord.Interaction[Any], message: DiscordMessage) -> None:
    kwargs: dict[str, Any] = {
        "content": message.content,
        "embed": message.embed if message.embed is not None else MISSING,
        "view": message.view if message.view is not None else MISSING,
        "ephemeral": message.ephemeral,
        "allowed_mentions": _NO_PINGS,
    }
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def answer_interaction(interaction: discord.Interaction[Any]) -> Send:
    """The stage's `send` for a slash command or a click: the interaction's response, or a follow-up."""

    async def send(reply: Reply) -> None:
        await _send_interaction(interaction, render(reply))

    return send


def answer_message(message: discord.Message) -> Send:
    """The stage's `send` for a mention or a DM: a reply to the message, pinging nobody. A message cannot
    be answered privately on Discord, so a reply the stage meant for the asker alone is a reply too."""

    async def send(reply: Reply) -> None:
        out = render(reply)
        try:
            await message.reply(
                content=out.content,
                embed=out.embed if out.embed is not None else MISSING,
                view=out.view if out.view is not None else MISSING,
                mention_author=False,
                allowed_mentions=_NO_PINGS,
            )
        except discord.Forbidden:
            # A server setting, not a bug: no traceback, and no apology (it could not be sent either).
            log.warning("no permission to reply in Discord channel %s", message.channel.id)

    return send


# --- events as questions ----------------------------------------------------------------------------


def question_in(message: discord.Message, me: discord.ClientUser | None) -> str | None:
    """The question in a message meant for the bot, or None if the bot should stay silent."""
    if me is None or message.author.bot or message.webhook_id is not None:
        return None  # other bots, webhooks and the bot itself
    mentioned = any(user.id == me.id for user in message.mentions)
    # In a server only a direct mention counts (not @everyone, @here or a role); a DM is for the bot.
    # Ask the channel, not `message.guild`: that is None too for a server not (yet) in the cache.
    if not isinstance(message.channel, discord.DMChannel) and not mentioned:
        return None
    return " ".join(re.sub(rf"<@!?{me.id}>", " ", message.content).split())


async def on_message(stage: Stage, message: discord.Message, me: discord.ClientUser | None) -> None:
    question = question_in(message, me)
    if question is None:
        return
    direct = isinstance(message.channel, discord.DMChannel)
    ask = Ask(
        platform=PLATFORM, origin=Origin.DM if direct else Origin.MENTION, user_key=str(message.author.id),
        text=question, event_key=f"message:{message.id}",
        channel_key=_where(message.channel.id, message.guild.id if message.guild else None),
    )
    await stage.handle(ask, answer_message(message))


async def on_click(stage: Stage, interaction: discord.Interaction[Any], button_id: str) -> None:
    ask = Ask(
        platform=PLATFORM, origin=Origin.BUTTON, user_key=str(interaction.user.id), button=button_id,
        event_key=f"interaction:{interaction.id}", locale=_locale(interaction),
        channel_key=_where(interaction.channel_id, interaction.guild_id),
    )
    await stage.handle(ask, answer_interaction(interaction))


def slash_command(stage: Stage, settings: DiscordSettings) -> app_commands.Command[Any, ..., None]:
    """`/<command> question:<text> [private:<bool>]`, with autocomplete."""

    @app_commands.describe(
        question="Your question, or 'help' to see what I can answer",
        private="Only you see the answer",
    )
    async def ask(
        interaction: discord.Interaction[Any],
        question: app_commands.Range[str, 1, QUESTION_MAX_LENGTH],
        private: bool = False,
    ) -> None:
        asked = Ask(
            platform=PLATFORM, origin=Origin.SLASH, user_key=str(interaction.user.id), text=question,
            event_key=f"interaction:{interaction.id}", locale=_locale(interaction), private=private,
            channel_key=_where(interaction.channel_id, interaction.guild_id),
        )
        await stage.handle(asked, answer_interaction(interaction))

    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=settings.command,
        description="Ask a question about the treaty; answers come with their sources",
        callback=ask,
    )

    @command.autocomplete("question")
    async def complete(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        found = stage.suggest(current, _locale(interaction), AUTOCOMPLETE_LIMIT)
        return [
            app_commands.Choice(name=clip(q, _CHOICE_LIMIT), value=q[:_CHOICE_LIMIT])
            for q in found[:AUTOCOMPLETE_LIMIT]
            if q.strip()
        ]

    return command


# --- the one error hook -----------------------------------------------------------------------------


async def on_error(stage: Stage, what: str, target: object, error: BaseException | None) -> None:
    """Whatever failed outside the stage (a command discord.py could not run, an event handler):
    logged with its traceback, and the asker, if there is one, gets the stage's apology."""
    log.error("error in %s on Discord", what, exc_info=error or True)
    try:
        if isinstance(target, discord.Interaction):
            await _send_interaction(target, render(stage.apology(Origin.SLASH, _locale(target))))
        elif isinstance(target, discord.Message):
            await answer_message(target)(stage.apology(Origin.MENTION))
    except Exception:
        log.warning("could not send the apology for %s on Discord", what, exc_info=True)
