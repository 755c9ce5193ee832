"""The Slack adapter: `/pact`, @mentions, DMs and buttons on slack-bolt (async), in Socket or HTTP mode.

It only translates: a Slack request becomes an `Ask` for the conversation stage (`listeners`),
the stage's `Reply` becomes escaped Block Kit (`render`), HTTP mode's requests are verified
before anything reads them (`http`), and the runner owns the connection (`runner`); `settings`
reads the environment. Which reply, in which language, seen by whom, with which buttons, is the
stage's decision, never this package's.
"""

from bot.adapters.slack.listeners import plain_question
from bot.adapters.slack.render import SlackMessage, escape, render
from bot.adapters.slack.runner import SlackRunner, build_runner
from bot.adapters.slack.settings import (
    BOT_EVENTS,
    BOT_SCOPES,
    DEFAULT_COMMAND,
    EVENTS_PATH,
    SlackSettings,
    normalise_api_url,
)

__all__ = [
    "BOT_EVENTS", "BOT_SCOPES", "DEFAULT_COMMAND", "EVENTS_PATH", "SlackMessage", "SlackRunner",
    "SlackSettings", "build_runner", "escape", "normalise_api_url", "plain_question", "render",
]
