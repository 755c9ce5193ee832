"""Stage 3, ranking: which candidates answer a `Question`, and whether the best is good enough.

Owns the scoring. Each candidate scores by *coverage*: the share of the question's weight (rare
words weigh more, unknown words weigh most) that it accounts for, plus a little for answering the
right kind of question and for a named date; the best few are reranked by phrasing similarity.
Coverage is accumulated over the index's postings, walking only the heavy words and pruning the
rest (MaxScore), so a question costs time in proportion to the candidates sharing its words, not to
the size of the fact file. `Ranker.decide` then answers or declines: too little coverage, too many
unknown words, only incidental words matched, or a tie between the two best all decline.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.core.dates import AskedDate
from bot.core.index import ANY_LANGUAGE, TOPIC, YEARS, Candidate, Index, all_texts, sorted_words
from bot.core.names import find_entities
from bot.core.reading import Question, Unit
from bot.core.texts import DEFAULT_LANG
from bot.core.tuning import (
    ABBREVIATION_LETTERS,
    ANSWER_THRESHOLD,
    CLAIMED_YEAR_BONUS,
    CLEAR_LEAD,
    CLEAR_LEAD_THRESHOLD,
    COVERAGE_CACHE_SIZE,
    COVERAGE_SHARE,
    DATE_PREFERENCE,
    DATED_QUESTION_BOOST,
    EVENT_KINDS,
    EVENT_WORD_COMMON_ZIPF,
    EVENT_WORD_SHARE,
    KIND_BROAD_MISMATCH,
    KIND_MATCH_BONUS,
    KIND_MISMATCH,
    KIND_WHO_PERSON_BONUS,
    LARGE_POOL,
    LONG_QUESTION_LEAD,
    LONG_QUESTION_THRESHOLD,
    LONG_QUESTION_WORD_WEIGHT,
    LONG_QUESTION_WORDS,
    MEDIUM,
    NAMING_ALL_MARGIN,
    NEAR_LEAD,
    NEAR_THRESHOLD,
    OTHER_SIDE_CARD_PENALTY,
    PARTIAL_NAME_COVERAGE,
    PHRASING_NEIGHBOURS_FACTOR,
    PRELIMINARY_POOL,
    PRUNE_SHARE,
    RARE_YEAR_BONUS,
    RARE_YEAR_CANDIDATES,
    ROLE_CARD_BONUS,
    ROLE_MARGIN,
    SET_ASIDE_PENALTY,
    SIMILARITY_POOL,
    SIMILARITY_SHARE,
    STATES_MARGIN,
    STRICT_KINDS,
    STRONG,
    TELLING_UNKNOWN_SHARE,
    TIE_CEILING,
    TIE_MARGIN,
    UNKNOWN_SHARE_LIMIT,
    UNKNOWN_WEIGHT_FACTOR,
    WEAK,
)


class Scored(NamedTuple):  # a tuple: made some thirty times a question, and a tuple is made in C
    candidate: Candidate
    score: float


class Ranker:
    """Scores questions against one `Index`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        # the stance words of every language and their stems: one stance asked answers for another
        self._stance_stems = frozenset(
            stem
            for word in index.stance_words
            for stem in (word, *(lang.stem(word) for lang in index.languages))
        )
        # candidate key -> the entities it names: its own list and those its answer's text names.
        # Filled as asked, at most one entry per candidate of the file.
        self._named: dict[str, frozenset[str]] = {}
        self._titled: dict[str, frozenset[str]] = {}  # candidate key -> the entities its title names
        # candidate key -> how strongly it speaks of a stance (approval or disapproval), filled as asked
        self._stances_taken: dict[str, float] = {}
        # an entity id, or a word's stems -> how fully each candidate covers it (see `_unit_coverage`):
        # the same words come back question after question. Bounded, as askers' words are not.
        self._coverage: dict[str | frozenset[str], Mapping[int, float]] = {}

    def decide(self, question: Question, ranked: list[Scored]) -> Scored | None:
        """The candidate to answer `question` with, or None to decline."""
        if not ranked:
            return None
        card = ranked[0].candidate.entity
        if (
            card is not None
            and len(ranked) > 1
            and card.id in ranked[1].candidate.entity_ids
            and not self._speaks_of_the_event(ranked[0].candidate, question)
        ):
            ranked = ranked[1:]  # a card that does not tell of the deed asked: a fact about it may
        best = ranked[0]
        level = len(ranked) > 1 and best.score - ranked[1].score < TIE_MARGIN
        role = question.asks_role
        if level and role and _card_of_named_person(ranked[1].candidate, best.candidate):
            best = ranked[1]  # "what office did Ann Smith hold when ...?": her card, not the event
        elif level and not role and _card_of_named(best.candidate, ranked[1].candidate, question):
            best = ranked[1]  # "Alpha City's status": the fact about the city, not the city's card
        if question.kind == "what" and not question.yes_no:
            best = self._naming_all(question, ranked, best)
        if question.asks_states and not question.yes_no:
            best = self._naming_most_states(ranked, best)
        best = self._of_the_role(question, ranked, best)
        settled_tie = False
        # A claim naming a treaty the file does not know checks that treaty, not a place or person it
        # names: "Beta said it broke the Treaty of Alpha?" is settled by what Beta said.
        claims_a_treaty = any(u.other and u.name for u in question.units)
        value = None if claims_a_treaty else self._fact_for_claimed_value(question, ranked, best)
        if value is not None:
            return value  # it covers all the claim says beyond the value, which the verdict checks
        if level and question.yes_no:
            # "signed in Alpha City, right?": the claimed place is the value to check; of facts level
            # on the words, the one that speaks of what the claim says was done (signing) settles it.
            even = [s for s in ranked if best.score - s.score < TIE_MARGIN]
            # "was the USSR a member of the Gamma League then?": one that names the Gamma League first.
            # (Only a body: "signed in Alpha City?" claims the place as the value to check, and an event
            # named may only set the time, "in force when the coup took place?".)
            named = self._asked_of_kind(question, "organisation")
            naming = [s for s in even if named and named <= self._names_of(s.candidate)]
            even = naming or even
            deeds = [_deed_coverage(s.candidate, question) for s in even]
            top = max(deeds)
            if top > 0 and deeds.count(top) == 1:
                best, settled_tie = even[deeds.index(top)], True
        if level and not settled_tie and not question.yes_no and question.kind not in ("where", "who"):
            # "What did it say of the Green Valley?": of facts level on the words, the one whose title
            # names what the question names is about it; the others only mention it. (Asked where or
            # who, a name may be a guess at the answer; a claim is settled by its deed, above.)
            even = [s for s in ranked if best.score - s.score < TIE_MARGIN]
            titled = [s for s in even if self._titled_by_the_named(s.candidate, question)]
            if len(titled) == 1:
                best, settled_tie = titled[0], True
        # "What happened in 1950?": a fact computed from dates answers for any year.
        fact = best.candidate.fact
        dated = fact is not None and fact.compute in ("events_on", "in_force_on")
        units = [u for u in question.units if not (dated and u.year)]
        if claims_a_treaty:
            # A claim that names a treaty the file does not know is checked against a fact about
            # another treaty ("it confirmed the Treaty of Alpha?" against the one it confirmed); a
            # fact that speaks of no treaty cannot settle it, nor one that fits the claim no better
            # than loosely ("the Alpha-Gamma Pact put Beta in Gamma's sphere?").
            if best.score < ANSWER_THRESHOLD or not self._of_kinds(
                self._names_of(best.candidate) - {TOPIC}, ("treaty",)
            ):
                return None
            units = [u for u in units if not (u.other and u.name)]
        unknown = sum(u.weight for u in units if not u.known)
        total = sum(u.weight for u in units) or 1.0
        if unknown / total >= UNKNOWN_SHARE_LIMIT:
            return None
        if best.score < ANSWER_THRESHOLD:
            # Below the threshold, a candidate far ahead of every other still answers, provided every
            # word of the question is one the file knows.
            runner_up = next(
                (s.score for s in ranked[1:] if not self._says_the_same_when(question, best, s)), 0.0
            )
            # A claim states its values in its own words ("warmly welcomed", "zero backlash"): they are
            # what is checked, not another subject, so they do not bar a clear lead.
            # In a long question, an everyday word the file does not use ("security", "phase") names no
            # other subject; in a short one it may be all the question is about ("a good pizza place").
            weighty = sum(1 for u in units if not u.context and u.weight >= LONG_QUESTION_WORD_WEIGHT)
            telling = (
                self.index.max_idf * UNKNOWN_WEIGHT_FACTOR * TELLING_UNKNOWN_SHARE
                if weighty >= LONG_QUESTION_WORDS
                else 0.0
            )
            unexplained = any(
                not u.known and (u.other or not question.yes_no) and (u.other or u.weight >= telling)
                for u in units
            )
            lead = best.score - runner_up
            clear = not unexplained and best.score >= CLEAR_LEAD_THRESHOLD and lead >= CLEAR_LEAD
            # Just under the threshold, a smaller lead is enough whatever the words, unless one of
            # them names another subject ("the Alpha-Gamma pact").
            other = any(u.other for u in units)
            # A fact that computes a span, or what a day or year holds, answers exactly that, so it
            # needs a full match: "how many years after the Memel revolt was it signed?" is no
            # question about how long it was in force.
            computed = fact is not None and fact.compute in SPAN_COMPUTES
            near = not other and not computed and best.score >= NEAR_THRESHOLD and lead >= NEAR_LEAD
            # A long question spreads its weight over many words, so even the right fact covers less
            # of it: with enough weighty words, a lower score and lead answer.
            long = (
                not other
                and not computed
                and weighty >= LONG_QUESTION_WORDS
                and best.score >= LONG_QUESTION_THRESHOLD
                and lead >= LONG_QUESTION_LEAD
            )
            if not (clear or near or long):
                return None
        if not (any(not u.context for u in question.units) or question.kind is not None or question.date):
            return None
        if self._of_the_other_side(question, best.candidate):
            return None  # "who was Beta's foreign minister?" is not answered by one who acted for Alpha
        accepted = STRICT_KINDS.get("how_many" if question.asks_number else question.kind or "")
        if accepted and best.candidate.asks and not best.candidate.asks & accepted:
            return None  # "how many articles?": a fact that gives no count does not answer it
        if question.date is not None and not _states_a_year(best.candidate, question.date):
            # "it was signed in March 1850?": of facts level on the words, the one that gives the year
            # ("No — it was signed in 1850" settles "in 1852?": for a claim, any year will do).
            # Of those, one that is about what was asked comes first: "signed in 1855?" is settled by
            # the signing's year, not by a fact of 1855 about something else.
            even = [s for s in ranked if best.score - s.score < TIE_MARGIN]
            even.sort(key=lambda s: not _has_strong_hit(s.candidate, question))
            best = next((s for s in even if _states_a_year(s.candidate, question.date)), None) or next(
                (s for s in even if question.yes_no and _states_a_year(s.candidate)), best
            )
        if self._checks_a_date(question):
            if question.yes_no and not _states_a_year(best.candidate):
                return None  # "Gamma annexed the valley in March 1901?": the fact has no date to check it on
            if not question.yes_no and not _states_a_year(best.candidate, question.date):
                return None  # "what day was the 1840 accord signed?": a fact without 1840 is another time
        if question.kind == "when" and not question.yes_no and not _states_a_year(best.candidate):
            return None  # "in what year did Ann Smith die?": an answer that gives no time says no when
        if question.kind == "who" and not self._names_someone(best.candidate):
            return None  # "who led the coup?": a fact that names nobody does not say who
        if question.asks_states and not question.yes_no and not self._names_a_state(best.candidate):
            return None  # "which countries signed the 1850 convention?": a fact that names none says not
        if question.kind == "where" and not question.yes_no and not self._names_somewhere(best.candidate):
            return None  # "where was the 1850 convention signed?": a fact that names no place says no where
        if not question.yes_no and not self._names_the_treaties_asked(best.candidate, question):
            return None  # "who signed the Locarno Treaties?": the fact about the parties is of another treaty
        # A year only a few candidates give is a strong hit on them ("what happened on 5 July 1850?").
        rare_year = any(
            self.index.candidates[i] is best.candidate for i in self._stating_a_rare_year(question)
        )
        if not (_has_strong_hit(best.candidate, question) or rare_year):
            return None  # only incidental words matched: the fact is not about what was asked
        if not _explains_asking(best.candidate, question, self._stance_stems):
            return None  # "when did X die?": it names X, but nothing in the file speaks of dying
        if not self._speaks_of_the_event(best.candidate, question):
            return None  # "when did Gamma join the League?": the fact names the League, not joining it
        if question.asks_return and not self._tells_of_return(best.candidate):
            return None  # "when did Alpha regain the city?": a fact of its taking says nothing of that
        if question.kind == "when" and not question.yes_no and self._misses_the_named(best, question):
            return None  # "in which year was the Gamma League set up?": a fact that never names it
        if settled_tie or best.score >= TIE_CEILING:
            return best
        # Two candidates that fit as well as each other: neither is the answer. An entity's card level
        # with a fact that names the entity is no rival: the fact says what was asked of it.
        rival = next(
            (
                s
                for s in ranked
                if s is not best
                and not _card_of_named(s.candidate, best.candidate, question)
                and not _related(s.candidate, best.candidate)
                and not (role and _card_of_named_person(best.candidate, s.candidate))
                and not self._says_the_same_when(question, best, s)
            ),
            None,
        )
        return None if rival is not None and abs(best.score - rival.score) < TIE_MARGIN else best

    def _misses_the_named(self, best: Scored, question: Question) -> bool:
        """The question asks when of something it names (no party, no setting), and the answer names
        none of it: its words matched, its subject did not. (Asked where or who, a name may be the
        setting, "who signed in Alpha City?", or a guess at the answer.)"""
        asked = _asked_entities(question) - {TOPIC}
        card = best.candidate.entity
        named = self._names_of(best.candidate) | ({card.id} if card is not None else set())
        return bool(asked) and not asked & named

    def _says_the_same_when(self, question: Question, best: Scored, other: Scored) -> bool:
        """ "Since what year did Beta hold the city?": two texts that give the same years say the
        same when, so the second is no rival to the first."""
        if question.kind != "when" or question.yes_no:
            return False
        years = self.index.years_stated(best.candidate)
        return bool(years) and years == self.index.years_stated(other.candidate)

    def _fact_for_claimed_value(
        self, question: Question, ranked: list[Scored], best: Scored
    ) -> Scored | None:
        """The fact that settles a claim about a place or person it names, when the best match only
        names that thing: the thing's card ("was it signed in Alpha City?" reaching Alpha City's card), or
        a fact that tells of another deed there. The settling fact covers every other word of the claim
        and names another thing of the same kind (the place it was signed in); reached through a fact,
        it must also answer "where" (or "who"). None when the best match settles the claim itself."""
        if not question.yes_no:
            return None
        entities = self.index.facts.entities
        if not question.said:
            return self._fact_of_the_parties(question, ranked)
        # "Poland said it broke the Peace of Riga?": a fact that names every thing the claim names
        # (two or more) is about the claim itself; no other deed's fact settles it better.
        things = set(question.entities) - self.index.context_entities
        if len(things) >= 2 and things <= best.candidate.entity_ids:
            return None
        claimed = best.candidate.entity
        asks: str | None = None
        if claimed is None or claimed.id not in question.entities:
            # "was the treaty signed in Berlin?" reaching the fact that a supplementary treaty was
            # signed there, or that the capital moved there: a fact that names the place but does
            # not say where the deed was done settles nothing; the fact that says where does.
            named = [
                entities[e]
                for e in best.candidate.entity_ids & set(question.entities)
                if e in entities and entities[e].kind in _ASKED_BY_KIND
            ]
            if len(named) != 1 or best.candidate.fact is None:
                return None
            claimed, asks = named[0], _ASKED_BY_KIND[named[0].kind]
        full = sum(u.weight for u in question.said) * STRONG
        if (
            asks is not None
            and asks in best.candidate.asks
            and _deed_coverage(best.candidate, question) >= full
        ):
            return None  # it says where the deed was done
        for scored in ranked:
            candidate = scored.candidate
            fact = candidate.fact
            if fact is None or fact.compute in DATE_COMPUTES or _deed_coverage(candidate, question) < full:
                continue
            if asks is not None and asks not in candidate.asks:
                continue
            if any(
                entities[e].kind == claimed.kind for e in candidate.entity_ids - {claimed.id} if e in entities
            ):
                return scored
        return None

    def _fact_of_the_parties(self, question: Question, ranked: list[Scored]) -> Scored | None:
        """The fact that names the topic's parties and says who they were, for a claim that says nothing
        but whom it was between or with, and names a state that is no party ("the pact was between
        Alpha and Gamma, right?")."""
        words = set(question.focus)
        if not words & (self.index.between_words | self.index.with_words) or words & self.index.stance_words:
            return None  # "were they ok with it?" takes a stance: the facts of the stances settle it
        entities = self.index.facts.entities
        parties = set(self.index.facts.topic.parties)
        strangers = [
            e for e in question.entities if e in entities and entities[e].kind == "state" and e not in parties
        ]
        if not strangers or not parties or not ranked:
            return None
        # Looked up in the whole file: the claim's words reach the strangers' facts, not this one.
        found = next(
            (
                c
                for c in self.index.candidates
                if c.fact is not None and not c.fact.compute and "who" in c.asks and parties <= c.entity_ids
            ),
            None,
        )
        return Scored(found, ranked[0].score) if found is not None else None

    def _names_someone(self, candidate: Candidate) -> bool:
        """The candidate answers "who": it says it does, or it names a person, a state or a body."""
        return "who" in candidate.asks or self._of_kinds(
            candidate.entity_ids, ("person", "state", "organisation", "group")
        )

    def _of_kinds(self, named: Iterable[str], kinds: tuple[str, ...]) -> bool:
        """One of the entities `named` is of one of `kinds`."""
        entities = self.index.facts.entities
        return any(e in entities and entities[e].kind in kinds for e in named)

    def _naming_most_states(self, ranked: list[Scored], best: Scored) -> Scored:
        """ "Which countries objected to it?": of candidates close to the best (STATES_MARGIN), the one
        whose answer names the most states other than the parties (the best on a tie)."""
        entities, parties = self.index.facts.entities, set(self.index.facts.topic.parties)

        def states(scored: Scored) -> int:
            named = self._names_of(scored.candidate) - parties
            return sum(1 for e in named if e in entities and entities[e].kind == "state")

        # Only facts reach that far: an entity's card says what the entity is, not which states did
        # what ("which states were parties to the Alpha Treaty?" is no question for its card).
        even = [
            s
            for s in ranked
            if best.score - s.score < TIE_MARGIN
            or (
                best.score - s.score < STATES_MARGIN
                and s.candidate.fact is not None
                and best.candidate.fact is not None
            )
        ]
        most = max(even, key=states)
        return most if states(most) > states(best) else best

    def _names_a_state(self, candidate: Candidate) -> bool:
        """The candidate's answer names a state (or a body or group of them), a party included."""
        return self._of_kinds(self._names_of(candidate), ("state", "organisation", "group"))

    def warm_up(self) -> None:
        """Read now rather than on first need the names every candidate's answer gives (see `_names_of`),
        the stance each takes (see `_stance_taken`) and the languages' common words (see `_event_words`)."""
        for candidate in self.index.candidates:
            self._names_of(candidate)
            self._stance_taken(candidate)
        for lang in self.index.languages:
            self.index.frequency.common_words(lang.code, EVENT_WORD_COMMON_ZIPF)

    def _stance_taken(self, candidate: Candidate) -> float:
        """The strength of the candidate's strongest word of approval or disapproval (0 for none)."""
        taken = self._stances_taken.get(candidate.key)
        if taken is None:
            stances = self._stance_stems
            taken = max((v for s, v in candidate.terms.items() if s in stances), default=0.0)
            self._stances_taken[candidate.key] = taken
        return taken

    def _titled_by_the_named(self, candidate: Candidate, question: Question) -> bool:
        """The fact's title names every entity the question names as part of what it asks."""
        named = _asked_entities(question) - {TOPIC}
        fact = candidate.fact
        # Another treaty named is another subject (see `decide`), and a state named may be a party to
        # one ("the Treaty of Alpha between Gamma and Beta"): neither is settled by a title.
        if not named or fact is None or self._of_kinds(named, ("treaty", "state")):
            return False
        return named <= self._title_names(candidate)

    def _title_names(self, candidate: Candidate) -> frozenset[str]:
        """The entities a fact's title names (none for a card)."""
        titled = self._titled.get(candidate.key)
        if titled is None:
            titles = all_texts(candidate.fact.title) if candidate.fact is not None else ()
            fold = self.index.fold
            titled = self._titled[candidate.key] = frozenset(
                e for text in titles for _, _, e in find_entities(self.index, fold(text).split())[0]
            )
        return titled

    def _of_the_other_side(self, question: Question, card: Candidate) -> bool:
        """A "who" question names one party ("who was Beta's prime minister?") and `card` is of a person
        it does not name who acted for another party: whatever else fits, not the one asked for."""
        person = card.entity
        if question.kind != "who" or question.yes_no or person is None or person.side is None:
            return False
        named = set(question.entities) & set(self.index.facts.topic.parties)
        return bool(named) and person.side not in named and person.id not in question.entities

    def _of_the_role(self, question: Question, ranked: list[Scored], best: Scored) -> Scored:
        """ "Who were the envoys of the contracting parties?" asks for the envoys: of candidates close
        to the best, the first that tells of the role asked for, when the best does not (it fits the
        words after "of" better)."""
        head = next((u for u in question.units if u.label == question.asked_head), None)
        if head is None or self._covers(best.candidate, head) >= STRONG:
            return best
        for scored in ranked[1:]:
            if best.score - scored.score >= ROLE_MARGIN:
                break
            if self._covers(scored.candidate, head) >= STRONG:
                # It answers the question as well as the best did: what the best fitted better is
                # only the words after "of".
                return Scored(scored.candidate, best.score)
        return best

    def _naming_all(self, question: Question, ranked: list[Scored], best: Scored) -> Scored:
        """Of candidates close to the best, a fact that names every place the question names, when the
        best leaves one out: "what did Alpha recognise with regard to the Green Valley?" is the
        valley's fact, not the one about what else Alpha recognised. (Asked "where" or "who", a place
        named is a guess at the answer; a treaty named is another subject, see `decide`.)"""
        named = self._asked_of_kind(question, "place")
        if not named or named <= best.candidate.entity_ids or named <= self._names_of(best.candidate):
            return best
        for scored in ranked[1:]:
            if best.score - scored.score >= NAMING_ALL_MARGIN:
                break
            if scored.candidate.fact is not None and named <= scored.candidate.entity_ids:
                return scored
        return best

    def _names_somewhere(self, candidate: Candidate) -> bool:
        """The candidate answers "where": it says it does, or it names a place, a state or a body."""
        if "where" in candidate.asks:
            return True
        kinds = ("place", "state", "organisation")
        context = self.index.context_entities
        # What it lists first: its answer's text is read only when that names nowhere.
        return self._of_kinds(candidate.entity_ids - context, kinds) or self._of_kinds(
            self._names_of(candidate) - context, kinds
        )

    def _names_of(self, candidate: Candidate) -> frozenset[str]:
        """The entities the candidate names: those it lists and those its answer (or card) names."""
        named = self._named.get(candidate.key)
        if named is None:
            found = {
                e
                for text in _answer_texts(candidate)
                for _, _, e in find_entities(self.index, self.index.fold(text).split())[0]
            }
            named = self._named[candidate.key] = frozenset(candidate.entity_ids) | found
        return named

    def _asked_of_kind(self, question: Question, kind: str) -> set[str]:
        """The entities of `kind` the question names as part of what it asks (not context, not aside)."""
        entities = self.index.facts.entities
        return {e for e in _asked_entities(question) if e in entities and entities[e].kind == kind}

    def _names_the_treaties_asked(self, candidate: Candidate, question: Question) -> bool:
        """Every other treaty the question names (not as an aside) is one the candidate names or is the
        card of: "what did the Locarno Treaties say?" is no question about the topic's own terms."""
        asked = self._asked_of_kind(question, "treaty")
        if not asked or (candidate.entity is not None and asked == {candidate.entity.id}):
            return True
        return asked <= set(candidate.entity_ids) or asked <= self._names_of(candidate)

    def _checks_a_date(self, question: Question) -> bool:
        """The question states a date to check, not one of the topic's own ("the 1850 treaty", "the
        signing in March 1850")."""
        date, topic = question.date, self.index.facts.topic
        if date is None:
            return False
        own = [d for d in (topic.signed, topic.in_force_from) if d is not None]
        if date.month is None:
            return date.year not in {d.year for d in own}
        return not any(
            (d.year, d.month) == (date.year, date.month) and date.day in (None, d.day) for d in own
        )

    def rank(self, question: Question) -> list[Scored]:
        """Candidates ranked best first (at most SIMILARITY_POOL of them)."""
        index = self.index
        # Words of the context around the question add to a candidate that has them, but a candidate
        # that lacks them is not held to them: "I'm writing an essay on Baltic diplomacy. When ...?"
        total = sum(u.weight for u in question.units if not u.aside) or 1.0
        context = sum(u.weight for u in question.units if u.context)
        covered: dict[int, float] = defaultdict(float)
        essential, rest = _essential_units(question, total, context)
        # Walk the shortest postings first; a heavy unit whose postings are very long (a word in
        # thousands of facts) is looked up per reached candidate instead, like the light ones.
        essential.sort(key=self._posting_length)
        walked: list[Unit] = []
        for unit in essential:
            if walked and self._posting_length(unit) > LARGE_POOL:
                rest.append(unit)
            else:
                walked.append(unit)
        essential = walked
        reached = [self._unit_coverage(unit) for unit in essential]
        if sum(len(r) for r in reached) > LARGE_POOL:
            # Thousands of candidates share these words: score only those that have all of them.
            shared = set.intersection(*(set(r) for r in reached))
            if shared:
                reached = [{i: r[i] for i in shared} for r in reached]
        for unit, coverage_of in zip(essential, reached, strict=True):
            for candidate_index, strength in coverage_of.items():
                covered[candidate_index] += unit.weight * strength
        discriminating = any(not u.context for u in question.units)
        # "Which earlier treaty did the 1850 treaty confirm?": the topic's own year beside other words
        # names the topic, not a time to ask about.
        if question.date is not None and (
            not discriminating or question.yes_no or self._checks_a_date(question)
        ):
            # A question that is only a date ("what was in 1855?") is all about that date; in a claim
            # the date is the value to check ("the coup was in 1928, right?"), not the subject.
            for candidate_index in index.in_force_candidates if question.yes_no else index.date_candidates:
                covered[candidate_index] += DATED_QUESTION_BOOST * total if discriminating else total
        if not discriminating and question.date is None:
            for candidate_index in self._nearest_by_phrasing(question):
                covered.setdefault(candidate_index, 0.0)
        stating = self._stating_a_rare_year(question)
        for candidate_index in stating:
            covered.setdefault(candidate_index, 0.0)
        if len(covered) > PRELIMINARY_POOL:  # the light words cannot lift one from far below
            covered = dict(heapq.nlargest(PRELIMINARY_POOL, covered.items(), key=lambda item: item[1]))
        candidates, date_set, covers = index.candidates, index.date_set, self._covers
        people = index.people
        role = question.asks_role
        # "Did the 1855 extension run to 1870?": of a claim's two years, one sets the scene. (A claim's
        # only year is its value, which must not pull towards the fact that bears it out: "signed in
        # 1917?" is about the signing, not the armistice of 1917; nor does the topic's own year.)
        claimed_year = (
            question.yes_no
            and self._checks_a_date(question)
            and len(set(YEARS.findall(question.folded))) >= 2
        )
        # "Did Gamma approve of it?" of "Gamma disapproved": in a claim, a stance word matches a fact
        # that takes any stance as well as one that uses the word for something else ("approved by
        # the parliament").
        stances = self._stance_stems
        stance_units = (
            [u for u in question.said if not u.aside and u.stems & stances] if question.yes_no else []
        )
        # ... of whom the question asks: a state or person it names beside the parties
        holders = set(question.entities) - index.context_entities
        named_parties = {e for e in question.entities if e in index.facts.topic.parties}
        one_side = named_parties if len(named_parties) == 1 and not people & set(question.entities) else set()
        set_aside = set(question.set_aside)
        # The light words: their coverage as remembered per word (see `_unit_coverage`), except for a
        # word in thousands of facts, looked up per reached candidate rather than read whole.
        light = [
            (unit, None if self._posting_length(unit) > LARGE_POOL else self._unit_coverage(unit))
            for unit in rest
        ]
        scored = []
        for candidate_index, value in covered.items():
            candidate = candidates[candidate_index]
            if light:
                value += sum(
                    unit.weight * (covers(candidate, unit) if of is None else of.get(candidate_index, 0.0))
                    for unit, of in light
                )
            if stance_units and holders & candidate.entity_ids:
                taken = self._stance_taken(candidate)
                value += sum(max(0.0, taken - covers(candidate, u)) * u.weight for u in stance_units)
            coverage = min(1.0, (value + context) / total)
            if question.date is not None and candidate_index in date_set:
                coverage += DATE_PREFERENCE  # beyond the cap: a named date should decide a tie
                if (
                    not discriminating
                    and candidate.fact is not None
                    and candidate.fact.compute == "events_on"
                ):
                    coverage += DATE_PREFERENCE  # a bare date asks what happened then
            if (
                claimed_year
                and candidate.fact is not None
                and not candidate.fact.compute
                and _states_a_year(candidate, question.date)
            ):
                coverage += CLAIMED_YEAR_BONUS  # the fact that gives the claim's year
            if candidate_index in stating:
                coverage += RARE_YEAR_BONUS  # one of the few that give the year asked of
            if role and candidate.entity is not None and candidate.entity.id in question.entities:
                coverage += ROLE_CARD_BONUS  # "what office did Ann Smith hold when ...?": her card says
            entity = candidate.entity
            if one_side and entity is not None and entity.side and entity.side not in one_side:
                coverage -= OTHER_SIDE_CARD_PENALTY
            if set_aside and (
                (entity is not None and entity.id in set_aside) or self._title_names(candidate) & set_aside
            ):
                coverage -= SET_ASIDE_PENALTY  # "besides Alpha City, which ...?": not the fact about it
            if question.kind is not None:
                coverage += _kind_adjustment(candidate, question, people)
            scored.append(Scored(candidate, coverage))
        top = sorted(scored, key=lambda s: (s.score, s.candidate.key), reverse=True)[:SIMILARITY_POOL]
        # token_sort_ratio, with the phrasings' words sorted once when the index was built
        content = sorted_words(question.content)
        reranked = [
            Scored(
                s.candidate,
                s.score * COVERAGE_SHARE + SIMILARITY_SHARE * _similarity(s.candidate, question, content),
            )
            for s in top
        ]
        reranked.sort(key=lambda s: (-s.score, s.candidate.key))
        return reranked

    def _stating_a_rare_year(self, question: Question) -> frozenset[int]:
        """The candidates that state the year a question asks of (not a claim's year, which is the
        value to check), when only a few do and it is not the topic's own year."""
        date, signed = question.date, self.index.facts.topic.signed
        if date is None or question.yes_no or (signed is not None and date.year == signed.year):
            return frozenset()
        stating = self.index.stating_year(date.year)
        return stating if len(stating) <= RARE_YEAR_CANDIDATES else frozenset()

    def _speaks_of_the_event(self, candidate: Candidate, question: Question) -> bool:
        """A "when", "where" or "who" question names its event by a word ("join", "regain"): a fact
        that matches only the things named around it ("the League") tells of another event.

        Only words the file uses seldom (heavy) and the language does not use everywhere count: light
        verbs ("put", "get", "take") name no event of their own.
        """
        fact = candidate.fact
        card = candidate.entity is not None
        if not card and (fact is None or fact.compute or question.kind not in EVENT_KINDS):
            return True
        event_words = self._event_words(question)
        if card:
            # "What did Ann Smith write?": a card tells who or what its entity is; unless asked just
            # that, each deed the question names must be one it tells of.
            if _asked_what_the_card_tells(candidate, question):
                return True
            return all(any(candidate.terms.get(s, 0.0) >= WEAK for s in u.stems) for u in event_words)
        return not event_words or any(
            candidate.terms.get(s, 0.0) >= WEAK for u in event_words for s in u.stems
        )

    def _tells_of_return(self, candidate: Candidate) -> bool:
        """The candidate's answer (or card) says something came back (see `Index.tells_of_return`)."""
        return any(
            self.index.tells_of_return(self.index.fold(text).split()) for text in _answer_texts(candidate)
        )

    def _event_words(self, question: Question) -> list[Unit]:
        """The words of `question` that name a deed: known to the file, heavy, and not everywhere in
        the language."""
        codes = [lang.code for lang in self.index.languages]
        return [
            u
            for u in question.units
            if u.known
            and u.entity is None
            and not u.context
            and not u.aside
            and u.label not in self.index.topic_words
            and u.weight >= EVENT_WORD_SHARE * self.index.max_idf
            and not any(
                u.label in self.index.frequency.common_words(c, EVENT_WORD_COMMON_ZIPF) for c in codes
            )
        ]

    def _posting_length(self, unit: Unit) -> int:
        postings = self.index.postings
        if unit.entity is not None:
            stems = self.index.entity_stems.get(unit.entity, frozenset())
            return len(self.index.by_entity.get(unit.entity, ())) + sum(
                len(postings.get(s, ())) for s in stems
            )
        return sum(len(postings.get(s, ())) for s in unit.stems)

    def _covers(self, candidate: Candidate, unit: Unit) -> float:
        if unit.entity is not None:
            if unit.entity in candidate.entity_ids:
                return 1.0
            stems = self.index.entity_stems.get(unit.entity, frozenset())
            return (
                PARTIAL_NAME_COVERAGE * sum(candidate.terms.get(s, 0.0) for s in stems) / len(stems)
                if stems
                else 0.0
            )
        return max((candidate.terms.get(s, 0.0) for s in unit.stems), default=0.0)

    def _unit_coverage(self, unit: Unit) -> Mapping[int, float]:
        """How fully each candidate accounts for one unit of the question (0 to 1); not to be changed."""
        key = unit.entity if unit.entity is not None else unit.stems
        found = self._coverage.get(key)
        if found is None:
            if len(self._coverage) >= COVERAGE_CACHE_SIZE:
                self._coverage.clear()
            found = self._coverage[key] = self._read_coverage(unit)
        return found

    def _read_coverage(self, unit: Unit) -> dict[int, float]:
        postings = self.index.postings
        best: dict[int, float] = {}
        if unit.entity is not None:
            # Listed among a candidate's entities: fully covered; its name in the phrasings: partly.
            name_stems = self.index.entity_stems.get(unit.entity, frozenset())
            partial: dict[int, float] = defaultdict(float)
            for stem in name_stems:
                for candidate_index, strength in postings.get(stem, ()):
                    partial[candidate_index] += strength
            best = {i: PARTIAL_NAME_COVERAGE * v / len(name_stems) for i, v in partial.items()}
            best.update(dict.fromkeys(self.index.by_entity.get(unit.entity, ()), 1.0))
            return best
        # Postings are strongest first. For a word in thousands of facts, those that only mention it
        # in passing (their answer text) are left out: they cannot be the answer to it.
        floor = MEDIUM if self._posting_length(unit) > LARGE_POOL else 0.0
        for stem in unit.stems:
            for candidate_index, strength in postings.get(stem, ()):
                if strength < floor:
                    break
                if strength > best.get(candidate_index, 0.0):
                    best[candidate_index] = strength
        return best

    def _nearest_by_phrasing(self, question: Question) -> list[int]:
        """For a question with no telling words ("what is it?"): candidates with phrasings like it."""
        index = self.index
        if not question.content:
            return [i for i, c in enumerate(index.candidates) if c.fact is not None][:SIMILARITY_POOL]
        texts, owners = index.phrasings_by_lang.get(question.lang) or index.phrasings_by_lang.get(
            "en", ([], [])
        )
        found = process.extract(
            question.content,
            texts,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            limit=SIMILARITY_POOL * PHRASING_NEIGHBOURS_FACTOR,
        )
        return list(dict.fromkeys(owners[i] for _, _, i in found))


def _essential_units(question: Question, total: float, context: float) -> tuple[list[Unit], list[Unit]]:
    """Split the known units into those a plausible answer must match and the rest.

    A candidate that matches none of the heaviest units could cover at most the light ones; once
    those are under PRUNE_SHARE of the question it cannot be the answer, so only candidates
    reached through a heavy unit are scored (the MaxScore idea from search engines).
    """
    known = sorted((u for u in question.units if not u.context and u.known), key=lambda u: -u.weight)
    if question.yes_no:
        # "was it signed in Alpha City?": the named place may be the claim's value, not its subject,
        # so the facts reached only through the other words ("signed") must be scored too.
        return known, []
    light = sum(u.weight for u in known) + context
    essential: list[Unit] = []
    while known and (not essential or light >= PRUNE_SHARE * total):
        unit = known.pop(0)
        essential.append(unit)
        light -= unit.weight
    return essential, known


def _related(one: Candidate, other: Candidate) -> bool:
    """The two facts list each other as related: they tell about the same thing."""
    if one.fact is None or other.fact is None:
        return False
    return other.fact.id in one.fact.related and one.fact.id in other.fact.related


def _card_of_named(card: Candidate, fact: Candidate, question: Question) -> bool:
    """`card` is the card of an entity that `fact` names, and the question asks what the fact answers
    (or a broad "how"), not what the card does ("who was ...?" of a person)."""
    if card.entity is None or fact.fact is None or card.entity.id not in fact.entity_ids:
        return False
    if question.kind not in card.asks and (question.kind in (None, "how") or question.kind in fact.asks):
        return True
    # "what was Alpha City's objection?": the card says what the city is; the fact, what was asked of it.
    return _deed_coverage(fact, question) > _deed_coverage(card, question)


def _answer_texts(candidate: Candidate) -> Iterable[str]:
    """What the candidate says: its fact's answer or its entity's description, in every language."""
    if candidate.fact is not None:
        return all_texts(candidate.fact.answer)
    if candidate.entity is not None:
        return all_texts(candidate.entity.description)
    return ()


def _asked_entities(question: Question) -> set[str]:
    """The entities the question names as part of what it asks: not its setting (the topic, a party)
    nor an aside."""
    return {u.entity for u in question.units if u.entity is not None and not u.context and not u.aside}


def _deed_coverage(candidate: Candidate, question: Question) -> float:
    """How much of what the question says beyond its names (its other words) the candidate covers."""
    return sum(
        u.weight * max((candidate.terms.get(s, 0.0) for s in u.stems), default=0.0) for u in question.said
    )


def _card_of_named_person(card: Candidate, fact: Candidate) -> bool:
    """`card` is the card of a person that `fact` names: what the person was, beside what they did."""
    return (
        card.entity is not None
        and card.entity.kind == "person"
        and fact.fact is not None
        and card.entity.id in fact.entity_ids
    )


# The question that a claimed thing of each kind answers: "signed in Alpha City?" is "where was it signed?".
_ASKED_BY_KIND = {"place": "where", "person": "who", "state": "who"}

# Computed facts that answer for a date the question names ("was it in force in 1950?"), or that give
# the topic's own dates (how long it was in force, from when to when).
DATE_COMPUTES = frozenset({"in_force_on", "events_on", "timeline", "duration", "time_to_effect"})
# Computed facts that give a span, or what one day or year holds.
SPAN_COMPUTES = frozenset({"duration", "time_to_effect", "events_on"})


def _states_a_year(candidate: Candidate, date: AskedDate | None = None) -> bool:
    """The candidate's text gives a year (`date`'s, if given): a claimed date can be checked against it,
    a question about that year is about what it tells. A computed fact (was it in force in 1950?)
    answers for any date."""
    if candidate.fact is not None and candidate.fact.compute in DATE_COMPUTES:
        return True
    if candidate.fact is not None:
        texts = candidate.fact.answer
    else:
        texts = candidate.entity.description if candidate.entity is not None else {}
    if date is not None:
        return any(str(date.year) in YEARS.findall(text) for text in texts.values())
    return any(YEARS.search(text) for text in texts.values())


def _has_strong_hit(candidate: Candidate, question: Question) -> bool:
    """The candidate is about something the question asks, not only mentioning its words in passing."""
    if (
        question.date is not None
        and candidate.fact is not None
        and candidate.fact.compute in ("events_on", "in_force_on", "timeline")
    ):
        return True
    for unit in question.units:
        if unit.context:
            continue
        if unit.entity is not None and unit.entity in candidate.entity_ids:
            return True
        if any(candidate.terms.get(s, 0.0) >= STRONG for s in unit.stems):
            return True
    return not any(not u.context for u in question.units)


def _explains_asking(candidate: Candidate, question: Question, stances: frozenset[str] = frozenset()) -> bool:
    """A question with words the file does not know must match the candidate on a word, not a name alone.

    "When did Ann Smith die?" names a person the file knows, but what it asks ("die") is nowhere in
    the file: a fact that only names Ann Smith does not answer it. A question all of whose words
    are known, or that is only a name ("Ann Smith?"), is not held to this, nor is an entity's card
    asked the kind of question it answers ("who was ...?" of a person).
    """
    if not any(
        not u.known and not u.name and not u.year and len(u.label) > ABBREVIATION_LETTERS
        for u in question.units
    ):
        return True
    if candidate.entity is not None and _asked_what_the_card_tells(candidate, question):
        return True
    if any(candidate.terms.get(s, 0.0) >= MEDIUM for u in question.said for s in u.stems):
        return True
    # "Gamma backed it enthusiastically?" of "Gamma objected": a stance asked of one the fact takes
    return any(u.stems & stances for u in question.said) and any(
        candidate.terms.get(s, 0.0) >= MEDIUM for s in stances
    )


def _asked_what_the_card_tells(card: Candidate, question: Question) -> bool:
    """The question asks what an entity's card tells: who a person was ("who was Ann Smith, what was
    her job?", "what role did she play?"), where a place is. Every card answers "what", so that kind
    alone does not say the card is asked for: "what's the weather in Alpha City?" is not."""
    return question.kind in card.asks - {"what"} or question.asks_role


def _kind_adjustment(candidate: Candidate, question: Question, people: frozenset[str]) -> float:
    kind = question.kind
    if kind is None or not candidate.asks:
        return 0.0
    if kind in candidate.asks:
        # "Who" is most often about people: of two facts that fit, the one naming people wins.
        if kind == "who" and candidate.entity_ids & people:
            return KIND_WHO_PERSON_BONUS
        return KIND_MATCH_BONUS
    if kind in ("what", "how"):
        return KIND_BROAD_MISMATCH
    return KIND_MISMATCH


def _similarity(candidate: Candidate, question: Question, content: str) -> float:
    """How near `content` (the question's content words, sorted) comes to one of the candidate's
    phrasings in the question's language (also sorted)."""
    phrasings = (
        candidate.phrasings.get(question.lang)
        or candidate.phrasings.get(ANY_LANGUAGE)
        or candidate.phrasings.get(DEFAULT_LANG, ())
    )
    if not content or not phrasings:
        return 0.0
    best = process.extractOne(content, phrasings, scorer=fuzz.ratio, processor=None)
    return best[1] / 100.0 if best is not None else 0.0
