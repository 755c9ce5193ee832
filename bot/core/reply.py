"""Stage 4, the reply: the `Answer` the platforms show, in the asker's language.

Owns what an answer carries besides its text: title, confidence, sources, related facts, the
"untranslated" note; a decline with its "did you mean" suggestions; the prompt for an empty
question; the help text with example questions; and answering a fact by id (a related-fact button).
The text of a fact's answer itself, stored or computed from the data, comes from `Composer`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.core.answer import Answer, Outcome, RelatedFact, Source
from bot.core.claims import TOPIC_NAMES, Claim, ordinals, read_answers, says_only, verdict
from bot.core.compute import Asked, Composer
from bot.core.factfile import Entity
from bot.core.index import TOPIC, Candidate, Index, all_texts
from bot.core.language import language
from bot.core.normalize import fold
from bot.core.ranking import Scored
from bot.core.reading import Question
from bot.core.spans import asked_unit
from bot.core.texts import DEFAULT_LANG, pick
from bot.core.tuning import (
    CARD_NAME_WITHIN,
    DECLINE_SUGGESTIONS,
    HELP_EXAMPLES,
    HELP_SOURCES,
    RELATED_SHOWN,
    STRONG,
    SUGGESTION_CUT,
    WEAK,
)

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")  # "Pact (in Betan: ...)": a note, not the name


class Replier:
    """Writes the replies for one `Index`'s fact file."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.facts = index.facts
        self.composer = Composer(index.facts)
        # The folded words of every entity's names, and of the topic's: a claim's names, set aside
        # when it is checked whether the claim only restates the answer.
        topic = index.facts.topic
        self.name_words = {
            e.id: frozenset(w for text in all_texts(e.name, e.aliases) for w in fold(text).split())
            for e in index.facts.entities.values()
        }
        self.name_words[TOPIC_NAMES] = frozenset(
            w for text in all_texts(topic.name, topic.short, topic.aliases) for w in fold(text).split()
        )
        # candidate key -> the stems its writer gave as what it is about (see `verdict`), filled as asked
        self._fact_words: dict[str, frozenset[str]] = {}

    def warm_up(self) -> None:
        """Read now, not on the first claim each settles, the answers of the facts and cards as they
        stand (a computed answer that depends on the question is read when asked), and what each
        candidate's writer gave as its subject."""
        for lang in self.index.languages:
            tables = (lang, language(DEFAULT_LANG))
            read_answers((self._plain_text(c, lang.code) for c in self.index.candidates), tables)
        for candidate in self.index.candidates:
            self._writers_words(candidate)

    def _plain_text(self, candidate: Candidate, lang: str) -> str:
        """The candidate's answer text when the question names nothing it depends on."""
        if candidate.fact is not None:
            return self.composer.fact_text(candidate.fact, lang, Asked())
        assert candidate.entity is not None
        return self._card_text(candidate.entity, lang)

    def _writers_words(self, candidate: Candidate) -> frozenset[str]:
        """The stems the candidate's writer gave as what it is about (see `verdict`)."""
        fact_words = self._fact_words.get(candidate.key)
        if fact_words is None:
            fact_words = frozenset(s for s, strength in candidate.terms.items() if strength >= STRONG)
            self._fact_words[candidate.key] = fact_words
        return fact_words

    def answer(self, candidate: Candidate, question: Question, confidence: float) -> Answer:
        facts = self.facts
        lang = question.lang
        if candidate.fact is not None:
            fact = candidate.fact
            tables = (language(lang), language(DEFAULT_LANG))
            # the sides asked about: "signed it with Beta" names the other side, not Beta's signers
            # and a party named only in the context around the question ("an essay on Beta's history")
            # asks for no side
            around = {u.entity for u in question.units if u.aside} - {
                u.entity for u in question.units if not u.aside
            }
            sides = tuple(e for e in question.entities if e not in question.partners and e not in around)
            asked = Asked(question.date, sides, asked_unit(question.focus, tables))
            text = self.composer.fact_text(fact, lang, asked)
            if fact.compute not in ("in_force_on", "events_on", "timeline"):  # those say yes or no themselves
                text = self._with_verdict(question, fact.entities, text, candidate)
            if fact.compute is None and lang not in fact.answer:
                # Untranslated: the English text, with a short note in the asker's language.
                note = self.composer.texts.get("lang_fallback", lang)
                text = f"{text}\n\n{note}" if note else text
            title = pick(fact.title, lang)
            related = tuple(
                RelatedFact(r, pick(facts.facts[r].title, lang)) for r in fact.related if r in facts.facts
            )
            fact_ids: tuple[str, ...] = (fact.id,)
            source_ids = fact.sources or facts.topic.sources
        else:
            assert candidate.entity is not None
            entity = candidate.entity
            text = self._with_verdict(question, (entity.id,), self._card_text(entity, lang), candidate)
            title = pick(entity.name, lang)
            about = self.index.entity_facts.get(entity.id, ())
            related = tuple(RelatedFact(f, pick(facts.facts[f].title, lang)) for f in about[:RELATED_SHOWN])
            fact_ids = ()
            source_ids = entity.sources or facts.topic.sources
        sources = tuple(
            Source(facts.sources[s].title, facts.sources[s].url) for s in source_ids if s in facts.sources
        )
        return Answer(
            question=question.raw,
            outcome=Outcome.ANSWERED,
            text=text,
            title=title,
            confidence=round(confidence, 3),
            fact_ids=fact_ids,
            sources=sources,
            related=related[:RELATED_SHOWN],
            lang=lang,
        )

    def combine(self, replies: Sequence[Answer]) -> Answer:
        """One reply to a question in several parts: each part's answer, in order."""
        shown = {f for reply in replies for f in reply.fact_ids}
        related = dict.fromkeys(r for reply in replies for r in reply.related if r.fact_id not in shown)
        return dataclasses.replace(
            replies[0],
            text="\n\n".join(reply.text for reply in replies),
            fact_ids=tuple(dict.fromkeys(shown_id for reply in replies for shown_id in reply.fact_ids)),
            confidence=min(reply.confidence for reply in replies),
            related=tuple(related)[:RELATED_SHOWN],
        )

    def _with_verdict(
        self, question: Question, about: tuple[str, ...], text: str, candidate: Candidate
    ) -> str:
        """`text`, opened with Yes or No when the question is a claim that the text settles."""
        if not question.yes_no:
            return text
        tables = (language(question.lang), language(DEFAULT_LANG))
        # A claimed name the answering fact knows by its own words ("Christmas Day" in its phrasings)
        # is borne out by it; the others are values to find in its answer.
        names = tuple(
            n for n in question.claimed_names if not any(candidate.terms.get(s) for s in self.index.stems(n))
        )
        # A name ruled out ("signed in Alpha City, not Beta City?") is not part of what is claimed.
        claim = Claim(
            " ".join(question.focus) or question.folded,
            tuple(e for e in question.entities if e not in question.ruled_out),
            question.numbers,
            names,
            negated=question.negated,
            month=question.date.month if question.date is not None else None,
            ordinals=ordinals(question.focus, tables),
            partners=question.partners,
            exclusive=says_only(question.folded.split(), tables),
        )
        # The words of the claim beyond its names ("signed in ...?"): the fact must match one of them.
        said = [u for u in question.said if not u.aside]
        matched = not said or any(candidate.terms.get(s, 0.0) >= WEAK for u in said for s in u.stems)
        fact_words = self._writers_words(candidate)
        found = verdict(
            claim,
            about,
            text,
            self.facts,
            tables,
            self.name_words,
            predicate_matched=matched,
            fact_words=fact_words,
        )
        if found is None:
            return text
        return str(tables[0].template("verdict_yes" if found else "verdict_no")).format(text=text)

    def _card_text(self, entity: Entity, lang: str) -> str:
        """An entity's card: its description, opened with its name when the description does not name it."""
        description = pick(entity.description, lang)
        name = pick(entity.name, lang)
        opening = f" {fold(description)[:CARD_NAME_WITHIN]} "
        names = [fold(n) for n in (name, *entity.aliases.get(lang, ()), *entity.aliases.get("en", ()))]
        if entity.id == TOPIC or any(n and f" {n} " in opening for n in names):
            return description  # it names the entity where a reader starts
        return f"{name[:1].upper()}{name[1:]}: {description}"

    def answer_fact(self, fact_id: str, lang: str) -> Answer:
        """The answer of one fact by id, as if its first phrasing had been asked; declined if unknown."""
        index = self.index.fact_candidate.get(fact_id)
        if index is None:
            return Answer(
                question=fact_id,
                outcome=Outcome.DECLINED,
                lang=lang,
                text=self.composer.texts.get("declined", lang),
                suggestions=self._top_questions(lang, DECLINE_SUGGESTIONS),
            )
        candidate = self.index.candidates[index]
        question = Question(
            raw=candidate.canonical.get(lang) or candidate.canonical.get("en", fact_id),
            folded="",
            lang=lang,
            kind=None,
            units=(),
            entities=(),
            date=None,
            content="",
        )
        return self.answer(candidate, question, 1.0)

    def decline(self, question: Question, ranked: list[Scored]) -> Answer:
        """Decline ("I'm not sure"), offering the best-scoring candidates' questions instead."""
        lang = question.lang
        suggestions: list[str] = []
        for scored in ranked:
            if scored.score < SUGGESTION_CUT or len(suggestions) == DECLINE_SUGGESTIONS:
                break
            text = pick(scored.candidate.canonical, lang)
            if text and text not in suggestions:
                suggestions.append(text)
        key = "declined_suggest" if suggestions else "declined"
        confidence = ranked[0].score if ranked else 0.0
        return Answer(
            question=question.raw,
            outcome=Outcome.DECLINED,
            lang=lang,
            text=self.composer.texts.get(key, lang),
            confidence=round(min(max(confidence, 0.0), 1.0), 3),  # kind penalties can push a score below 0
            suggestions=tuple(suggestions),
        )

    def empty(self, question: Question) -> Answer:
        """The prompt for a question with nothing in it, with an example to ask."""
        return Answer(
            question=question.raw,
            outcome=Outcome.EMPTY,
            lang=question.lang,
            text=self.composer.texts.get("empty", question.lang, example=self._example(question.lang)),
        )

    def smalltalk(self, question: Question) -> Answer:
        """A greeting or thanks, not a question: a greeting back, what the bot knows about, and an
        example to ask. Not a decline: nothing was asked that went unanswered."""
        lang = question.lang
        return Answer(
            question=question.raw,
            outcome=Outcome.EMPTY,
            lang=lang,
            text=self.composer.texts.get(
                "smalltalk",
                lang,
                topic=_PARENTHESIS.sub("", pick(self.facts.topic.name, lang)),
                example=self._example(lang).rstrip("?"),
            ),
        )

    def help(self, lang: str, question: str) -> Answer:
        texts = self.composer.texts
        topic = self.facts.topic
        examples = [f"• {q}" for q in self._top_questions(lang, HELP_EXAMPLES)]
        titles = ", ".join(pick(f.title, lang) for f in self.facts.facts.values())
        text = "\n".join(
            [
                pick(topic.summary, lang),
                "",
                texts.get("help_intro", lang, topic=pick(topic.name, lang)),
                *examples,
                "",
                f"{texts.get('help_topics', lang)} {titles}.",
            ]
        )
        sources = tuple(Source(s.title, s.url) for s in self.facts.sources.values())
        return Answer(
            question=question,
            outcome=Outcome.HELP,
            text=text,
            lang=lang,
            title=texts.get("help_title", lang),
            confidence=1.0,
            sources=sources[:HELP_SOURCES],
        )

    def _example(self, lang: str) -> str:
        examples = self._top_questions(lang, 1)
        return examples[0] if examples else "help"

    def _top_questions(self, lang: str, limit: int) -> tuple[str, ...]:
        """The first phrasing of each of the file's first `limit` facts, in `lang` where it has one."""
        result = []
        for fact in list(self.facts.facts.values())[:limit]:
            text = pick({k: v[0] for k, v in fact.phrasings.items() if v}, lang)
            if text:
                result.append(text)
        return tuple(result)
