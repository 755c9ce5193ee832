"""Button identities: what a click sends back, built so it cannot collide, be cut short or go stale.

An id names what the button does and in which language it answers:

    pactbot:fact:<lang>:<fact id>       answer that fact
    pactbot:ask:<lang>:<question key>   ask the suggested question with that key
    pactbot:up:<lang>:<answer key>      👍 on the recorded answer with that key (bot.record)
    pactbot:down:<lang>:<answer key>    👎 on it

A suggestion is never carried as (possibly truncated) text: its key is a digest of the whole
question, which the fact service turns back into the question (`FactService.suggestion`). Ids keep
no state in the process, so a button works after a restart and on any replica. The kind comes first,
so a vote's id can never equal a fact's or a suggestion's, whatever the fact ids are.

Every id fits Discord's 100-character custom_id (Slack allows 255 for an action_id). A reply carries
at most `MAX_CHOICES` related facts or suggestions and the two votes: five buttons, one row on
Discord (adapters still put the votes on a row of their own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.conversation.model import Button, ButtonKind
from bot.record.model import ANSWER_KEY_BYTES

PREFIX = "pactbot"
MAX_ID_LENGTH = 100  # Discord's custom_id limit, the stricter platform's
MAX_CHOICES = 3  # related facts or suggestions under one reply
VOTES = {ButtonKind.UP: "👍", ButtonKind.DOWN: "👎"}  # the vote buttons and their labels, in this order

_KINDS = "|".join(kind.value for kind in ButtonKind)
_ID = re.compile(rf"{PREFIX}:(?P<kind>{_KINDS}):(?P<lang>[a-z]{{2,3}}):(?P<ref>[a-z0-9][a-z0-9_-]*)")
_ANSWER_KEY = re.compile(rf"[0-9a-f]{{{2 * ANSWER_KEY_BYTES}}}")  # a QuestionRecord.key


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
    kind = ButtonKind(match["kind"])
    if kind in VOTES and not _ANSWER_KEY.fullmatch(match["ref"]):
        return None
    return Click(kind, match["lang"], match["ref"])


def vote_buttons(lang: str, answer_key: str) -> tuple[Button, ...]:
    """👍 and 👎 for the answer recorded under `answer_key`; their thanks come in `lang`."""
    made = (make_button(kind, lang, answer_key, label) for kind, label in VOTES.items())
    return tuple(button for button in made if button is not None)


def distinct(buttons: Iterable[Button | None], limit: int = MAX_CHOICES) -> tuple[Button, ...]:
    """The first `limit` buttons with distinct ids: a fact listed twice as related is offered once."""
    unique: dict[str, Button] = {}
    for button in buttons:
        if button is not None and button.id not in unique and len(unique) < limit:
            unique[button.id] = button
    return tuple(unique.values())
