"""Answers computed from the fact file's data rather than stored as prose: who signed (per side), how
many signed, how long it was in force, how long it took to take effect, whether it was in force on a
date, what happened on a date or in a year, and the whole timeline.

Wording comes from the language tables' templates, so a computed answer reads naturally in every
language the bot speaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from bot.core.dates import (
    AskedDate,
    PartialDate,
    format_asked,
    format_between,
    format_date,
    format_span,
    plural,
    span_parts,
)
from bot.core.language import Language, language
from bot.core.texts import DEFAULT_LANG, Texts, pick

if TYPE_CHECKING:  # the fact file's validator imports COMPUTERS from here, so no import back at run time
    from bot.core.factfile import Entity, Event, Fact, FactBase


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Asked:
    """What a computed answer may depend on in the question: the date it names, the entities it
    names (a side, for signatories), and the unit it asks a span in ("how many days")."""

    date: AskedDate | None = None
    entities: Sequence[str] = ()
    unit: str | None = None


class Composer:
    """Writes the text of a fact's answer, computing it from the data when the fact asks for that."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.texts = Texts()

    def fact_text(self, fact: Fact, lang: str, asked: Asked) -> str:
        table = language(lang)
        if fact.compute is None:
            return pick(fact.answer, lang)
        text = COMPUTERS[fact.compute](self, table, asked)
        return text or pick(fact.answer, lang)

    # -- helpers ------------------------------------------------------------------------------------

    def _fmt(self, table: Language, key: str, **values: str) -> str:
        topic = self.facts.topic
        short = pick(topic.short, table.code)
        # The verb forms that agree with the short name ("the treaty was", "the treaties were").
        forms = table.table.get("grammar") or language(DEFAULT_LANG).table.get("grammar") or {}
        agree = forms.get(topic.number.get(table.code, "singular")) or forms.get("singular") or {}
        return str(table.template(key)).format(short=short, Short=_capital(short), **agree, **values)

    def _date(self, table: Language, day: dt.date | None) -> str:
        return format_date(day, table.table) if day is not None else "?"

    def _join(self, table: Language, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {table.template('and')} " + items[-1]

    def _signatories(self, table: Language, asked: Asked) -> str:
        signers = [e for e in self.facts.entities.values() if e.role == "signatory"]
        if not signers:
            return self._fmt(table, "signatories_none")
        sides = self._sides(signers)
        asked_sides = [s for s in asked.entities if s in sides]
        if asked_sides:
            # "Jones signed for Beta, didn't he?": the side a named signer did sign for is told too.
            named = [self.facts.entities[e] for e in asked.entities if e in self.facts.entities]
            asked_sides = list(
                dict.fromkeys(
                    [*asked_sides, *(p.side for p in named if p.role == "signatory" and p.side in sides)]
                )
            )
            return " ".join(
                self._fmt(
                    table,
                    "signatories_side",
                    names=self._names(table, sides[side]),
                    side=self._side_name(side, table),
                )
                for side in asked_sides
            )
        return self._fmt(table, "signatories_all", groups=self._groups(table, sides))

    def _signatory_count(self, table: Language, asked: Asked) -> str:
        signers = [e for e in self.facts.entities.values() if e.role == "signatory"]
        if not signers:
            return self._fmt(table, "signatories_none")
        numbers: Sequence[str] = table.table.get("numbers") or language("en").table["numbers"]
        sides = self._sides(signers)
        asked_sides = [s for s in asked.entities if s in sides]
        if asked_sides:  # "how many Soviet signatories": count that side only
            sides = {side: sides[side] for side in asked_sides}
            signers = [person for people in sides.values() for person in people]
        count = len(signers)
        word = numbers[count] if count < len(numbers) else str(count)
        people_forms = table.table.get("templates", {}).get("people") or ["", ""]
        return self._fmt(
            table,
            "signatory_count",
            Count=_capital(word),
            count=word,
            people=plural(count, people_forms, str(table.table.get("plural_rule", "en"))),
            groups=self._groups(table, sides),
        )

    def _sides(self, signers: list[Entity]) -> dict[str, list[Entity]]:
        sides: dict[str, list[Entity]] = {}
        for signer in signers:
            sides.setdefault(signer.side or "", []).append(signer)
        return sides

    def _side_name(self, side: str, table: Language) -> str:
        entity = self.facts.entities.get(side)
        return pick(entity.name, table.code) if entity else side

    def _names(self, table: Language, people: list[Entity]) -> str:
        return self._join(table, [pick(p.name, table.code) for p in people])

    def _groups(self, table: Language, sides: dict[str, list[Entity]]) -> str:
        groups = [
            self._fmt(
                table,
                "signatories_group",
                names=self._names(table, people),
                side=self._side_name(side, table),
            )
            for side, people in sides.items()
        ]
        return self._join(table, groups)

    def _period(self, table: Language) -> str:
        topic = self.facts.topic
        if topic.in_force_from is None:
            return ""
        if topic.in_force_until is None:
            return self._fmt(table, "duration_open", start=self._date(table, topic.in_force_from))
        return self._fmt(
            table,
            "in_force_period",
            start=self._date(table, topic.in_force_from),
            end=self._date(table, topic.in_force_until),
        )

    def _duration(self, table: Language, asked: Asked) -> str:
        topic = self.facts.topic
        if topic.in_force_from is None:
            return ""
        if topic.in_force_until is None:
            return self._fmt(table, "duration_open", start=self._date(table, topic.in_force_from))
        return self._span(
            table,
            "duration",
            topic.in_force_from,
            topic.in_force_until,
            asked.unit,
            start=topic.in_force_from,
            end=topic.in_force_until,
        )

    def _time_to_effect(self, table: Language, asked: Asked) -> str:
        topic = self.facts.topic
        if topic.signed is None or topic.in_force_from is None:
            return ""
        return self._span(
            table,
            "time_to_effect",
            topic.signed,
            topic.in_force_from,
            asked.unit,
            signed=topic.signed,
            start=topic.in_force_from,
        )

    def _span(
        self, table: Language, key: str, first: dt.date, last: dt.date, unit: str | None, **dates: dt.date
    ) -> str:
        """A template about the time from `first` to `last` (in `unit` if asked), with the named dates."""
        written = {name: self._date(table, day) for name, day in dates.items()}
        if unit is None and span_parts(first, last)[0]:
            span = format_span(first, last, table.table)  # years: the count of days is only noise
        else:
            # "1 month and 12 days (42 days)": under a year, the days are counted too, as a span
            # between any two dated things is
            span = format_between(PartialDate.of(first), PartialDate.of(last), unit, table.table)
        return self._fmt(table, key, span=span, **written)

    def _in_force_on(self, table: Language, asked: Asked) -> str:
        topic = self.facts.topic
        start, end = topic.in_force_from, topic.in_force_until
        if asked.date is None or start is None:
            return self._period(table)
        written = format_asked(asked.date, table.table)
        when = str(table.template("on_day" if asked.date.day is not None else "in_period")).format(
            date=written
        )
        values = {"when": when, "start": self._date(table, start), "end": self._date(table, end)}
        if asked.date.last_day < start:
            return self._fmt(table, "in_force_no_before", **values)
        if end is not None and asked.date.first_day > end:
            return self._fmt(table, "in_force_no_after", **values)
        if asked.date.first_day >= start and (end is None or asked.date.last_day <= end):
            return self._fmt(table, "in_force_yes", **values)
        partial_start = max(start, asked.date.first_day)
        partial_end = min(end, asked.date.last_day) if end is not None else asked.date.last_day
        return self._fmt(
            table,
            "in_force_partly",
            year=written,
            start=self._date(table, partial_start),
            end=self._date(table, partial_end),
        )

    def _event_line(self, table: Language, event: Event) -> str:
        return f"{format_asked(event.date, table.table)}: {pick(event.text, table.code)}"

    def _events_on(self, table: Language, asked: Asked) -> str:
        if asked.date is None:
            return self._timeline(table, asked)
        matching = [
            e
            for e in self.facts.events
            if not e.scheduled
            and e.date.first_day <= asked.date.last_day
            and e.date.last_day >= asked.date.first_day
        ]
        when = format_asked(asked.date, table.table)
        if not matching:
            return self._fmt(table, "events_none", when=when, period=self._period(table)).strip()
        if asked.date.day is not None:
            lines = " ".join(pick(e.text, table.code) for e in matching)
            return self._fmt(table, "events_on", when=when, events=lines)
        lines = "\n".join(f"• {self._event_line(table, e)}" for e in matching)
        return self._fmt(table, "events_in", when=when, events="\n" + lines)

    def _timeline(self, table: Language, asked: Asked) -> str:
        lines = [f"• {self._event_line(table, e)}" for e in self.facts.events if not e.scheduled]
        return "\n".join([str(table.template("timeline_intro")), *lines])


Computer = Callable[[Composer, Language, Asked], str]

# The `compute:` names a fact may use, each with the method that writes its answer. The fact file's
# validator accepts exactly these names, so a name without a method cannot pass validation.
COMPUTERS: Mapping[str, Computer] = MappingProxyType(
    {
        "signatories": Composer._signatories,
        "signatory_count": Composer._signatory_count,
        "duration": Composer._duration,
        "time_to_effect": Composer._time_to_effect,
        "in_force_on": Composer._in_force_on,
        "events_on": Composer._events_on,
        "timeline": Composer._timeline,
    }
)
