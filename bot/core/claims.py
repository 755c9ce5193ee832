"""Claims to check and yes/no questions: "Is it true that it was signed in Paris?", "Ann Smith signed
for Beta, yes?", "was the original term 10 years?".

The engine first finds the fact the claim is about, as for any question; this module then compares
what the claim states with that fact's data and says whether the fact bears it out. What a claim
can state and be checked on: a named thing of the kind the fact is about (a place where the fact
names a place, a person where it names people), a year, a number, and the side a person acted for.
Anything else it cannot judge, and the verdict is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.factfile import FactBase
from bot.core.language import Language
from bot.core.normalize import fold

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_NUMBER = re.compile(r"\b([0-9]{1,3})\b")


def is_yes_no(tokens: Sequence[str], tables: Iterable[Language]) -> bool:
    """The question asks for a verdict: it opens like a yes/no question or carries a claim marker."""
    if not tokens:
        return False
    for table in tables:
        if tokens[0] in table.question_openers:
            return True
        for position, token in enumerate(tokens):
            for marker in table.claim_index.get(token, ()):
                if tuple(tokens[position : position + len(marker)]) == marker:
                    return True
    return False


@dataclass(frozen=True, slots=True)
class Claim:
    """What a question states, as the engine read it."""

    folded: str
    entities: tuple[str, ...]  # entity ids it names (the topic and parties included)
    numbers: frozenset[int]  # small numbers it states, as digits or number words
    unknown_names: tuple[str, ...] = ()  # names it states that the fact file does not know


def claimed_numbers(tokens: Sequence[str], tables: Iterable[Language]) -> frozenset[int]:
    found: set[int] = set()
    words = {fold(str(w)): n for table in tables for n, w in enumerate(table.table.get("numbers") or [])}
    for token in tokens:
        if token.isdigit() and len(token) <= 3:
            found.add(int(token))
        elif token in words:
            found.add(words[token])
    return frozenset(found)


def verdict(
    claim: Claim, about: Sequence[str], answer_text: str, facts: FactBase, tables: Sequence[Language]
) -> bool | None:
    """True when the answer bears the claim out, False when it contradicts it, None when it cannot tell.

    `about` are the entity ids of the fact (or card) that answers; `answer_text` is its text.
    """
    said = fold(answer_text)
    confirmed = contradicted = False
    named = [facts.entities[e] for e in claim.entities if e in facts.entities]
    # A named thing of a kind the fact is about: a place where the fact names a place, and so on.
    kinds_in_fact = {facts.entities[e].kind for e in about if e in facts.entities}
    for entity in named:
        if entity.id in facts.topic.parties:
            continue
        if entity.id in about or _mentions(said, entity.name.values(), entity.aliases.values()):
            confirmed = True
        elif entity.kind in kinds_in_fact and entity.kind in ("person", "place", "state", "organisation"):
            contradicted = True
    # A name the file does not know, where the fact names the people or places in question.
    if claim.unknown_names and kinds_in_fact & {"person", "place"}:
        contradicted = True
    # A person said to act for a party they did not act for.
    parties = [e.id for e in named if e.id in facts.topic.parties]
    for entity in named:
        if entity.side and parties and entity.side not in parties:
            contradicted = True
    # Years: the claim's years against the years the answer gives.
    claimed_years = set(_YEAR.findall(claim.folded))
    fact_years = set(_YEAR.findall(said))
    if claimed_years and fact_years:
        if claimed_years <= fact_years:
            confirmed = True
        else:
            contradicted = True
    # Small numbers ("10 years", "three signatories") against the numbers the answer gives.
    said_numbers = claimed_numbers(said.split(), tables) - {int(y) for y in fact_years}
    if claim.numbers and said_numbers:
        if claim.numbers & said_numbers:
            confirmed = True
        else:
            contradicted = True
    if contradicted:
        return False
    return True if confirmed else None


def _mentions(said: str, *texts: Iterable[str] | Iterable[Iterable[str]]) -> bool:
    padded = f" {said} "
    for group in texts:
        for item in group:
            for name in [item] if isinstance(item, str) else item:
                folded = fold(name)
                if folded and f" {folded} " in padded:
                    return True
    return False
