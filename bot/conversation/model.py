"""The neutral request and reply every platform shares: an `Ask` goes into the stage, a `Reply` comes out.

An adapter builds an `Ask` from a platform event and turns a `Reply` into a platform message. Every
decision about the reply (its language, who sees it, its labels and its buttons) is already made
when the adapter gets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.answer import Source


class Origin(StrEnum):
    """Where a question came from; with the reply's kind it decides who sees the reply."""

    SLASH = "slash"  # a slash command: /pact ...
    MENTION = "mention"  # a message in a channel or thread that names the bot
    DM = "dm"  # a direct message to the bot (the console is the operator's own direct conversation)
    BUTTON = "button"  # a click on one of the bot's buttons


class Visibility(StrEnum):
    PUBLIC = "public"  # everyone in the conversation sees it
    PRIVATE = "private"  # only the asker sees it (an ephemeral message)


class ReplyKind(StrEnum):
    ANSWER = "answer"  # a fact's answer, with its sources
    HELP = "help"  # what the bot knows and how to ask
    DECLINED = "declined"  # nothing fits well enough (perhaps with "did you mean" buttons)
    COOLDOWN = "cooldown"  # the asker is asking too quickly
    ERROR = "error"  # the apology for a failure on the bot's side
    VOTED = "voted"  # the thanks for a 👍 or 👎 on an answer


class ButtonKind(StrEnum):
    FACT = "fact"  # answers a related fact
    ASK = "ask"  # asks a suggested question
    UP = "up"  # 👍 on the answer it is under
    DOWN = "down"  # 👎 on the answer it is under


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a reply. `id` is what a click sends back (see bot.conversation.buttons): unique
    within its reply, at most 100 characters, and meaningful across restarts and replicas."""

    id: str
    label: str
    kind: ButtonKind


@dataclass(frozen=True, slots=True)
class Ask:
    """One thing a user did that the bot may answer: a question typed, or a button clicked."""

    platform: str  # "discord", "slack", "console": metrics and cooldowns are kept per platform
    origin: Origin
    user_key: str  # who asks, unique on the platform (the cooldown is per user)
    text: str = ""  # the question as the user wrote it, platform markup (mentions) already removed
    button: str = ""  # the id of the clicked button, for Origin.BUTTON
    event_key: str | None = None  # the platform's id of this event, if the platform may deliver it twice
    locale: str | None = None  # the asker's language as the platform knows it ("lt", "en-US"): a hint
    private: bool = False  # the asker asked for an answer only they see
    channel_key: str = ""  # where it was asked, for records


@dataclass(frozen=True, slots=True)
class Reply:
    """What to say back. `text` and `title` are plain text: adapters escape them for their markup."""

    kind: ReplyKind
    lang: str
    visibility: Visibility
    text: str
    title: str = ""
    question: str = ""  # the question as asked, for a platform that shows it beside a public answer
    sources: tuple[Source, ...] = ()
    buttons: tuple[Button, ...] = ()  # related facts under an answer, suggestions under a declined question
    votes: tuple[Button, ...] = ()  # 👍 and 👎 under an answer, when answers are recorded
    sources_label: str = ""  # "Sources" in the reply's language
    buttons_label: str = ""  # "Related" or "Did you mean" in the reply's language, for text renderings
    votes_label: str = ""  # "Was this answer helpful?" in the reply's language, for text renderings

    @property
    def private(self) -> bool:
        return self.visibility is Visibility.PRIVATE
