"""The question matcher: understands a question, picks the fact that answers it, or declines.

`FactEngine` is the one object the rest of the bot uses; it only wires five stages, each in its own
module, built once per fact file:

1. `bot.core.index`: the fact file's candidates (facts and entity cards) folded, tokenised and
   stemmed into an inverted index, with the vocabulary and aliases the reader needs.
2. `bot.core.reading` (with `bot.core.names`): a question becomes a `Question`: its language, typo
   corrections, the entities and date it names, its kind, and weighed units for its other words.
3. `bot.core.ranking`: candidates scored by how much of the question they cover, reranked by
   phrasing similarity; then answer or decline.
4. `bot.core.reply`: the `Answer` (text via `bot.core.compute`), a decline with suggestions, help.
5. `bot.core.suggest`: autocomplete from the fact file's phrasings.

Every tuning number lives in `bot.core.tuning`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.core.answer import Answer, Outcome
from bot.core.claims import gives_a_day
from bot.core.factfile import FactBase
from bot.core.index import Candidate, Index
from bot.core.language import all_languages, language
from bot.core.ranking import Ranker
from bot.core.reading import Question, Reader, known_language
from bot.core.reply import Replier
from bot.core.spans import Spanner
from bot.core.suggest import Suggester
from bot.core.texts import DEFAULT_LANG
from bot.core.tuning import SPAN_FACT_MARGIN, STRONG_MATCH, SUGGEST_MAX


class FactEngine:
    """Answers questions from one validated `FactBase`."""

    def __init__(self, facts: FactBase, default_lang: str = DEFAULT_LANG) -> None:
        self.facts = facts
        # The answer language when neither the question nor the platform shows one. English stays
        # the fallback table for words, whatever this is.
        self.default_lang = known_language(default_lang) or DEFAULT_LANG
        self.languages = all_languages()
        self.index = Index(facts, self.languages)
        self.reader = Reader(self.index, self.default_lang)
        self.ranker = Ranker(self.index)
        self.replier = Replier(self.index)
        self.suggester = Suggester(facts)
        self.spanner = Spanner(self.index)

    def ask(self, question: str, lang: str | None = None, hint: str | None = None) -> Answer:
        """Answer `question`. `lang` forces the answer's language; `hint` (e.g. the asker's locale) is
        used only when the question itself does not show its language."""
        understood = self.reader.understand(question, lang, hint)
        answer = self._answer_read(understood)
        if answer.outcome not in (Outcome.DECLINED, Outcome.ANSWERED):
            return answer
        clauses = self.reader.clauses(question)
        # A single claim is checked whole: "registered in 1850, right after it was signed?" is no
        # two questions.
        one_claim = (
            understood.yes_no
            and understood.kind is None
            and question.count("?") <= 1
            and not any(self.reader.asks_something(c) for c in clauses[1:])
        )
        # "How old was it, counting from the signing, when it got its first extension?": a span asked
        # with a clause that says when its end is; the "when" asks nothing of its own.
        spanned_to_when = (
            answer.outcome is Outcome.ANSWERED
            and len(clauses) > 1
            and self.spanner.asks_span_or_order(understood)
            and any(self.reader.opens_time_clause(c) for c in clauses[1:])
            and self.spanner.answer(understood) is not None
        )
        if not one_claim and not spanned_to_when:
            # "Where was it concluded, and in which capital were ratifications exchanged?": a message
            # that asks several questions gets each answered, when each one is.
            pieces = self._answer_pieces(clauses, lang or answer.lang)
            if pieces is not None and (
                answer.outcome is Outcome.DECLINED or len(pieces.fact_ids) > len(answer.fact_ids)
            ):
                return dataclasses.replace(pieces, question=answer.question)
        return answer

    def _answer_pieces(self, clauses: list[str], lang: str) -> Answer | None:
        """The answers to each question of a message that asks several (its `clauses`, see
        `Reader.clauses`), those answered with confidence, in order; None if none is."""
        answered: list[Answer] = []
        for piece in clauses:
            answer = self._ask_whole(piece, lang, None)
            if answer.outcome is not Outcome.ANSWERED:
                # One question it cannot answer may be about another subject that the others lean
                # on ("When was the Baltic Entente formed, and which states were members?").
                return None
            if not any(a.fact_ids == answer.fact_ids for a in answered):
                answered.append(answer)
        return self.replier.combine(answered) if answered else None

    def _ask_whole(self, question: str, lang: str | None, hint: str | None) -> Answer:
        return self._answer_read(self.reader.understand(question, lang, hint))

    def _answer_read(self, understood: Question) -> Answer:
        if understood.help:
            return self.replier.help(understood.lang, question=understood.raw)
        if not understood.folded:
            return self.replier.empty(understood)
        if understood.smalltalk:
            return self.replier.smalltalk(understood)
        if understood.arithmetic:
            return self.replier.decline(understood, [])
        # Whatever else the question shares with the file's facts or dates: "Who was the president when
        # it was signed?" (the file has no president); "Alpha took the port in 1790, so how many years
        # before the treaty was that?" (the file has nothing at that time to count from).
        if understood.asks_unknown or (understood.unplaced and self.spanner.asks_span_or_order(understood)):
            return self.replier.decline(understood, self.ranker.rank(understood))
        weekday = self.spanner.weekday(understood)  # "what day of the week was it signed?"
        if weekday is not None:
            return weekday
        anniversary = self._of_an_anniversary(understood)  # "did it live to see its 10th anniversary?"
        if anniversary is not None:
            return anniversary
        ordered = self.spanner.order_claim(understood)  # "was it ratified before the coup?"
        if ordered is not None:
            return ordered
        same_time = self.spanner.same_time_claim(understood)  # "did it take effect the day it was signed?"
        if same_time is not None:
            return same_time
        nth = self.spanner.nth_claim(understood)  # "the second extension was in 1850, right?"
        if nth is not None:
            return nth
        if understood.parts and not understood.yes_no:  # a claim is checked whole
            both = self._answer_parts(understood)
            if both is not None:
                return both
        ranked = self.ranker.rank(understood)
        best = self.ranker.decide(understood, ranked)
        # The time between two dated things ("how many weeks from the vote to the coup?"), unless the
        # best fact computes that very span ("how long was it in force?"), or computes a span and
        # explains the question better than the two things do.
        span_fact = self._span_of(best.candidate) if best else None
        spanned = self.spanner.answer(understood, unless=span_fact)
        # A fact that says how long, asked how long and fitting at least as well, keeps it too ("for
        # how long was it concluded at the start?" is its term, not the time since the talks began).
        # Neither keeps what would have been: "how long would it have lasted to its planned end?".
        keeps = (
            best is not None
            and not understood.would
            and (
                span_fact is not None
                or (
                    understood.kind == "how_long"
                    and "how_long" in best.candidate.asks
                    and best.score >= STRONG_MATCH
                )
            )
        )
        if spanned is not None and (
            best is None or not keeps or spanned.confidence > best.score + SPAN_FACT_MARGIN
        ):
            return spanned
        if best is None or (
            best.candidate.fact is not None
            and best.candidate.fact.compute == "events_on"
            and not self.spanner.tells_of_named_then(understood)
        ):
            return self.replier.decline(understood, ranked)
        answer = self.replier.answer(best.candidate, understood, min(1.0, best.score))
        # "On which day in March 1850 ...?" asks for a day of that month; a whole date the question
        # states ("extended to 31 March 1850 on what date?") is a value of it, not where to look.
        month = understood.date if understood.date is not None and understood.date.day is None else None
        if understood.asks_day and not gives_a_day(
            answer.text,
            (language(answer.lang), language(DEFAULT_LANG)),
            *((month.year, month.month) if month is not None and month.month is not None else ()),
        ):
            # "on what exact date did ... ?" of a fact that knows only the year: no answer to that.
            return self.replier.decline(understood, ranked)
        return answer

    def _of_an_anniversary(self, question: Question) -> Answer | None:
        """A question about the topic's anniversary and nothing else: "in what year is its 100th
        anniversary?" gets the day; "did it live to see its 15th anniversary?", whether it was in
        force on that day. None for any other question (spans and orders count from the day)."""
        if question.anniversary is None:
            return None
        spanner = self.spanner
        # The fact that says whether the topic was in force on a day, if the file has one.
        in_force = next((self.index.candidates[i] for i in self.index.in_force_candidates), None)
        if question.kind == "when" and not question.yes_no:
            alone = spanner.of_the_topic_alone(question, frozenset(), parties=False)
            return spanner.anniversary(question) if alone else None
        if (
            question.yes_no
            and in_force is not None
            and spanner.of_the_topic_alone(question, frozenset(in_force.terms))
        ):
            return self.replier.answer(in_force, question, STRONG_MATCH)
        return None

    def _span_of(self, candidate: Candidate) -> tuple[dt.date, dt.date] | None:
        """The span a fact computes itself (signature to entry into force, the time in force), if any."""
        topic, fact = self.facts.topic, candidate.fact
        if fact is None:
            return None
        ends = {
            "time_to_effect": (topic.signed, topic.in_force_from),
            "duration": (topic.in_force_from, topic.in_force_until),
        }.get(fact.compute or "")
        if ends is None or ends[0] is None or ends[1] is None:
            return None
        return ends[0], ends[1]

    def _answer_parts(self, question: Question) -> Answer | None:
        """Both parts of "when was it signed and by whom?" in one reply, when each has a confident answer."""
        if any(u.other for u in question.units):
            return None  # "the Alpha-Gamma pact": read whole, the question is about another subject
        replies = []
        for kind, words in zip(question.parts, question.part_words, strict=True):
            # Each part read alone ("..., and where was the instrument concluded?"), unless it says
            # nothing of its own ("when was it signed and by whom?": "by whom" asks of the whole).
            alone = self.reader.understand(words, question.lang)
            says = any(not u.context for u in alone.units)
            part = dataclasses.replace(alone if says else question, kind=kind, parts=(), part_words=())
            best = self.ranker.decide(part, self.ranker.rank(part))
            if best is None:
                return None
            replies.append(self.replier.answer(best.candidate, part, min(1.0, best.score)))
        if len({reply.fact_ids for reply in replies}) < len(replies):
            return None  # one fact answers both parts: the ordinary answer says it
        return self.replier.combine(replies)

    def warm_up(self) -> None:
        """Read now what the engine would otherwise read on first need (the word-frequency tables, the
        dates the file's texts give), so that no asker waits for it: for a long-running bot, not a
        one-question process."""
        self.index.frequency.read_all({lang.code: lang.stem for lang in self.index.languages})
        self.reader.warm_up()  # the dates the file gives, the words a typo may be of
        self.ranker.warm_up()  # the names each answer gives, read on the first question that needs them
        self.replier.warm_up()  # what claims are checked against in each answer, on the first claim
        self.index.stating_year(0)  # which texts state which years, read on the first year asked

    def answer_fact(self, fact_id: str, lang: str | None = None) -> Answer:
        """The answer of one fact by id (a related-fact button); declined if the id is unknown."""
        return self.replier.answer_fact(fact_id, lang or self.default_lang)

    def help(self, lang: str | None = None, question: str = "help") -> Answer:
        return self.replier.help(lang or self.default_lang, question)

    def suggest(self, partial: str, limit: int = SUGGEST_MAX, lang: str | None = None) -> list[str]:
        """Answerable questions that fit `partial`: prefix matches first, then fuzzy ones."""
        return self.suggester.suggest(partial, limit, lang or self.default_lang)

    def suggestable_questions(self) -> set[str]:
        """Every question a decline may suggest ("did you mean ..."), in every language."""
        return {q for candidate in self.index.candidates for q in candidate.canonical.values()}

    def understand(self, question: str, lang: str | None = None, hint: str | None = None) -> Question:
        """How the engine reads `question` (see `bot.core.reading`)."""
        return self.reader.understand(question, lang, hint)

    def detect_language(self, text: str, names: frozenset[int] = frozenset()) -> str | None:
        """The language `text` is written in, or None when it gives no sign."""
        return self.reader.detect_language(text, names)
