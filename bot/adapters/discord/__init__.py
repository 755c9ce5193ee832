"""The Discord adapter: `/pact` (with autocomplete), @mentions, DMs and buttons, on discord.py.

It only translates: a Discord event becomes an `Ask` for the conversation stage
(`listeners`), the stage's `Reply` becomes an embed or a note with buttons (`render`), and the
runner owns the connection (`runner`); `settings` reads the environment. Which reply, in which
language, seen by whom, with which buttons, is the stage's decision, never this package's.
"""

from bot.adapters.discord.runner import DiscordRunner, PactClient, build_runner
from bot.adapters.discord.settings import DiscordSettings, intents, invite_url, invite_url_from_env

__all__ = [
    "DiscordRunner", "DiscordSettings", "PactClient", "build_runner", "intents", "invite_url",
    "invite_url_from_env",
]
