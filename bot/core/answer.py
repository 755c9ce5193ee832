"""The result of asking the core a question: plain data, free of any platform's markup.

The conversation stage turns an `Answer` into a reply, and adapters that into an embed, Block Kit or
console text; nothing here knows how.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """Why the core answered the way it did; the conversation stage and metrics branch on it."""

    ANSWERED = "answered"
    DECLINED = "declined"  # nothing in the fact file fits well enough
    EMPTY = "empty"  # nothing left to ask once the text was cleaned
    HELP = "help"  # an overview of what the fact file covers


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class RelatedFact:
    """A fact worth offering next (a button on Discord and Slack)."""

    fact_id: str
    title: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says back. `text` is plain text (newlines allowed, no markup)."""

    question: str
    outcome: Outcome
    text: str
    title: str = ""
    confidence: float = 0.0
    fact_ids: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    suggestions: tuple[str, ...] = ()
    related: tuple[RelatedFact, ...] = ()
    lang: str = "en"

    @property
    def answered(self) -> bool:
        return self.outcome in (Outcome.ANSWERED, Outcome.HELP)

    def to_json(self) -> dict[str, object]:
        """The shape `pactbot ask --json` prints."""
        return {
            "question": self.question,
            "answered": self.outcome is Outcome.ANSWERED,
            "answer": self.text if self.outcome is Outcome.ANSWERED else None,
            "message": self.text,
            "outcome": self.outcome.value,
            "title": self.title,
            "confidence": round(self.confidence, 3),
            "fact_ids": list(self.fact_ids),
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
            "suggestions": list(self.suggestions),
            "related": [{"fact_id": r.fact_id, "title": r.title} for r in self.related],
            "lang": self.lang,
        }
