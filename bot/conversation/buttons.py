"""Button identities: what a click sends back, built so it cannot collide, be cut short or go stale.

An id names what the button does and in which language it answers:

    pactbot:fact:<lang>:<fact id>       answer that fact
    pactbot:ask:<lang>:<question key>   ask the suggested question with that key

A suggestion is never carried as (possibly truncated) text: its key is a digest of the whole
question, which the fact service turns back into the question (`FactService.suggestion`). Ids keep
no state in the process, so a button works after a restart and on any replica.

Every id fits Discord's 100-character custom_id (Slack allows 255 for an action_id). A reply carries
at most `MAX_CHOICES` related facts or suggestions; one row holds 5 buttons on Discord, which leaves
room for a pair of per-answer buttons (say, 👍/👎) as a further kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.conversation.model import Button, ButtonKind

PREFIX = "pactbot"
MAX_ID_LENGTH = 100  # Discord's custom_id limit, the stricter platform's
MAX_CHOICES = 3  # related facts or suggestions under one reply

_ID = re.compile(rf"{PREFIX}:(?P<kind>fact|ask):(?P<lang>[a-z]{{2,3}}):(?P<ref>[a-z0-9][a-z0-9_-]*)")


@dataclass(frozen=True, slots=True)
class Click:
    """What a clicked button asks for: a fact (`ref` is its id) or a suggestion (`ref` is its key)."""

    kind: ButtonKind
    lang: str
    ref: str


def make_button(kind: ButtonKind, lang: str, ref: str, label: str) -> Button | None:
    """The button, or None if its id would be longer than a platform accepts (a very long fact id)."""
    button_id = f"{PREFIX}:{kind.value}:{lang}:{ref}"
    if len(button_id) > MAX_ID_LENGTH or not _ID.fullmatch(button_id):
        return None
    return Button(id=button_id, label=label, kind=kind)


def read_click(button_id: str) -> Click | None:
    """What a button id asks for; None for an id this version never made (older, or forged)."""
    match = _ID.fullmatch(button_id) if len(button_id) <= MAX_ID_LENGTH else None
    if match is None:
        return None
    return Click(ButtonKind(match["kind"]), match["lang"], match["ref"])


def distinct(buttons: Iterable[Button | None], limit: int = MAX_CHOICES) -> tuple[Button, ...]:
    """The first `limit` buttons with distinct ids: a fact listed twice as related is offered once."""
    unique: dict[str, Button] = {}
    for button in buttons:
        if button is not None and button.id not in unique and len(unique) < limit:
            unique[button.id] = button
    return tuple(unique.values())
