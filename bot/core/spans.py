"""Time between any two dated things the fact file knows, and which came first.

"How many weeks separated the ratification vote from the coup?", "what came first, registration at
the League or the coup?", "how old was the peace treaty it confirmed when this one was signed?".
The dated things are the file's events, among them the topic's own dates (signature, entry into
force, end), and its scheduled ones (`scheduled: true`: a term's planned end, "when would it have
expired"). A
question picks two of them by the words it shares with each (an event's text and the facts it links
to) and by the years it names; the answer shows both dates and the span in the unit asked for.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import NamedTuple

from bot.core.answer import Answer, Outcome, Source
from bot.core.dates import PartialDate, format_asked, format_between
from bot.core.index import ANNIVERSARY, TOPIC, YEARS, Index
from bot.core.language import Language, language, same_time_positions
from bot.core.names import find_entities
from bot.core.reading import Question, Unit, follows_a_year, kind_of
from bot.core.texts import DEFAULT_LANG, Texts, pick
from bot.core.tuning import SPAN_MIN_SHARE, STRONG

Text = Mapping[str, str]
# The kinds of entity whose name alone names a thing that happened ("after the mutiny", "the 1840 accord",
# "the Assembly's vote"); a person, place or state alone only says who or where.
NAMING_KINDS = frozenset({"event", "treaty", "organisation"})
MAX_DAY = 31  # a number beside a month word up to this is its day ("July 19"), above it a year


@dataclass(frozen=True, slots=True)
class DatedThing:
    """Something with a date that a span question can name."""

    key: str
    date: PartialDate
    text: Text  # one line saying what happened, per language
    stems: frozenset[str]  # the words that name it
    entities: frozenset[str]  # entity ids it is about
    facts: tuple[str, ...]  # fact ids that tell more
    topic_date: bool = False  # the topic's own signature, entry into force or end: preferred in a tie
    scheduled: bool = False  # a date something was due (a planned expiry): what happened wins a tie
    # A scheduled date's words for what set it (its linked facts: the extensions): they name it only in
    # a question about what would have been ("had the extension run its course, how long ...?").
    setters: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of a question, as the span reader weighs it: a word's stems, or an entity."""

    stems: frozenset[str]
    entity: str | None
    weight: float
    context: bool = False  # the topic or a party: names the topic's own dates, never an event alone


@dataclass(frozen=True, slots=True)
class SpanQuestion:
    first: DatedThing
    second: DatedThing
    unit: str | None  # "day", "week", "month", "year", or None for a natural span
    order: bool  # asks which came first


# The units of a question that may name dated things, and the series its ordinals pick from (see
# `Spanner._evidence`); shared by every answer that reads the same question: not to be changed.
_Evidence = tuple[tuple[Unit, ...], "Series | None"]


class Spanner:
    """Answers span and order questions from one `Index`'s dated things."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.texts = Texts()
        self.things = self._build()
        signed = index.facts.topic.signed
        # The day the topic was signed, as the dates of things are kept: what its anniversaries count from.
        self.signed = PartialDate(signed.year, signed.month, signed.day) if signed is not None else None
        # The words for a date that was due ("expiry", "scheduled"): a question with one asks of a
        # planned end, not of what happened.
        self.due_stems = frozenset(
            stem for lang in index.languages for word in lang.due_words for stem in (word, lang.stem(word))
        )
        # the question `_evidence` last read, the languages it read it in, and what it found
        self._last_evidence: tuple[Question | None, tuple[str, ...], _Evidence | None] = (None, (), None)

    def _build(self) -> tuple[DatedThing, ...]:
        """Every event, named by its own words and by those its linked facts are about."""
        index = self.index
        topic = index.facts.topic
        topic_dates = {topic.signed, topic.in_force_from, topic.in_force_until} - {None}
        things = []
        for event in index.facts.events:
            stems = set().union(*(index.stems(t) for t in event.text.values()))
            linked: set[str] = set()
            entities: set[str] = set()
            for fact_id in event.facts:
                position = index.fact_candidate.get(fact_id)
                if position is None:
                    continue
                candidate = index.candidates[position]
                linked |= {t for t, strength in candidate.terms.items() if strength >= STRONG}
                if not event.scheduled:
                    entities |= candidate.entity_ids
            # A scheduled date is named by its own words only: the facts it links to (the extensions)
            # name the events that set it, not the date itself; they are kept as its setters.
            setters = linked - stems if event.scheduled else set()
            if not event.scheduled:
                stems |= linked
            tokens = index.fold(" ".join(event.text.values())).split()
            entities |= {entity for _, _, entity in find_entities(index, tokens)[0]}
            entities -= index.context_entities
            topic_date = event.date.day is not None and event.date.first_day in topic_dates
            if topic_date:
                entities.add(TOPIC)  # the topic's own dates answer for it ("between signing it and ...")
            things.append(
                DatedThing(
                    event.id,
                    event.date,
                    event.text,
                    frozenset(stems),
                    frozenset(entities),
                    event.facts,
                    topic_date,
                    event.scheduled,
                    frozenset(setters),
                )
            )
        return tuple(things)

    def weekday(self, question: Question) -> Answer | None:
        """The day of the week of the one dated thing a question names ("what day of the week was it
        signed?"), or None if it asks no weekday or names no thing with a day."""
        padded = f" {question.folded} "
        if self.index.weekday_finder.search(padded) is None:
            return None
        tables = (language(question.lang), language(DEFAULT_LANG))
        asking = self.index.question_word_set | {
            w for phrase in self.index.weekday_phrases for w in phrase.split()
        }
        if question.yes_no:
            # "did it take effect on the same weekday it was signed?": two things, their two weekdays.
            things = replace(question, units=tuple(u for u in question.units if u.label not in asking))
            pair = self._pair(things, tables, False, same_day=True)
            if pair is not None and pair[0].date.day is not None and pair[1].date.day is not None:
                first, second, share = pair
                days = [self._weekday_line(thing, tables[0]) for thing in (first, second)]
                holds = first.date.first_day.weekday() == second.date.first_day.weekday()
                return self._verdict(question, holds, " ".join(days), share, (*first.facts, *second.facts))
        evidence = [
            Evidence(u.stems, u.entity, u.weight, u.context) for u in question.units if u.label not in asking
        ]
        years = {int(y) for y in YEARS.findall(question.folded)}
        dated = [t for t in self.things if t.date.day is not None and not t.scheduled]
        found = pick_one(dated, evidence, years, SPAN_MIN_SHARE)
        if found is None:
            return None
        thing, share = found
        table = tables[0]
        text = "\n".join(
            [
                self._weekday_line(thing, table),
                f"• {format_asked(thing.date, table.table)}: {pick(thing.text, table.code)}",
            ]
        )
        return self._answer(question, text, share, thing.facts)

    @staticmethod
    def _weekday_line(thing: DatedThing, table: Language) -> str:
        """ "9 November 1850 was a Tuesday." """
        names = table.table.get("weekdays") or language(DEFAULT_LANG).table["weekdays"]
        return str(table.template("weekday")).format(
            date=format_asked(thing.date, table.table), weekday=names[thing.date.first_day.weekday()]
        )

    def answer(self, question: Question, unless: tuple[dt.date, dt.date] | None = None) -> Answer | None:
        """The time between, or the order of, two dated things the question names; None if it names
        no two, or if they are the span `unless` (one that a fact of the file computes itself)."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        span, order = is_span_question(question.focus, question.kind, tables)
        if not (span or order):
            return None
        # "between", "elapsed", and in a span "after" or "before": the question names two things,
        # and one of them may be the topic ("how many years after the 1840 accord was it signed?").
        explicit = any(
            w in t.span_words or (span and w in t.relative_words) for t in tables for w in question.focus
        )
        # "If it had lasted to its extended end date, how long would it have been in force?": what would
        # have been runs to a date that was due, which the words for what set it name too.
        found = None
        if span and question.remaining:
            found = self._left_then(question, tables)
        if found is None:
            found = self._pair(question, tables, explicit, would=question.would)
        if found is None:
            return None
        first, second, share = found
        if unless is not None and (first.date.first_day, second.date.first_day) == unless:
            return None
        unit = asked_unit(question.focus, tables)
        if span and unit == "day" and None in (first.date.day, second.date.day):
            return None  # "how many days between the 1850 treaty and ...?": the file has no day to count from
        text = span_text(SpanQuestion(first, second, unit, order and not span and unit is None), tables[0])
        return self._answer(question, text, share, (*first.facts, *second.facts))

    def asks_span_or_order(self, question: Question) -> bool:
        """Whether the question asks for the time between two things, or which came first, even
        after a claim that sets the scene ("Alpha fell in 1790, right? how long before the treaty?")."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        kind = question.kind or kind_of(question.focus, tables[0])
        return any(is_span_question(question.focus, kind, tables))

    def order_claim(self, question: Question) -> Answer | None:
        """Whether the order a yes/no question states holds, with both dates: "was it ratified before
        the coup?", "did the talks start after 1850?". None unless the words on each side of its
        "before" or "after" name one thing each (or a year after it), and only one thing each."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        if not question.yes_no or any(is_span_question(question.focus, question.kind, tables)):
            return None
        if set(question.focus) & self.index.continuation_words:
            return None  # "did Alpha still treat the city as its own after signing?": a state kept, no order
        if any(
            (u.name or not u.known)
            and not u.year
            and not u.aside
            and not any(u.stems & t.stems for t in self.things)
            for u in question.units
        ):
            # "Jones became president after the coup?": a deed of someone (or something) that neither
            # the facts nor the events know, even one whose name opens the sentence and so reads as a
            # plain word.
            return None
        tokens = question.focus
        at = next((i for i, w in enumerate(tokens) if any(w in t.relative_words for t in tables)), None)
        if at is None:
            return None
        before = any(tokens[at] in t.before_words for t in tables)
        left, right = tokens[:at], tokens[at + 1 :]
        bound = _year_bound(right, tables, self.index.stopwords)
        if bound is not None:
            found_one = self._one(question, tables)
            if found_one is None or not self._names(found_one[0], question, self._side(left)):
                return None
            thing, share = found_one
            # A thing dated within the year is neither before nor after it.
            holds = thing.date.last_day.year < bound if before else thing.date.first_day.year > bound
            line = f"• {format_asked(thing.date, tables[0].table)}: {pick(thing.text, tables[0].code)}"
            return self._verdict(question, holds, line, share, thing.facts)
        found = self._pair(question, tables, True)
        if found is None:
            return None
        first, second, share = found
        # The words before "before" must name one of the two and the words after it the other, each
        # only its own: "did students protest after the vote?" of one event that tells of both states
        # no order of two things.
        named_left, named_right = self._side(left), self._side(right)
        sides = [
            (self._names(t, question, named_left), self._names(t, question, named_right))
            for t in (first, second)
        ]
        if sorted(sides) != [(False, True), (True, False)]:
            return None
        # ... and a year on either side must be that of its thing ("registered in 1850, after signing?"
        # states a date as well as an order: the claim checker judges that).
        on_left = first if sides[0] == (True, False) else second
        on_right = second if on_left is first else first
        for words, thing in ((left, on_left), (right, on_right)):
            if any(int(y) != thing.date.year for y in YEARS.findall(" ".join(words))):
                return None
        holds = sides[0] == (True, False) if before else sides[0] == (False, True)
        text = span_text(SpanQuestion(first, second, None, True), tables[0])
        return self._verdict(question, holds, text, share, (*first.facts, *second.facts))

    def tells_of_named_then(self, question: Question) -> bool:
        """Something that happened at the question's date names one of the things the question names
        (or it names none): "what happened to Alpha City in 1901?" is no question about 1901 alone."""
        named = set(question.entities) - self.index.context_entities
        date = question.date
        if not named or date is None:
            return True
        return any(
            t.entities & named
            for t in self.things
            if not t.scheduled and t.date.first_day <= date.last_day and t.date.last_day >= date.first_day
        )

    def same_time_claim(self, question: Question) -> Answer | None:
        """Whether two dated things a yes/no question names happened at one time ("did it take effect
        the same day it was signed?"), with both dates. None unless it says "the same day" (or the
        like) and names two things, and their dates settle it: the same day, or no day in common."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        if not question.yes_no or not _says_same_time(question.focus, tables):
            return None
        if any(u.name and not u.year for u in question.units):
            return None  # a deed of someone the file does not know
        found = self._pair(question, tables, False, same_day=True)
        if found is None:
            return None
        first, second, share = found
        one, other = first.date, second.date
        if one.day is not None and (one.first_day, one.last_day) == (other.first_day, other.last_day):
            holds = True
        elif one.last_day < other.first_day or other.last_day < one.first_day:
            holds = False
        else:
            return None  # "March 1850" and "14 March 1850": the file cannot tell
        text = span_text(SpanQuestion(first, second, None, False), tables[0])
        return self._verdict(question, holds, text, share, (*first.facts, *second.facts))

    def nth_claim(self, question: Question) -> Answer | None:
        """Whether the one of a series a claim picks by its place fell in the year it states, with its
        date: "the first extension was in 1855, right?", "was it extended the second time in 1850?".
        None unless the claim names a series, one place in it and one year, and the thing at that
        place explains it."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        # (An ordinal is an order word too, "which came first?": only a span asked rules it out.)
        if not question.yes_no or is_span_question(question.focus, question.kind, tables)[0]:
            return None
        years = {int(y) for y in YEARS.findall(" ".join(question.focus))}
        if len(years) != 1:
            return None
        read = self._evidence(question, tables)
        if read is None:
            return None
        units, series = read
        if series is None or len(series.numbers) != 1:
            return None
        kept = [u for u in units if not u.year]
        evidence = [Evidence(u.stems, u.entity, u.weight, u.context) for u in kept]
        noun = next((i for i, u in enumerate(kept) if u.label == series.noun), None)
        if noun is None:
            return None
        pieces, total, covering = _coverage([t for t in self.things if not t.scheduled], evidence, set())
        in_series = _in_series(covering, noun)
        chosen = _at_places(in_series, series.numbers)
        if len(in_series) < 2 or len(chosen) != 1:
            return None
        thing = chosen[0]
        covered = next(c for c, t in covering if t is thing)
        share = sum(pieces[i].weight for i in covered) / total
        if share < SPAN_MIN_SHARE:
            return None
        text = pick(thing.text, tables[0].code)
        holds = thing.date.year in years
        if not holds and any(str(year) in text for year in years):
            return None  # "after the second extension it ran until 1850?": the year it set, not its own
        line = f"• {format_asked(thing.date, tables[0].table)}: {text}"
        return self._verdict(question, holds, line, share, thing.facts)

    def _verdict(
        self, question: Question, holds: bool, text: str, share: float, fact_ids: Sequence[str]
    ) -> Answer:
        """`text` after the verdict ("Yes —", "Taip —") on the order the question states."""
        template = language(question.lang).template("verdict_yes" if holds else "verdict_no")
        return self._answer(question, str(template).format(text=text), share, fact_ids)

    def _side(self, tokens: Sequence[str]) -> tuple[set[str], set[str]]:
        """The stems and the entities of the words on one side of a "before" or "after"."""
        if not tokens:
            return set(), set()
        entities = {entity for _, _, entity in find_entities(self.index, list(tokens))[0]}
        stems = self.index.stems(" ".join(tokens))
        if self.index.anniversary_words.intersection(tokens):
            stems.add(ANNIVERSARY)  # "before its first anniversary" names the anniversary
        return stems, entities

    def _names(self, thing: DatedThing, question: Question, side: tuple[set[str], set[str]]) -> bool:
        """Whether the question's units on one side (see `_side`) name the thing. The topic's name,
        which names each of its own dates, does not count."""
        stems, entities = side
        return any(
            u.entity in entities and u.entity in thing.entities
            if u.entity is not None
            else bool(u.stems & stems and u.stems & thing.stems)
            for u in question.units
            if not u.context
        )

    def _evidence(
        self, question: Question, tables: Sequence[Language]
    ) -> _Evidence | None:
        """The question's units that may name dated things, and the series its ordinals pick from;
        None if it names something the file does not know."""
        codes = tuple(t.code for t in tables)
        last = self._last_evidence  # each kind of span or order answer asks it of the same question
        if last[0] is question and last[1] == codes:
            return last[2]
        asking = _evidence_words(codes)
        read: _Evidence | None = None
        if not any(
            not u.known and not u.name and u.weight >= self.index.max_idf and u.label not in asking
            for u in question.units
        ):  # else it names something the file does not know
            # The words that ask ("how many", "number of") name nothing dated; nor do "second", "last"
            # of a series: they say which ones.
            series = self._series(question)
            skipped = self.index.question_word_set | (series.words if series is not None else frozenset())
            kept = tuple(u for u in question.units if u.label not in asking and u.label not in skipped)
            read = kept, series
        self._last_evidence = (question, codes, read)
        return read

    def _one(self, question: Question, tables: Sequence[Language]) -> tuple[DatedThing, float] | None:
        """The one thing that happened that the question names, by its words (not its years)."""
        read = self._evidence(question, tables)
        if read is None:
            return None
        evidence = [Evidence(u.stems, u.entity, u.weight, u.context) for u in read[0] if not u.year]
        return pick_one([t for t in self.things if not t.scheduled], evidence, set(), SPAN_MIN_SHARE)

    def _left_then(
        self, question: Question, tables: Sequence[Language]
    ) -> tuple[DatedThing, DatedThing, float] | None:
        """ "How much time was left on it when it was broken?": the latest thing that happened that the
        question names (the moment asked of: "given the 1850 extension, how much was left when it was
        broken?"), and a date due from then on (the end of the term running at that moment). Words for
        the due date ("its extended expiry date") name no moment; None if the question names none."""
        read = self._evidence(question, tables)
        if read is None:
            return None
        units, series = read
        scheduled = [t for t in self.things if t.scheduled]
        due_stems = frozenset(s for t in scheduled for s in t.stems)
        said_due = [u for u in units if u.entity is None and not u.year and u.stems & due_stems]
        kept = [u for u in units if not u.year and u not in said_due]
        evidence = [Evidence(u.stems, u.entity, u.weight, u.context) for u in kept]
        years = {int(y) for y in YEARS.findall(question.folded)}
        pieces, total, covering = _coverage([t for t in self.things if not t.scheduled], evidence, years)
        noun = next((i for i, u in enumerate(kept) if series and u.label == series.noun), None)
        if series is not None and noun is not None:
            covering = _only_nth(covering, noun, series.numbers)  # "when it was extended the first time"
        named = [
            (covered, thing)
            for covered, thing in covering
            if any(i >= len(evidence) or not evidence[i].context for i in covered)
        ]
        # "When it was extended in May 1850, how much was left?": a month and year name the moment.
        months = {n for t in tables for w in question.focus if (n := t.month_words.get(w)) is not None}
        dated = [n for n in named if n[1].date.month in months and n[1].date.year in years]
        named = dated or named
        if not named:
            return None
        _, then = max(named, key=lambda n: (_first_day(n[1]), n[1].topic_date))
        explained = {i for covered, _ in named for i in covered}
        share = sum(pieces[i].weight for i in explained) / total
        due = [t for t in scheduled if t.date.last_day >= then.date.first_day]
        if not due or share < SPAN_MIN_SHARE:
            return None
        # Of the dates due from then on, the one the question's words for it name best ("the original
        # term"); unnamed, the last: what was left of the pact is what was left of its final term.
        end = max(
            due,
            key=lambda t: (sum(u.weight for u in said_due if u.stems & t.stems), _first_day(t)),
        )
        return then, end, share

    def _pair(
        self,
        question: Question,
        tables: Sequence[Language],
        topic_alone: bool,
        same_day: bool = False,
        would: bool = False,
    ) -> tuple[DatedThing, DatedThing, float] | None:
        """The two dated things the question names (see `pick_two`), earliest first, and the share of
        its weight they explain; None if it names no two, or names a month or day neither has.
        `same_day` lets the two share a date (whether they do is what is asked); `would` asks of what
        would have been: one of the two is a date that was due, named by its setters' words too."""
        things = self._of_question(question)
        if not things:
            return None
        if would:
            things = tuple(replace(t, stems=t.stems | t.setters) for t in things)
        read = self._evidence(question, tables)
        if read is None:
            return None
        units, series = read
        evidence = [Evidence(u.stems, u.entity, u.weight, u.context) for u in units]
        if any(
            u.entity is not None
            and not u.context
            and not u.aside
            and not any(u.entity in t.entities or u.stems & t.stems for t in things)
            for u in units
        ):
            return None  # "between the 1840 accord and the signing": a thing named with no date
        years = {int(y) for y in YEARS.findall(question.folded)}
        nth = None
        if series is not None:
            nth = next(((i, series.numbers) for i, u in enumerate(units) if u.label == series.noun), None)
        due = frozenset(i for i, e in enumerate(evidence) if not e.context and e.stems & self.due_stems)
        found = pick_two(
            things,
            evidence,
            years,
            SPAN_MIN_SHARE,
            topic_alone=topic_alone,
            nth=nth,
            due=due,
            same_day=same_day,
            one_due=would,
            bystanders=frozenset(
                i
                for i, u in enumerate(units)
                if u.entity is not None
                and u.entity in self.index.facts.entities
                and self.index.facts.entities[u.entity].kind not in NAMING_KINDS
            ),
            deeds=frozenset(
                i
                for i, u in enumerate(units)
                if u.known and u.entity is None and not u.context and not u.year
            ),
        )
        if found is None:
            return None
        first, second, _ = found
        # "how many days between March 3 and July 19?": a month the question names must be that of
        # one of the two things, or the span is about something else.
        months = {n for t in tables for w in question.focus if (n := t.month_words.get(w)) is not None}
        if months and not any(t.date.month in months for t in (first, second)):
            return None
        # ... and a day with its month ("July 19") must be the day of one of them.
        for month, day in _days_named(question.focus, tables):
            if not any((t.date.month, t.date.day) == (month, day) for t in (first, second)):
                return None
        return found

    def _of_question(self, question: Question) -> tuple[DatedThing, ...]:
        """The file's dated things, and the anniversary the question names ("its 10th anniversary"),
        which is a dated thing of that question alone."""
        day, signed = question.date, self.signed
        if question.anniversary is None or day is None or signed is None:
            return self.things
        text = {
            lang.code: str(lang.template("anniversary_line")).format(
                span=format_between(signed, day, "year", lang.table)
            )
            for lang in self.index.languages
        }
        # "The 5th anniversary of the signing": the words for the signing name the anniversary too.
        signing = frozenset(
            stem for t in self.things if t.topic_date and t.date == signed for stem in t.stems
        )
        stems = frozenset({ANNIVERSARY}) | signing
        return (*self.things, DatedThing(ANNIVERSARY, day, text, stems, frozenset(), ()))

    def of_the_topic_alone(self, question: Question, lasting: frozenset[str], parties: bool = True) -> bool:
        """Beside an anniversary, the question names nothing but the topic, its parties (unless not
        `parties`: "when is Alpha's 100th anniversary?" is the state's), its own dates and its being
        in force (`lasting`: the words for that), in words the file knows: "was it still valid on its
        10th anniversary?" asks of the topic; "did Alpha celebrate it?", "was it registered before
        it?", "was the coup on that day?" ask of something else."""
        own = lasting.union(*(t.stems for t in self.things if t.topic_date))
        others = [t for t in self.things if not t.topic_date and not t.scheduled]
        return all(
            (u.context and (parties or u.entity == TOPIC))
            or (
                u.known
                and u.entity is None
                and (bool(u.stems & own) or not any(u.stems & t.stems for t in others))
            )
            for u in question.units
            if not u.year and ANNIVERSARY not in u.stems
        )

    def anniversary(self, question: Question) -> Answer | None:
        """ "In what year is its 100th anniversary?": the day, counted from the signing."""
        day, signed = question.date, self.signed
        if question.anniversary is None or day is None or signed is None:
            return None
        table = language(question.lang)
        text = str(table.template("anniversary_day")).format(
            date=format_asked(day, table.table),
            span=format_between(signed, day, "year", table.table),
            signed=format_asked(signed, table.table),
        )
        return self._answer(question, text, 1.0, ())

    def _series(self, question: Question) -> Series | None:
        """The ordinals of a question that pick among things its noun names ("the second extension").
        In "its final end date" they are ordinary words: the noun names no series of things that
        happened, or names a date that was due."""
        series = in_series(question.focus, self.index)
        if series is None:
            return None
        noun = next((u for u in question.units if u.label == series.noun), None)
        named = [t for t in self.things if noun is not None and t.stems & noun.stems]
        if sum(not t.scheduled for t in named) < 2 or any(t.scheduled for t in named):
            return None
        return series

    def _answer(self, question: Question, text: str, share: float, fact_ids: Sequence[str]) -> Answer:
        facts = self.index.facts
        return Answer(
            question=question.raw,
            outcome=Outcome.ANSWERED,
            text=text,
            title=self.texts.get("span_title", question.lang),
            confidence=round(min(1.0, share), 3),
            fact_ids=tuple(dict.fromkeys(fact_ids)),
            sources=tuple(
                Source(facts.sources[s].title, facts.sources[s].url)
                for s in facts.topic.sources
                if s in facts.sources
            ),
            lang=question.lang,
        )


def _says_same_time(tokens: Sequence[str], tables: Sequence[Language]) -> bool:
    return bool(same_time_positions(tokens, tables))


def _year_bound(tokens: Sequence[str], tables: Sequence[Language], stopwords: frozenset[str]) -> int | None:
    """The year right after a "before" or "after" ("before 1860", "after the year 1850"), or None."""
    year_words = {w for t in tables for w in t.span_units.get("year", ())}
    for token in tokens:
        if YEARS.fullmatch(token):
            return int(token)
        if token not in stopwords and token not in year_words:
            return None
    return None


def _days_named(tokens: Sequence[str], tables: Sequence[Language]) -> set[tuple[int, int]]:
    """The (month, day) pairs the words name: a month word beside a number that can be its day."""
    found = set()
    for at, word in enumerate(tokens):
        month = next((n for t in tables if (n := t.month_words.get(word)) is not None), None)
        if month is None:
            continue
        for beside in (*tokens[max(at - 1, 0) : at], *tokens[at + 1 : at + 2]):
            if beside.isdigit() and 1 <= int(beside) <= MAX_DAY:
                found.add((month, int(beside)))
    return found


def asked_unit(tokens: Sequence[str], tables: Sequence[Language]) -> str | None:
    """The unit a question asks the span in ("how many weeks"), or None. A unit named after a
    demonstrative or an article ("from that day", "в тот день", "to the day it was broken") points
    at a day and asks nothing: another unit, if the question names one, is the one asked."""
    pointing = _pointing_words(tuple(t.code for t in tables))
    counted: set[str] | None = None
    for table in tables:
        units_of = _units_by_word(table.code)
        if units_of.keys().isdisjoint(tokens):
            continue  # no word for a unit of time in this language (most questions)
        if counted is None:
            counted = _counted(tokens)
        found = [
            (position > 0 and tokens[position - 1] in pointing, position, unit)
            for position, token in enumerate(tokens)
            if token in counted
            for unit in units_of.get(token, ())
        ]
        if found:
            return min(found)[2]
    return None


# Words of the language tables, gathered once per language or set of languages (they are fixed while
# the process runs).


@cache
def _pointing_words(codes: tuple[str, ...]) -> frozenset[str]:
    """The demonstratives and articles (see `asked_unit`)."""
    return frozenset(w for t in map(language, codes) for w in (*t.demonstratives, *t.articles))


@cache
def _units_by_word(code: str) -> Mapping[str, tuple[str, ...]]:
    """Each word for a unit of time, with the units it names."""
    by_word: dict[str, list[str]] = {}
    for unit, words in language(code).span_units.items():
        for word in words:
            by_word.setdefault(word, []).append(unit)
    return {w: tuple(u) for w, u in by_word.items()}


@cache
def _span_or_order_words(codes: tuple[str, ...]) -> frozenset[str]:
    """Every word that may ask for a span or an order (see `_read_span`)."""
    return frozenset(
        w
        for t in map(language, codes)
        for w in (
            *(w for units in t.span_units.values() for w in units),
            *t.span_words,
            *t.span_nouns,
            *t.order_words,
            *t.remaining_words,
            *t.relative_words,
        )
    )


@cache
def _evidence_words(codes: tuple[str, ...]) -> frozenset[str]:
    """The words that ask for a span or order, which name no dated thing (see `Spanner._evidence`)."""
    return frozenset(
        w
        for t in map(language, codes)
        for w in (
            *t.span_words,
            *t.order_words,
            *t.relative_words,
            *(w for words in t.span_units.values() for w in words),
            *t.span_counting,
            *t.remaining_words,
            *(w for phrase in t.same_time_phrases for w in phrase),
        )
    )


def _counted(tokens: Sequence[str]) -> set[str]:
    """The words that may name a unit a span is counted in: not a year's own word (see
    `follows_a_year`)."""
    return {t for i, t in enumerate(tokens) if not follows_a_year(tokens, i)}


def is_span_question(
    tokens: Sequence[str], kind: str | None, tables: Sequence[Language]
) -> tuple[bool, bool]:
    """(asks for a span, asks for an order) from the question's words and kind (see `_read_span`)."""
    return _read_span(tuple(tokens), kind, tuple(t.code for t in tables))


@lru_cache(maxsize=1024)  # each kind of span or order answer asks it of the same question
def _read_span(tokens: tuple[str, ...], kind: str | None, codes: tuple[str, ...]) -> tuple[bool, bool]:
    """(asks for a span, asks for an order) from the question's words and kind.

    A span is asked "how long", or "how many" of a unit of time, or with a span word ("between",
    "elapsed") in a question that asks no who, where or why; an order, with an order word
    ("earlier", "first"), or a relative one with a choice ("before or after?"), in a question that
    asks no who, where, why or how many."""
    tables = tuple(language(code) for code in codes)
    words = set(tokens)
    if _span_or_order_words(codes).isdisjoint(words):
        # No word of time, span or order (most questions): only "how long" asks for a span.
        return kind == "how_long", False
    counted = _counted(tokens)
    unit = any(counted & units for table in tables for units in table.span_units.values())
    plain = kind in (None, "what", "when", "how", "how_long", "how_many")
    span_word = any(words & table.span_words for table in tables)
    # "time between the vote and the coup?": a word for a stretch of time beside a span word asks too.
    stretch = any(words & table.span_nouns for table in tables)
    # "days from the vote to the coup", "time from the vote to the coup": a range with a unit or a
    # stretch of time asks for a span.
    span_word = span_word or (
        (unit or stretch)
        and any(start in words and end in words for table in tables for start, end in table.span_ranges)
    )
    # "How much earlier than its planned end was it broken?": an amount of an order is a span. After an
    # article ("the earlier peace treaty", "an earlier pact") the word only describes a thing.
    # Before a word for an anniversary, an ordinal counts years: "its first anniversary" is a day.
    ordered = any(
        word in table.order_words
        and not (at and tokens[at - 1] in table.articles)
        and not table.anniversary_words.intersection(tokens[at + 1 : at + 2])
        for at, word in enumerate(tokens)
        for table in tables
    )
    # "How much time was left on it then?": an amount of time, or of what was left of a term, is a span.
    remaining = any(words & table.remaining_words for table in tables)
    span = kind == "how_long" or (kind == "how_many" and (unit or ordered or stretch or remaining))
    # "What border did it draw between Alpha and Beta?": "between" with a what names a relationship.
    timed = kind in ("when", "how", "how_long", "how_many")
    span = span or (plain and span_word and (unit or timed or stretch))
    # "Which came first, A or B?" offers a choice; "which earlier treaty did it confirm?" asks for one
    # thing and its order word only describes it. A question that opens with the word ("ar" in
    # Lithuanian) asks yes or no with it.
    offered = set(tokens[1:])
    ordering = ordered or any(
        bool(words & table.relative_words) and table.choice_word in offered for table in tables
    )
    choice = any(table.choice_word in offered for table in tables if table.choice_word)
    order = kind in (None, "what", "when") and ordering and (choice or kind is None)
    return span, order


def pick_two(
    things: Sequence[DatedThing],
    evidence: Sequence[Evidence],
    years: set[int],
    min_share: float,
    topic_alone: bool = False,
    nth: tuple[int, frozenset[int]] | None = None,
    due: frozenset[int] = frozenset(),
    same_day: bool = False,
    one_due: bool = False,
    bystanders: frozenset[int] = frozenset(),
    deeds: frozenset[int] = frozenset(),
) -> tuple[DatedThing, DatedThing, float] | None:
    """The two things the question names, earliest first, and the share of its weight they explain.
    Two of one date are a pair only if `same_day` allows it.

    They are chosen as a pair (see below). Each must be named by a word of its own, unless
    `topic_alone` lets the topic name one ("how old was the treaty when ..."): "how long was the
    treaty in force?" names one thing, not two. `nth` is (piece of evidence, numbers): of the things
    that happened and that piece names, only those at these places by date (-1: the last) keep it.
    `due` are the pieces that name a date that was due ("the expiry date"): only such dates keep them.
    With `one_due`, one of the two is such a date ("how long would it have lasted?"). `bystanders`
    are the pieces that name a person, place or state, `deeds` those that are words the file
    knows: a thing that happened, named by bystanders alone, is only where they were, not what the
    question counts from, when a deed of the question is left unexplained ("... join the League?").
    """
    pieces, total, covering = _coverage(things, evidence, years)
    if due:
        covering = _only_due(covering, due)
    if one_due:
        covering = _latest_due(covering, pieces)
    if nth is not None:
        covering = _only_nth(covering, *nth)
        chosen = [(c, t) for c, t in covering if nth[0] in c and not t.scheduled]
        if len(nth[1]) == 2 and len(chosen) == 2:
            # "the first and the second extension": the series names both things of the pair
            (one_covered, one), (other_covered, other) = chosen
            share = sum(pieces[i].weight for i in one_covered | other_covered) / total
            if share < min_share:
                return None
            first, last = sorted((one, other), key=_first_day)
            return first, last, share
    scored = [
        (sum(pieces[i].weight for i in covered), covered, thing)
        for covered, thing in covering
        if topic_alone or any(i >= len(evidence) or not evidence[i].context for i in covered)
    ]
    if len(scored) < 2:
        return None
    # Of the pairs, the one that explains most of the question; of equals, the one with more of the
    # topic's own dates (and fewer scheduled ones), then the one whose things that happened are named
    # by more of its words, then the one whose two things share the fewest of them (each named by
    # words of its own), then the earlier.
    found: tuple[tuple[float, int, float, float], DatedThing, DatedThing, float] | None = None
    for (_, one_covered, one), (_, other_covered, other) in itertools.combinations(scored, 2):
        if one.date == other.date and not same_day:
            continue  # no time between them to tell
        if one_due and not (one.scheduled or other.scheduled):
            continue
        only_one, only_other = one_covered - other_covered, other_covered - one_covered
        if not topic_alone and not (only_one and only_other):
            continue  # one word naming two things ("how long was it valid?") names one span, not two
        if deeds - one_covered - other_covered and any(
            not t.scheduled and covered and covered <= bystanders
            for t, covered in ((one, one_covered), (other, other_covered))
        ):
            continue  # "how long after the treaty did Alpha join the League?": nothing here is the joining
        if any(
            t.scheduled and not _named(t, own, len(evidence), things)
            for t, own in ((one, only_one), (other, only_other))
        ):
            continue
        union = round(sum(pieces[i].weight for i in one_covered | other_covered), 6)
        shared = round(
            sum(
                pieces[i].weight
                for i in one_covered & other_covered
                if i >= len(evidence) or not evidence[i].context
            ),
            6,
        )
        preferred = one.topic_date + other.topic_date - one.scheduled - other.scheduled
        # Beside a scheduled date, the thing that happened is the one named by more of the words.
        happened = round(
            sum(
                pieces[i].weight
                for t, c in ((one, one_covered), (other, other_covered))
                if not t.scheduled
                for i in c
            ),
            6,
        )
        key = (union, preferred, happened, -shared)
        if found is None or key > found[0]:
            found = (key, one, other, union / total)
    if found is None:
        return None
    _, best, second, share = found
    if share < min_share:
        return None
    first, last = sorted((best, second), key=lambda t: t.date.first_day)
    return first, last, share


class Series(NamedTuple):
    """ "The second extension", "the first and the second extension": a noun, and which of the things
    it names the question means."""

    words: frozenset[str]  # the ordinals ("second") or the words for the last ("last")
    noun: str
    numbers: frozenset[int]  # 1, 2, ...; -1 for the last


def in_series(tokens: Sequence[str], index: Index) -> Series | None:
    """The ordinals ("second", "antrasis", "второе"; "2nd" reads as "second") or words for the last ("last",
    "paskutinis") before the first noun that follows them ("its last extension", "the first and the
    second extension"). In "extended the second time" the noun is a word for an occasion, and the
    deed before the ordinal names the series."""
    words: set[str] = set()
    numbers: set[int] = set()
    apart = False  # a stop word since the last ordinal: "the first and the second" joins two
    deed = ""  # the last word before the first ordinal that is no stop word
    for position, token in enumerate(tokens):
        number = _series_number(token, index)
        if number is not None:
            words.add(token)
            numbers.add(number)
            apart = False
        elif numbers and not apart and token in index.occasion_words:
            # "extended the second time": the deed before the ordinal names the series; in "pirmą
            # kartą pratęsta" the deed comes after the word for the occasion
            after = next((t for t in tokens[position + 1 :] if t not in index.stopwords), "")
            deed = after if deed in index.topic_words or not deed else deed
            return Series(frozenset(words), deed, frozenset(numbers)) if deed else None
        elif numbers and token in index.stopwords:
            apart = True
        elif numbers:
            if apart or token in index.span_unit_words:
                # "how long did it last from signing ...", "... last in years?": the verb, no place
                # in a series; an ordinal stands right before its noun
                return None
            return Series(frozenset(words), token, frozenset(numbers))
        elif token not in index.stopwords:
            deed = token
    return None


def _series_number(token: str, index: Index) -> int | None:
    if index.last_words.get(token) is not None:
        return -1
    return index.ordinal_starts.get(token)


def _only_nth(
    covering: list[tuple[set[int], DatedThing]], piece: int, numbers: frozenset[int]
) -> list[tuple[set[int], DatedThing]]:
    """`covering` with `piece` kept only by the things that happened, that it names, and that stand at
    one of `numbers` by date (-1: the last): "the second extension" names one extension, not each."""
    chosen = _at_places(_in_series(covering, piece), numbers)
    if not chosen:
        return covering
    trimmed = [
        (covered - {piece} if not thing.scheduled and thing not in chosen else covered, thing)
        for covered, thing in covering
    ]
    return [(covered, thing) for covered, thing in trimmed if covered]


def _in_series(covering: list[tuple[set[int], DatedThing]], piece: int) -> list[DatedThing]:
    """The things that happened that `piece` names, by date: the series an ordinal picks from."""
    return sorted((t for covered, t in covering if piece in covered and not t.scheduled), key=_first_day)


def _at_places(things: Sequence[DatedThing], numbers: frozenset[int]) -> list[DatedThing]:
    """The `things` at the places `numbers` give (1 the first, -1 the last)."""
    places = {n - 1 if n > 0 else len(things) + n for n in numbers}
    return [t for place, t in enumerate(things) if place in places]


def _only_due(
    covering: list[tuple[set[int], DatedThing]], due: frozenset[int]
) -> list[tuple[set[int], DatedThing]]:
    """`covering` with the pieces in `due` ("expiry", "term") kept only by the dates that were due; of
    those named by nothing else, only the latest: "its expiry date" is the last one set."""
    named_only = [t for covered, t in covering if t.scheduled and covered <= due]
    latest = max(named_only, key=_first_day, default=None)
    kept = []
    for covered, thing in covering:
        if not thing.scheduled:
            covered = covered - due
        elif covered <= due and thing is not latest:
            continue
        if covered:
            kept.append((covered, thing))
    return kept


def _latest_due(
    covering: list[tuple[set[int], DatedThing]], pieces: Sequence[Evidence]
) -> list[tuple[set[int], DatedThing]]:
    """`covering` with each piece that names dates that were due only by the words for what set them
    kept by the latest of those dates: "its extended end date" is the end as last set, not each end
    an extension once set. A piece that names one such date by its own words names only those."""
    own: set[int] = set()  # pieces that name some date that was due by its own words
    latest: dict[int, DatedThing] = {}  # of the others, the latest date each names through setters
    for covered, thing in covering:
        if not thing.scheduled:
            continue
        for i in covered:
            if not _by_setters_only(pieces[i], thing):
                own.add(i)
            elif i not in latest or _first_day(thing) > _first_day(latest[i]):
                latest[i] = thing
    kept = []
    for covered, thing in covering:
        if thing.scheduled:
            covered = {
                i
                for i in covered
                if not _by_setters_only(pieces[i], thing) or (i not in own and latest[i] is thing)
            }
        if covered:
            kept.append((covered, thing))
    return kept


def _by_setters_only(piece: Evidence, thing: DatedThing) -> bool:
    """`piece` names the date that was due `thing` only by the words of what set it."""
    if piece.entity is not None and piece.entity in thing.entities:
        return False
    return bool(piece.stems & thing.setters) and not piece.stems & (thing.stems - thing.setters)


def _first_day(thing: DatedThing) -> dt.date:
    return thing.date.first_day


def _named(thing: DatedThing, own: set[int], words: int, things: Sequence[DatedThing]) -> bool:
    """A date that was only due is named by words of its own, or by a year in which nothing else
    happened: "1855" may be the year of an extension before it is that of a planned expiry."""
    if any(i < words for i in own):
        return True
    return bool(own) and not any(t.date.year == thing.date.year and not t.scheduled for t in things)


def pick_one(
    things: Sequence[DatedThing], evidence: Sequence[Evidence], years: set[int], min_share: float
) -> tuple[DatedThing, float] | None:
    """The one thing a question names, by the share of its weight the thing explains; of equals, the
    topic's own dates, then the earlier. The topic alone names its own dates ("when was it signed")."""
    pieces, total, covering = _coverage(things, evidence, years)
    best: tuple[tuple[float, bool], DatedThing, float] | None = None
    for covered, thing in covering:
        weight = round(sum(pieces[i].weight for i in covered), 6)
        key = (weight, thing.topic_date)
        if best is None or key > best[0]:
            best = (key, thing, weight / total)
    if best is None or best[2] < min_share:
        return None
    return best[1], best[2]


def _coverage(
    things: Sequence[DatedThing], evidence: Sequence[Evidence], years: set[int]
) -> tuple[list[Evidence], float, list[tuple[set[int], DatedThing]]]:
    """The question's pieces of evidence (its words and names, and each year it names, weighing as
    much as an average word), their total weight, and for each thing that covers any, which."""
    year_weight = sum(e.weight for e in evidence) / len(evidence) if evidence else 1.0
    pieces = [*evidence, *(Evidence(frozenset(), None, year_weight) for _ in years)]
    year_of = {len(evidence) + i: year for i, year in enumerate(sorted(years))}
    covering = []
    for thing in things:
        covered = {
            i
            for i, e in enumerate(evidence)
            if (e.entity is not None and e.entity in thing.entities) or (e.stems & thing.stems)
        }
        covered |= {i for i, year in year_of.items() if thing.date.year == year}
        if covered:
            covering.append((covered, thing))
    return pieces, sum(p.weight for p in pieces) or 1.0, covering


def span_text(question: SpanQuestion, table: Language) -> str:
    first, second = question.first, question.second
    lines = [
        f"• {format_asked(first.date, table.table)}: {pick(first.text, table.code)}",
        f"• {format_asked(second.date, table.table)}: {pick(second.text, table.code)}",
    ]
    if first.date.year == second.date.year and None in (first.date.month, second.date.month):
        # "1855" and "3 May 1855": the file cannot say which came first, nor how far apart they were
        return "\n".join([*lines, str(table.template("span_same_year")).format(year=first.date.year)])
    span = format_between(first.date, second.date, question.unit, table.table)
    key = "span_order" if question.order else "span_between"
    return "\n".join([*lines, str(table.template(key)).format(span=span)])
