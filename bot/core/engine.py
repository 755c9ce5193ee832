"""The question matcher: understands a question, picks the fact that answers it, or declines.

Built once per fact file (`FactEngine(facts)`): every phrasing, keyword, title, alias and answer is
folded, tokenised and stemmed up front into an inverted index, so answering only processes the
question.

How a question is scored, in short:
1. Fold it, find the entities it names (aliases, typo-tolerant through rapidfuzz), the date or year
   it names, and its kind (who / when / where / why / how many / how long / what).
2. Turn every other meaningful word into a *unit*: the word's stem, its typo correction against the
   index's vocabulary and its generic synonyms. A unit the index has never seen is *unknown*.
3. Each candidate (a fact, or an entity's own card) scores by *coverage*: the share of the
   question's weight (rare words weigh more, unknown words weigh most) that the candidate accounts
   for, plus a little for phrasing similarity and for answering the right kind of question.
4. A question that names things the file does not know, or that no candidate covers well, is
   declined with "did you mean" suggestions; so is one where the two best candidates tie.
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA, Levenshtein

from bot.core.answer import Answer, Outcome, RelatedFact, Source
from bot.core.claims import Claim, claimed_numbers, is_yes_no, verdict
from bot.core.compute import Composer
from bot.core.dates import AskedDate, DateReader
from bot.core.factfile import Entity, Fact, FactBase
from bot.core.frequency import WordFrequency
from bot.core.language import Language, all_languages, language
from bot.core.normalize import fold, sound_key, visible
from bot.core.spans import (
    DatedThing,
    Evidence,
    SpanQuestion,
    asked_unit,
    is_span_question,
    pick_two,
    span_text,
)
from bot.core.texts import DEFAULT_LANG

MAX_QUESTION_CHARS = 400  # longer questions are read only this far: nobody asks a fact bot an essay
ANSWER_THRESHOLD = 0.58
UNKNOWN_SHARE_LIMIT = 0.3
TIE_MARGIN = 0.03
CLEAR_LEAD_THRESHOLD = 0.45  # below ANSWER_THRESHOLD, a candidate this good and CLEAR_LEAD ahead answers
CLEAR_LEAD = 0.15
TIE_CEILING = 0.75
SIMILARITY_POOL = 12
DATE_PREFERENCE = 0.05  # extra score for date-computing facts when the question names a date
PRELIMINARY_POOL = 200  # candidates that get the full score after the heavy words ranked them
LARGE_POOL = 1500  # beyond this many reached candidates, score only those sharing every heavy word
PRUNE_SHARE = 0.3  # candidates matching only words this light a share of the question are not scored
ASIDE_WEIGHT = 0.35  # a known word in the context around a question counts this much of its weight
RARE_ZIPF = 3.0  # an unknown word rarer than this (Zipf) weighs fully: it names another subject
VERY_COMMON_ZIPF = 5.3  # ... one this common weighs COMMON_WORD_FLOOR; in between, linearly
COMMON_WORD_FLOOR = 0.25
RARE_PAIR_ZIPF = 4.5  # in "Soviet-X", an unknown X rarer than this is taken for another state's name
# The kinds a part of a two-part question can ask; "what" and "how" are too vague to split on.
PART_KINDS = ("who", "when", "where", "why", "how_many", "how_long")
SPAN_MIN_SHARE = 0.45  # two dated things must explain this share of a span question's weight
CLAIMED_NAME_WEIGHT = 0.3  # an unknown name stated in a claim: the value to check, weighed lightly
UNKNOWN_YEAR_WEIGHT = 1.2  # a year the file never touches weighs like a rare unknown word

_DIGITS = re.compile(r"^\d+$")
_PAIR = re.compile(r"(\w{3,})\s?[-\u2010-\u2014]\s?(\w{3,})")
_YEARS = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_NOT_WORD = re.compile(r"[\W_]+")
# "@everyone", "@here", "<@U123>", "<!channel>": addressing people, never part of the question.
_MENTION = re.compile(r"<[@!#][^>]*>|(?<!\w)@\S+")
# Sentence ends (".", "!", "?", ";" before a space, or a line break) and clause breaks inside one.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_BREAK = re.compile(r"[,:–—]\s+")

STRONG, MEDIUM, WEAK = 1.0, 0.8, 0.3
ANY_LANGUAGE = "*"  # phrasings (names) that belong to no one language
TOPIC = "@topic"  # the entity id standing for the fact file's topic itself


@dataclass
class Candidate:
    """Something the engine can answer with: a fact, or the card of one entity."""

    key: str
    fact: Fact | None
    entity: Entity | None
    terms: dict[str, float] = field(
        default_factory=dict
    )  # stem -> STRONG, MEDIUM or WEAK (see _build_candidates)
    entity_ids: frozenset[str] = frozenset()
    # Folded content words of each phrasing, keyword and title, by language, for similarity.
    phrasings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    asks: frozenset[str] = frozenset()
    canonical: Mapping[str, str] = field(default_factory=dict)  # a question that leads here, per language


@dataclass(frozen=True)
class Unit:
    """One meaningful piece of the question: a word (with its alternatives) or an entity."""

    label: str
    stems: frozenset[str] = frozenset()
    entity: str | None = None
    weight: float = 1.0
    known: bool = True
    context: bool = False  # the topic or a party: true of every fact, so it never discriminates
    name: bool = False  # a name the file does not know, stated as a claim's value
    year: bool = False  # a year the file never touches (the facts about dates answer for any year)


@dataclass(frozen=True)
class Question:
    raw: str
    folded: str
    lang: str
    kind: str | None
    units: tuple[Unit, ...]
    entities: tuple[str, ...]
    date: AskedDate | None
    content: str  # folded content words, for phrasing similarity
    help: bool = False
    smalltalk: bool = False
    yes_no: bool = False  # a claim to check or a yes/no question: the answer starts with a verdict
    numbers: frozenset[int] = frozenset()  # small numbers it states ("10 years")
    claimed_names: tuple[str, ...] = ()  # names the file does not know, stated in a claim
    focus: tuple[str, ...] = ()  # the (typo-corrected) words of the sentence that asks
    parts: tuple[str, ...] = ()  # the kinds of a two-part question ("when ... and by whom"), else ()


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float


class FactEngine:
    """Answers questions from one validated `FactBase`."""

    def __init__(self, facts: FactBase, default_lang: str = DEFAULT_LANG) -> None:
        self.facts = facts
        # The answer language when neither the question nor the platform shows one. English stays
        # the fallback table for words, whatever this is.
        self.default_lang = _known_language(default_lang) or DEFAULT_LANG
        self.languages = all_languages()
        self.composer = Composer(facts)
        self._month_words = {w: n for lang in self.languages for w, n in lang.month_words.items()}
        self.dates = DateReader(self._month_words)
        self.stopwords = frozenset().union(*(lang.stopwords for lang in self.languages))
        self.frequency = WordFrequency.load(lang.code for lang in self.languages)
        self.candidates: list[Candidate] = []
        self._by_entity: dict[str, set[int]] = defaultdict(set)
        self._fact_candidate: dict[str, int] = {}
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._date_candidates: list[int] = []
        self._in_force_candidates: list[int] = []
        self._date_set: frozenset[int] = frozenset()
        # Each language's fact phrasings (content words) and the candidate each belongs to.
        self._phrasings_by_lang: dict[str, tuple[list[str], list[int]]] = {}
        self._surface: set[str] = set()
        self._token_stems: dict[str, frozenset[str]] = {}
        self._word_languages: dict[str, set[str]] = defaultdict(set)
        self._build_aliases()
        self._build_candidates()
        self._date_set = frozenset(self._date_candidates)
        for postings in self._postings.values():
            postings.sort(key=lambda posting: -posting[1])
        self._build_vocabulary()
        self._build_suggestions()
        self.dated = self._build_dated_things()
        self.known_years = self._build_known_years()

    # -- index --------------------------------------------------------------------------------------

    def _build_aliases(self) -> None:
        topic = self.facts.topic
        aliases: dict[str, str] = {}
        for entity in self.facts.entities.values():
            for name in _all_texts(entity.name, entity.aliases):
                aliases.setdefault(fold(name), entity.id)
        self.context_entities = frozenset(topic.parties) | {TOPIC}
        for name in _all_texts(topic.name, topic.short, topic.aliases):
            aliases.setdefault(fold(name), TOPIC)
        aliases.pop("", None)
        self.aliases = aliases
        self._aliases_by_words: dict[int, list[str]] = defaultdict(list)
        for alias in aliases:
            self._aliases_by_words[len(alias.split())].append(alias)
        self._max_alias_words = max(self._aliases_by_words, default=1)
        self._alias_first_words = frozenset(alias.split()[0] for alias in aliases)
        self._sound_aliases: dict[int, dict[str, str]] = defaultdict(dict)
        for alias, owner in aliases.items():
            words = alias.split()
            self._sound_aliases[len(words)].setdefault(" ".join(sound_key(w) for w in words), owner)

    def _fold(self, text: str) -> str:
        """`fold`, then every language's idioms: the index reads its texts as it reads questions."""
        folded = fold(text)
        for table in self.languages:
            folded = table.rewrite_idioms(folded)
        return folded

    def _stems(self, text: str) -> set[str]:
        result: set[str] = set()
        for token in self._fold(text).split():
            if token in self.stopwords:
                continue
            stems = self._token_stems.get(token)
            if stems is None:
                self._surface.add(token)
                stems = self._token_stems[token] = frozenset(lang.stem(token) for lang in self.languages)
            result |= stems
        return result

    def _build_candidates(self) -> None:
        entity_facts: dict[str, list[str]] = defaultdict(list)
        for fact in self.facts.facts.values():
            strong: set[str] = set()
            for text in _all_texts(fact.title, fact.keywords):
                strong |= self._stems(text)
            for lang_code, values in (*fact.phrasings.items(), *fact.keywords.items()):
                for value in values:
                    for word in fold(value).split():
                        self._word_languages[word].add(lang_code)
            phrasing_stems = [self._stems(p) for p in _all_texts(fact.phrasings)]
            counts: dict[str, int] = defaultdict(int)
            for stems in phrasing_stems:
                for stem in stems:
                    counts[stem] += 1
            # A word in the keywords, the title or a good share of the phrasings is what the fact is
            # about; a word in a single phrasing is only evidence.
            common = max(2, len(phrasing_stems) // 4)
            strong |= {stem for stem, n in counts.items() if n >= common}
            medium = set(counts) - strong
            weak: set[str] = set()
            for text in _all_texts(fact.answer):
                weak |= self._stems(text)
            for entity_id in fact.entities:
                entity_facts[entity_id].append(fact.id)
            phrasings = {
                lang: tuple(
                    self._content(p)
                    for p in (
                        *fact.phrasings.get(lang, ()),
                        *fact.keywords.get(lang, ()),
                        *([fact.title[lang]] if lang in fact.title else []),
                    )
                )
                for lang in {*fact.phrasings, *fact.keywords, *fact.title}
            }
            canonical = {lang: values[0] for lang, values in fact.phrasings.items() if values}
            self._add(
                Candidate(
                    key=f"fact:{fact.id}",
                    fact=fact,
                    entity=None,
                    terms={
                        **dict.fromkeys(weak, WEAK),
                        **dict.fromkeys(medium, MEDIUM),
                        **dict.fromkeys(strong, STRONG),
                    },
                    entity_ids=frozenset(fact.entities),
                    phrasings=phrasings,
                    asks=frozenset(fact.asks),
                    canonical=canonical,
                )
            )
        topic = self.facts.topic
        # The topic itself has a card too: its summary answers a question that only names it.
        topic_card = Entity(
            id=TOPIC,
            kind="treaty",
            name=topic.name,
            aliases=topic.aliases,
            description=topic.summary,
            sources=topic.sources,
        )
        for entity in (*self.facts.entities.values(), topic_card):
            names = list(_all_texts(entity.name, entity.aliases))
            strong = set().union(*(self._stems(n) for n in names)) if names else set()
            weak = set().union(*(self._stems(t) for t in _all_texts(entity.description)))
            asks = {"person": {"who"}, "place": {"where", "what"}}.get(entity.kind, {"what"})
            self._add(
                Candidate(
                    key=f"entity:{entity.id}",
                    fact=None,
                    entity=entity,
                    terms={**dict.fromkeys(weak, WEAK), **dict.fromkeys(strong, STRONG)},
                    entity_ids=frozenset({entity.id}),
                    phrasings={ANY_LANGUAGE: tuple(self._content(n) for n in names)},
                    asks=frozenset(asks),
                    canonical=dict(entity.name),
                )
            )
        self.entity_facts = {k: tuple(v) for k, v in entity_facts.items()}
        self._people = frozenset(e.id for e in self.facts.entities.values() if e.kind == "person")
        self._entity_stems = {
            e.id: frozenset(self._stems(_pick(e.name, "en"))) for e in self.facts.entities.values()
        }

    def _add(self, candidate: Candidate) -> None:
        index = len(self.candidates)
        self.candidates.append(candidate)
        if candidate.fact is not None:
            self._fact_candidate[candidate.fact.id] = index
            if candidate.fact.compute in ("events_on", "in_force_on"):
                self._date_candidates.append(index)
            if candidate.fact.compute == "in_force_on":
                self._in_force_candidates.append(index)
        for term, strength in candidate.terms.items():
            self._postings[term].append((index, strength))
        if candidate.fact is not None:
            for lang, phrasings in candidate.fact.phrasings.items():
                texts, owners = self._phrasings_by_lang.setdefault(lang, ([], []))
                texts.extend(self._content(p) for p in phrasings)
                owners.extend([index] * len(phrasings))
        for entity_id in candidate.entity_ids:
            self._by_entity[entity_id].add(index)

    def _build_vocabulary(self) -> None:
        total = len(self.candidates) or 1
        self.idf = {term: math.log(1 + total / len(postings)) for term, postings in self._postings.items()}
        self.max_idf = math.log(1 + total)
        self.vocabulary = frozenset(self._postings)
        extra = {fold(w) for lang in self.languages for phrase, _ in lang.kind_phrases for w in phrase}
        self._question_words = tuple(sorted(extra))
        # Kind words that are nouns ("date", "place", "reason"): they colour a question but do not
        # start one, so they never open the second part of a question.
        self._kind_nouns = frozenset(
            phrase[0]
            for lang in self.languages
            for phrase, _ in lang.kind_phrases
            if len(phrase) == 1 and phrase[0] not in lang.stopwords
        )
        extra |= self.stopwords
        for lang in self.languages:
            extra |= set(lang.synonyms)
        self.known_words = frozenset(extra)
        self.surface_words = frozenset(self._surface)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.surface_words | self.known_words:
            if not _DIGITS.match(word):
                by_length[len(word)].append(word)
        self._words_by_length = {n: tuple(sorted(words)) for n, words in by_length.items()}
        self._corrections: dict[str, str | None] = {}
        self._pools: dict[int, tuple[str, ...]] = {}

    def _build_known_years(self) -> frozenset[int]:
        """Every year the file touches: its dates, the years its texts name, and the years it was in force."""
        topic = self.facts.topic
        years = {event.date.year for event in self.facts.events}
        years |= {day.year for day in (topic.signed, topic.in_force_from, topic.in_force_until) if day}
        if topic.in_force_from is not None:
            end = topic.in_force_until.year if topic.in_force_until else topic.in_force_from.year
            years |= set(range(topic.in_force_from.year, end + 1))
        texts = [
            *_all_texts(topic.summary),
            *(t for f in self.facts.facts.values() for t in _all_texts(f.answer, f.title)),
            *(t for e in self.facts.entities.values() for t in _all_texts(e.description, e.name)),
        ]
        years |= {int(y) for text in texts for y in _YEARS.findall(text)}
        return frozenset(years)

    def _build_dated_things(self) -> tuple[DatedThing, ...]:
        """Every event, named by its own words and those its linked facts are about (for span questions)."""
        topic = self.facts.topic
        topic_dates = {topic.signed, topic.in_force_from, topic.in_force_until} - {None}
        things = []
        for event in self.facts.events:
            stems = set().union(*(self._stems(t) for t in event.text.values()))
            entities: set[str] = set()
            for fact_id in event.facts:
                index = self._fact_candidate.get(fact_id)
                if index is None:
                    continue
                candidate = self.candidates[index]
                stems |= {t for t, strength in candidate.terms.items() if strength >= STRONG}
                entities |= candidate.entity_ids
            tokens = self._fold(" ".join(event.text.values())).split()
            entities |= {entity for _, _, entity in self._find_entities(tokens)[0]}
            things.append(
                DatedThing(
                    key=event.id,
                    date=event.date,
                    text=event.text,
                    stems=frozenset(stems),
                    # The topic's own dates answer for the topic ("between signing it and ...").
                    entities=frozenset(entities - self.context_entities)
                    | ({TOPIC} if event.date.first_day in topic_dates else set()),
                    facts=event.facts,
                    topic_date=event.date.day is not None and event.date.first_day in topic_dates,
                )
            )
        return tuple(things)

    def _build_suggestions(self) -> None:
        pool: dict[str, tuple[str, str]] = {}
        for fact in self.facts.facts.values():
            for lang_code, values in fact.phrasings.items():
                for phrasing in values[:3]:
                    pool.setdefault(utils.default_process(phrasing), (phrasing, lang_code))
        self._suggest_keys = list(pool)
        self._suggest_values = [pool[key] for key in self._suggest_keys]
        self._suggest_position = {key: i for i, key in enumerate(self._suggest_keys)}
        self._sorted_suggest_keys = sorted(self._suggest_keys)

    # -- understanding a question ------------------------------------------------------------------

    def detect_language(self, text: str, names: frozenset[int] = frozenset()) -> str | None:
        """The language `text` is written in, or None when it gives no sign (a bare name, a date).

        Evidence per word: letters only that language uses, its stop and question words, and words
        the fact file uses in that language alone. Words at the positions in `names` are names,
        whose spelling says nothing about the asker's language ("who was Dvořák?").
        """
        folded = fold(text).split()
        plain = [w for w in _NOT_WORD.split(text.casefold()) if w]
        aligned = len(plain) == len(folded)
        scores: dict[str, float] = defaultdict(float)
        for position, word in enumerate(folded):
            if position in names:
                continue
            original = plain[position] if aligned else ""
            for table in self.languages:
                letters = str(table.table.get("letters", ""))
                if letters and any(c in letters for c in original):
                    scores[table.code] += 1.5
                if word in table.stopwords or word in table.kind_index:
                    scores[table.code] += 1.0
            only = self._word_languages.get(word)
            if only is not None and len(only) == 1:
                scores[next(iter(only))] += 0.5
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def _content(self, text: str) -> str:
        return " ".join(t for t in self._fold(text).split() if t not in self.stopwords)

    def _correct(self, word: str) -> str | None:
        """The known word `word` is most likely a typo of, or None."""
        if word in self._corrections:
            return self._corrections[word]
        result = None
        if len(word) >= 3 and not _DIGITS.match(word):
            # Question words are a small closed set and often misspelt ("wen", "kagda"), so they
            # take a looser cut. Other short words need a strict one, since a real word one letter
            # off a known one ("bread", "break") is no typo; and nothing becomes a short stop word
            # ("nato" must stay an unknown name, not turn into "not").
            best = process.extractOne(word, self._question_words, scorer=fuzz.ratio, score_cutoff=80.0)
            if best is not None and best[0][:1] != word[:1]:
                best = None  # typists rarely miss the first letter: "погода" is no misspelt "года"
            if best is None and len(word) >= 4:
                found = process.extract(
                    word, self._correction_pool(len(word)), scorer=fuzz.ratio, score_cutoff=80.0, limit=5
                )
                # Swapped letters ("entre") are a typo; one other letter may make another word.
                best = next(
                    (
                        f
                        for f in found
                        if f[0][:1] == word[:1] and (len(word) > 5 or f[1] >= 86.0 or _swapped(word, f[0]))
                    ),
                    None,
                )
            if best is not None:
                result = best[0]
        if len(self._corrections) < 100_000:
            self._corrections[word] = result
        return result

    def _correction_pool(self, length: int) -> tuple[str, ...]:
        """Known words within two letters of `length` (never short stop words), built once per length."""
        pool = self._pools.get(length)
        if pool is None:
            pool = tuple(
                w
                for n in range(length - 2, length + 3)
                for w in self._words_by_length.get(n, ())
                if len(w) >= 4 or w not in self.stopwords
            )
            self._pools[length] = pool
        return pool

    def _find_entities(self, tokens: list[str]) -> tuple[list[tuple[int, int, str]], set[int]]:
        """(start, end, entity id) spans for the names in `tokens`, longest names first."""
        used: set[int] = set()
        spans: list[tuple[int, int, str]] = []
        for size in range(min(self._max_alias_words, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                window_ids = set(range(start, start + size))
                if window_ids & used:
                    continue
                window = tokens[start : start + size]
                first = window[0]
                if first not in self._alias_first_words and (
                    first in self.surface_words or first in self.known_words
                ):
                    continue  # no name starts with this word, and it is no misspelling of one
                if all(w in self.stopwords for w in window):
                    continue
                entity = self._match_name(window)
                if entity is not None:
                    spans.append((start, start + size, entity))
                    used |= window_ids
        return spans, used

    def _match_name(self, window: list[str]) -> str | None:
        """The entity a run of words names: exactly, misspelt, or spelt in another script or case."""
        phrase = " ".join(window)
        exact = self.aliases.get(phrase)
        # Only a window with a word the file does not know can be a misspelt name; one made of known
        # words that is not an alias is something else ("population" is not "occupation").
        if (
            exact is not None
            or len(phrase) < 5
            or _DIGITS.match(phrase)
            or all(w in self.surface_words or w in self.known_words for w in window)
        ):
            return exact
        size = len(window)
        cutoff = 88.0 if len(phrase) < 8 else 84.0
        best = process.extractOne(
            phrase, self._aliases_by_words.get(size, ()), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if (
            best is not None
            and _words_alike(window, best[0].split())
            and (size > 1 or phrase not in self.vocabulary)
        ):
            return self.aliases[best[0]]
        # "Шостаковича", "Šostakovičius" and "Shostakovich" share a spelling-neutral key.
        key = " ".join(sound_key(w) for w in window)
        sounds = self._sound_aliases.get(size, {})
        if key in sounds:
            return sounds[key]
        best = process.extractOne(key, list(sounds), scorer=fuzz.ratio, score_cutoff=85.0)
        if best is not None and len(key) >= 5 and _words_alike(key.split(), best[0].split()):
            return sounds[best[0]]
        return None

    def _kind(self, tokens: list[str], lang: Language) -> str | None:
        """The question's kind from its question words; the longest phrase wins ("how many" over "how")."""
        for table in (lang, language(DEFAULT_LANG)):
            found: tuple[int, str] | None = None
            for position, token in enumerate(tokens):
                for phrase, kind in table.kind_index.get(token, ()):
                    if tuple(tokens[position : position + len(phrase)]) == phrase and (
                        found is None or len(phrase) > found[0]
                    ):
                        found = (len(phrase), kind)
            if found is not None:
                return found[1]
        return None

    def _part_kinds(self, tokens: list[str], lang: Language) -> tuple[str, ...]:
        """The kinds of a question with two parts ("when was it signed and by whom?"), else ().

        A part starts at the question's first word or right after "and" (or its equivalent), with a
        question word within the next two words.
        """
        conjunctions = {fold(str(t.template("and"))) for t in (lang, language(DEFAULT_LANG))}
        starts = [0] + [i + 1 for i, t in enumerate(tokens) if t in conjunctions]
        kinds: list[str] = []
        for start in starts:
            for position in range(start, min(start + 2, len(tokens))):
                kind = self._kind(tokens[position : position + 3], lang)
                if kind is not None and tokens[position] not in self._kind_nouns:
                    if kind in PART_KINDS and kind not in kinds:
                        kinds.append(kind)
                    break
        return tuple(kinds) if len(kinds) >= 2 else ()

    def understand(self, question: str, lang: str | None = None, hint: str | None = None) -> Question:
        raw = visible(question)[:MAX_QUESTION_CHARS]
        # "take place" -> "happen" before any word is weighed; words outside the sentence that asks
        # ("I'm writing an essay.", "sorry to bother,") are only context.
        folded, aside = self._read_message(_MENTION.sub(" ", raw))
        tokens = folded.split()
        spans, in_entity = self._find_entities(tokens)
        # A forced language wins; then the question's own; then the platform's hint (a user locale).
        names = frozenset(in_entity) if len(fold(raw).split()) == len(tokens) else frozenset()
        detected = lang or self.detect_language(raw, names) or _known_language(hint) or self.default_lang
        table = language(detected)
        if folded in table.help_phrases or folded in language(DEFAULT_LANG).help_phrases:
            return Question(raw, folded, detected, None, (), (), None, "", help=True)
        if _is_smalltalk(folded, (table, language(DEFAULT_LANG))):
            return Question(raw, folded, detected, None, (), (), None, "", smalltalk=True)
        # Typo-correct words first so that "wher" is read as "where" and "signd" as "signed"; but a
        # capitalised word inside the question is a name, not a typo ("the Soviet-Finnish pact").
        plain = [w for w in _NOT_WORD.split(_MENTION.sub(" ", raw)) if w]
        names_typed = (
            {i for i, w in enumerate(plain) if i and w[:1].isupper()} if len(plain) == len(tokens) else set()
        )
        corrected = [
            t
            if t in self.known_words or t in self.surface_words or t in self.aliases or i in names_typed
            else (self._correct(t) or t)
            for i, t in enumerate(tokens)
        ]
        focus = [t for i, t in enumerate(corrected) if i not in aside]
        kind = self._kind(focus, table) or self._kind(corrected, table)
        tables = (table, language(DEFAULT_LANG))
        yes_no = (
            is_yes_no(focus, tables)
            and not self._opens_with_question_word(focus)
            and not self._offers_choice(focus)
        )
        # The words that make it a claim ("true?", "ar tiesa") are not what it is about.
        claim_words = {w for t in tables for marker in t.claim_markers for w in marker} if yes_no else set()
        date = self.dates.find(folded)
        units: list[Unit] = []
        for start, _, entity_id in spans:
            context = entity_id in self.context_entities
            weight = 0.3 if context else self.max_idf * (ASIDE_WEIGHT if start in aside else 1.0)
            units.append(Unit(label=entity_id, entity=entity_id, weight=weight, context=context))
        for position, (token, fixed) in enumerate(zip(tokens, corrected, strict=True)):
            if position in in_entity or token in self.stopwords or fixed in self.stopwords:
                continue
            if token in claim_words:
                continue
            if date is not None and (_DIGITS.match(token) or self._is_month_word(token)):
                continue  # the date is scored as a whole
            if _DIGITS.match(token) and len(token) <= 2:
                continue
            unit = self._unit(token, fixed, table)
            if yes_no and not unit.known and position in names_typed:
                # A name the file does not know, stated in a claim ("Molotov signed it, right?"), is
                # the claim's value to check, not a sign of another subject.
                weight = unit.weight * CLAIMED_NAME_WEIGHT
                unit = Unit(label=unit.label, stems=unit.stems, weight=weight, name=True)
            if position in aside:
                if not unit.known:
                    continue  # an unknown word of the small talk around a question is no evidence
                unit = Unit(label=unit.label, stems=unit.stems, weight=unit.weight * ASIDE_WEIGHT)
            units.append(unit)
        for pair in self._other_pairs(raw):
            # "the Soviet-Latvian pact": a party paired with another state names another relationship.
            units.append(Unit(label=pair, weight=self.max_idf * UNKNOWN_YEAR_WEIGHT, known=False))
        unknown_years = {int(y) for y in _YEARS.findall(" ".join(focus))} - self.known_years
        for year in sorted(unknown_years):
            # A year the file never touches says the question is about another time (a claim's year
            # is the value to check, as a claim's unknown name is).
            weight = self.max_idf * (CLAIMED_NAME_WEIGHT if yes_no else UNKNOWN_YEAR_WEIGHT)
            units.append(Unit(label=str(year), weight=weight, known=yes_no, name=yes_no, year=True))
        if units and all(u.context for u in units):
            # Only the topic or a party was named ("the treaty", a party): that name is the question.
            units = [Unit(label=u.label, entity=u.entity, weight=self.max_idf) for u in units]
        entity_ids = tuple(dict.fromkeys(e for _, _, e in spans))
        content = " ".join(t for t in corrected if t not in self.stopwords)
        return Question(
            raw,
            folded,
            detected,
            kind,
            tuple(units),
            entity_ids,
            date,
            content,
            yes_no=yes_no,
            numbers=claimed_numbers(focus, tables) if yes_no else frozenset(),
            claimed_names=tuple(u.label for u in units if u.name),
            focus=tuple(focus),
            parts=self._part_kinds(focus, table),
        )

    def _other_pairs(self, raw: str) -> list[str]:
        """Hyphenated pairs ("Soviet-Latvian", "Polish–Lithuanian") of one party and something else."""
        found = []
        for left, right in _PAIR.findall(raw):
            words = [fold(left), fold(right)]
            sides = [self._match_name([word]) for word in words]
            parties = [side in self.context_entities for side in sides]
            if sum(parties) != 1:
                continue
            other, side = next((w, e) for w, e, p in zip(words, sides, parties, strict=True) if not p)
            if side is not None:
                entity = self.facts.entities.get(side)
                named_state = entity is not None and entity.kind == "state"
            else:  # a word the file does not know: a state's name is no everyday word ("Latvian", not "led")
                named_state = other not in self.vocabulary and len(other) >= 5 and (
                    self.frequency.zipf(other, ("en", "lt", "ru")) < RARE_PAIR_ZIPF
                )
            if named_state:
                found.append(" ".join(words))
        return found

    def _opens_with_question_word(self, focus: list[str]) -> bool:
        """ "When was it signed, right?" asks when; only a statement or a yes/no question is a claim."""
        return bool(focus) and any(
            tuple(focus[: len(phrase)]) == phrase
            for table in self.languages
            for phrase, _ in table.kind_index.get(focus[0], ())
        )

    def _offers_choice(self, focus: list[str]) -> bool:
        """ "Did they say Vilnius was Lithuanian or Polish?" asks to choose, not for a yes or no."""
        words = " ".join(focus[1:])
        for table in self.languages:
            for marker in table.claim_markers:  # "true or false?" is a claim marker, not a choice
                words = words.replace(" ".join(marker), " ")
        return any(table.choice_word in words.split() for table in self.languages if table.choice_word)

    def _read_message(self, text: str) -> tuple[str, frozenset[int]]:
        """The folded message, and the positions of its words that lie outside the question.

        A chat message often wraps its question in context: "Preparing a lesson for Monday. Which
        body ratified it?", "sorry to bother, who signed?", "cheers! and where was it signed".
        Sentences that do not ask (no "?", no question word first) around one that does, and a
        lead-in clause before a clause that starts with a question word, are context. A message
        whose asking part says nothing of its own ("Is that right?") is read whole.
        """
        pieces: list[tuple[str, bool]] = []
        for sentence in _SENTENCE_END.split(text):
            clauses = [self._fold(c) for c in _CLAUSE_BREAK.split(sentence)]
            clauses = [c for c in clauses if c]
            if not clauses:
                continue
            asks = "?" in sentence or self._opens_question(clauses[0])
            lead = 0
            if not self._opens_question(clauses[0]):
                # "sorry to bother, who ...": the clauses before the first that opens a question.
                lead = next((i for i, c in enumerate(clauses) if i and self._opens_question(c)), 0)
            pieces.extend((c, asks and i >= lead) for i, c in enumerate(clauses))
        asking = [p for p, asks in pieces if asks]
        if not asking or not any(w not in self.stopwords for p in asking for w in p.split()):
            pieces = [(p, True) for p, _ in pieces]
        aside: set[int] = set()
        position = 0
        for piece, asks in pieces:
            size = len(piece.split())
            if not asks:
                aside.update(range(position, position + size))
            position += size
        return " ".join(p for p, _ in pieces), frozenset(aside)

    def _opens_question(self, folded: str) -> bool:
        """`folded` starts like a question: a question word, or a verb that opens a yes/no question."""
        words = folded.split()
        return bool(words) and any(
            words[0] in table.kind_index or words[0] in table.question_openers for table in self.languages
        )

    def _is_month_word(self, token: str) -> bool:
        return any(token.startswith(word) for word in self._month_words if len(word) >= 3)

    def _unit(self, token: str, fixed: str, table: Language) -> Unit:
        words = {token, fixed}
        for word in list(words):
            for lang in (table, language(DEFAULT_LANG)):
                words.update(lang.synonyms.get(word, ()))
        stems = frozenset(lang.stem(w) for w in words for lang in self.languages) | words
        known = [s for s in stems if s in self.vocabulary]
        if known:
            weight = max(self.idf[s] for s in known)
            return Unit(label=token, stems=stems, weight=weight)
        if token in self.known_words or fixed in self.known_words:
            return Unit(label=token, stems=stems, weight=0.25)  # a question word, not a topic word
        # A word the file does not know weighs by how rare it is in the language: a rare one (a name,
        # a term) says the question is about something else; a common one ("homework") says little.
        zipf = self.frequency.zipf(token, (table.code, DEFAULT_LANG))
        rarity = min(1.0, max(COMMON_WORD_FLOOR, (VERY_COMMON_ZIPF - zipf) / (VERY_COMMON_ZIPF - RARE_ZIPF)))
        return Unit(label=token, stems=stems, weight=self.max_idf * 1.2 * rarity, known=False)

    # -- scoring -----------------------------------------------------------------------------------

    def _score_all(self, question: Question) -> list[Scored]:
        """Candidates ranked best first (at most SIMILARITY_POOL of them).

        Coverage is accumulated over the index's postings, so a question costs time in proportion
        to how many candidates share its words, not to the size of the fact file.
        """
        total = sum(u.weight for u in question.units) or 1.0
        context = sum(u.weight for u in question.units if u.context)
        covered: dict[int, float] = defaultdict(float)
        essential, rest = self._essential_units(question, total, context)
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
            for index, strength in coverage_of.items():
                covered[index] += unit.weight * strength
        discriminating = any(not u.context for u in question.units)
        if question.date is not None:
            # A question that is only a date ("what was in 1855?") is all about that date; in a claim
            # the date is the value to check ("the coup was in 1928, right?"), not the subject.
            for index in self._date_candidates if not question.yes_no else self._in_force_candidates:
                covered[index] += 0.25 * total if discriminating else total
        if not discriminating and question.date is None:
            for index in self._nearest_by_phrasing(question):
                covered.setdefault(index, 0.0)
        if len(covered) > PRELIMINARY_POOL:  # the light words cannot lift one from far below
            covered = dict(heapq.nlargest(PRELIMINARY_POOL, covered.items(), key=lambda item: item[1]))
        scored = []
        for index, value in covered.items():
            candidate = self.candidates[index]
            # The light words, looked up per candidate: cheaper than walking their long postings.
            value += sum(unit.weight * self._covers(candidate, unit) for unit in rest)
            coverage = min(1.0, (value + context) / total)
            if question.date is not None and index in self._date_set:
                coverage += DATE_PREFERENCE  # beyond the cap: a named date should decide a tie
                if (
                    not discriminating
                    and candidate.fact is not None
                    and candidate.fact.compute == "events_on"
                ):
                    coverage += DATE_PREFERENCE  # a bare date asks what happened then
            scored.append(Scored(candidate, coverage + self._kind_adjustment(candidate, question)))
        top = heapq.nlargest(SIMILARITY_POOL, scored, key=lambda s: (s.score, s.candidate.key))
        reranked = [
            Scored(s.candidate, s.score * 0.75 + 0.25 * self._similarity(s.candidate, question)) for s in top
        ]
        reranked.sort(key=lambda s: (-s.score, s.candidate.key))
        return reranked

    def _essential_units(
        self, question: Question, total: float, context: float
    ) -> tuple[list[Unit], list[Unit]]:
        """Split the known units into those a plausible answer must match and the rest.

        A candidate that matches none of the heaviest units could cover at most the light ones; once
        those are under PRUNE_SHARE of the question it cannot be the answer, so only candidates
        reached through a heavy unit are scored (the MaxScore idea from search engines).
        """
        known = sorted((u for u in question.units if not u.context and u.known), key=lambda u: -u.weight)
        light = sum(u.weight for u in known) + context
        essential: list[Unit] = []
        while known and (not essential or light >= PRUNE_SHARE * total):
            unit = known.pop(0)
            essential.append(unit)
            light -= unit.weight
        return essential, known

    def _posting_length(self, unit: Unit) -> int:
        if unit.entity is not None:
            stems = self._entity_stems.get(unit.entity, frozenset())
            return len(self._by_entity.get(unit.entity, ())) + sum(
                len(self._postings.get(s, ())) for s in stems
            )
        return sum(len(self._postings.get(s, ())) for s in unit.stems)

    def _covers(self, candidate: Candidate, unit: Unit) -> float:
        if unit.entity is not None:
            if unit.entity in candidate.entity_ids:
                return 1.0
            stems = self._entity_stems.get(unit.entity, frozenset())
            return 0.8 * sum(candidate.terms.get(s, 0.0) for s in stems) / len(stems) if stems else 0.0
        return max((candidate.terms.get(s, 0.0) for s in unit.stems), default=0.0)

    def _unit_coverage(self, unit: Unit) -> dict[int, float]:
        """How fully each candidate accounts for one unit of the question (0 to 1)."""
        best: dict[int, float] = {}
        if unit.entity is not None:
            # Listed among a candidate's entities: fully covered; its name in the phrasings: partly.
            name_stems = self._entity_stems.get(unit.entity, frozenset())
            partial: dict[int, float] = defaultdict(float)
            for stem in name_stems:
                for index, strength in self._postings.get(stem, ()):
                    partial[index] += strength
            best = {i: 0.8 * v / len(name_stems) for i, v in partial.items()}
            best.update(dict.fromkeys(self._by_entity.get(unit.entity, ()), 1.0))
            return best
        # Postings are strongest first. For a word in thousands of facts, those that only mention it
        # in passing (their answer text) are left out: they cannot be the answer to it.
        floor = MEDIUM if self._posting_length(unit) > LARGE_POOL else 0.0
        for stem in unit.stems:
            for index, strength in self._postings.get(stem, ()):
                if strength < floor:
                    break
                if strength > best.get(index, 0.0):
                    best[index] = strength
        return best

    def _nearest_by_phrasing(self, question: Question) -> list[int]:
        """For a question with no telling words ("what is it?"): candidates with phrasings like it."""
        if not question.content:
            return [i for i, c in enumerate(self.candidates) if c.fact is not None][:SIMILARITY_POOL]
        texts, owners = self._phrasings_by_lang.get(question.lang) or self._phrasings_by_lang.get(
            "en", ([], [])
        )
        found = process.extract(
            question.content, texts, scorer=fuzz.token_sort_ratio, processor=None, limit=SIMILARITY_POOL * 3
        )
        return list(dict.fromkeys(owners[i] for _, _, i in found))

    def _has_strong_hit(self, candidate: Candidate, question: Question) -> bool:
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

    def _kind_adjustment(self, candidate: Candidate, question: Question) -> float:
        kind = question.kind
        if kind is None or not candidate.asks:
            return 0.0
        if kind in candidate.asks:
            # "Who" is most often about people: of two facts that fit, the one naming people wins.
            if kind == "who" and candidate.entity_ids & self._people:
                return 0.1
            return 0.08
        if kind in ("what", "how"):
            return -0.04
        return -0.15

    def _similarity(self, candidate: Candidate, question: Question) -> float:
        phrasings = (
            candidate.phrasings.get(question.lang)
            or candidate.phrasings.get(ANY_LANGUAGE)
            or candidate.phrasings.get(DEFAULT_LANG, ())
        )
        if not question.content or not phrasings:
            return 0.0
        best = process.extractOne(question.content, phrasings, scorer=fuzz.token_sort_ratio, processor=None)
        return best[1] / 100.0 if best is not None else 0.0

    # -- answering ---------------------------------------------------------------------------------

    def ask(self, question: str, lang: str | None = None, hint: str | None = None) -> Answer:
        """Answer `question`. `lang` forces the answer's language; `hint` (e.g. the asker's locale) is
        used only when the question itself does not show its language."""
        understood = self.understand(question, lang, hint)
        if understood.help:
            return self.help(understood.lang, question=understood.raw)
        if not understood.folded:
            return Answer(
                question=understood.raw,
                outcome=Outcome.EMPTY,
                lang=understood.lang,
                text=self.composer.texts.get(
                    "empty", understood.lang, example=self._example(understood.lang)
                ),
            )
        if understood.smalltalk:
            return self._decline(understood, [])
        if understood.parts:
            both = self._answer_parts(understood)
            if both is not None:
                return both
        ranked = self._score_all(understood)
        spanned = self._span_answer(understood)
        if spanned is not None and not (
            ranked and ranked[0].score >= ANSWER_THRESHOLD and self._is_span_fact(ranked[0].candidate)
        ):
            return spanned  # a fact that computes this very span ("how long was it in force?") reads better
        if not ranked or not self._confident(understood, ranked):
            return self._decline(understood, ranked)
        best = ranked[0]
        return self._answer(best.candidate, understood, min(1.0, best.score))

    def _confident(self, question: Question, ranked: list[Scored]) -> bool:
        """Whether the best candidate answers the question well enough to say it, rather than decline."""
        best = ranked[0]
        # "What happened in 1950?": a fact computed from dates answers for any year.
        fact = best.candidate.fact
        dated = fact is not None and fact.compute in ("events_on", "in_force_on")
        units = [u for u in question.units if not (dated and u.year)]
        unknown = sum(u.weight for u in units if not u.known)
        total = sum(u.weight for u in units) or 1.0
        if unknown / total >= UNKNOWN_SHARE_LIMIT:
            return False
        if best.score < ANSWER_THRESHOLD:
            # Below the threshold, a candidate far ahead of every other still answers, provided every
            # word of the question is one the file knows.
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            unexplained = any(not u.known for u in units)
            if unexplained or best.score < CLEAR_LEAD_THRESHOLD or best.score - runner_up < CLEAR_LEAD:
                return False
        if not (any(not u.context for u in question.units) or question.kind is not None or question.date):
            return False
        if not self._has_strong_hit(best.candidate, question):
            return False  # only incidental words matched: the fact is not about what was asked
        # Two candidates that fit as well as each other: neither is the answer.
        tied = len(ranked) > 1 and best.score - ranked[1].score < TIE_MARGIN
        return not (tied and best.score < TIE_CEILING)

    def _answer_parts(self, question: Question) -> Answer | None:
        """Both parts of "when was it signed and by whom?" in one reply, when each has a confident answer."""
        answers = []
        for kind in question.parts:
            part = dataclasses.replace(question, kind=kind, parts=())
            ranked = self._score_all(part)
            if not ranked or not self._confident(part, ranked):
                return None
            answers.append((ranked[0], part))
        if len({scored.candidate.key for scored, _ in answers}) < len(answers):
            return None  # one fact answers both parts: the ordinary answer says it
        replies = [self._answer(scored.candidate, part, min(1.0, scored.score)) for scored, part in answers]
        first = replies[0]
        return dataclasses.replace(
            first,
            text="\n\n".join(r.text for r in replies),
            fact_ids=tuple(f for r in replies for f in r.fact_ids),
            confidence=min(r.confidence for r in replies),
            related=tuple(dict.fromkeys(rel for r in replies for rel in r.related))[:3],
        )

    def _is_span_fact(self, candidate: Candidate) -> bool:
        return candidate.fact is not None and candidate.fact.compute in ("duration", "time_to_effect")

    def _span_answer(self, question: Question) -> Answer | None:
        """The time between, or the order of, two dated things the question names; None if it names no two."""
        tables = (language(question.lang), language(DEFAULT_LANG))
        span, order = is_span_question(question.focus, question.kind, tables)
        if not (span or order) or not self.dated:
            return None
        asking_words = {w for t in tables for w in (*t.span_words, *t.order_words, *t.span_words)}
        asking_words |= {w for t in tables for words in t.span_units.values() for w in words}
        evidence = [
            Evidence(u.stems, u.entity, u.weight, u.context)
            for u in question.units
            if u.label not in asking_words
        ]
        if any(not u.known and not u.name for u in question.units if u.weight >= self.max_idf):
            return None  # names something the file does not know
        years = {int(y) for y in _YEARS.findall(question.folded)}
        explicit = any(w in t.span_words for t in tables for w in question.focus)
        found = pick_two(self.dated, evidence, years, SPAN_MIN_SHARE, topic_alone=explicit)
        if found is None:
            return None
        first, second, share = found
        unit = asked_unit(question.focus, tables)
        asked = SpanQuestion(first, second, unit, order and not span and unit is None, share)
        text = span_text(asked, tables[0])
        fact_ids = tuple(dict.fromkeys((*first.facts, *second.facts)))
        sources = tuple(
            Source(self.facts.sources[s].title, self.facts.sources[s].url)
            for s in self.facts.topic.sources
            if s in self.facts.sources
        )
        return Answer(
            question=question.raw,
            outcome=Outcome.ANSWERED,
            text=text,
            title=self.composer.texts.get("span_title", question.lang),
            confidence=round(min(1.0, share), 3),
            fact_ids=fact_ids,
            sources=sources,
            lang=question.lang,
        )

    def answer_fact(self, fact_id: str, lang: str | None = None) -> Answer:
        code = lang or self.default_lang
        index = self._fact_candidate.get(fact_id)
        if index is None:
            return Answer(
                question=fact_id,
                outcome=Outcome.DECLINED,
                lang=code,
                text=self.composer.texts.get("declined", code),
                suggestions=self._top_questions(code, 3),
            )
        candidate = self.candidates[index]
        question = Question(
            raw=candidate.canonical.get(code) or candidate.canonical.get("en", fact_id),
            folded="",
            lang=code,
            kind=None,
            units=(),
            entities=(),
            date=None,
            content="",
        )
        return self._answer(candidate, question, 1.0)

    def _answer(self, candidate: Candidate, question: Question, confidence: float) -> Answer:
        lang = question.lang
        if candidate.fact is not None:
            fact = candidate.fact
            text = self.composer.fact_text(fact, lang, question.date, question.entities)
            if fact.compute not in ("in_force_on", "events_on", "timeline"):  # those answer yes/no themselves
                text = self._with_verdict(question, fact.entities, text)
            if fact.compute is None and lang not in fact.answer:
                # Untranslated: the English text, with a short note in the asker's language.
                note = self.composer.texts.get("lang_fallback", lang)
                text = f"{text}\n\n{note}" if note else text
            title = _pick(fact.title, lang)
            related = tuple(
                RelatedFact(r, _pick(self.facts.facts[r].title, lang))
                for r in fact.related
                if r in self.facts.facts
            )
            fact_ids: tuple[str, ...] = (fact.id,)
            source_ids = fact.sources or self.facts.topic.sources
        else:
            assert candidate.entity is not None
            entity = candidate.entity
            text = self._with_verdict(question, (entity.id,), self._card_text(entity, lang))
            title = _pick(entity.name, lang)
            about = self.entity_facts.get(entity.id, ())
            related = tuple(RelatedFact(f, _pick(self.facts.facts[f].title, lang)) for f in about[:3])
            fact_ids = ()
            source_ids = entity.sources or self.facts.topic.sources
        sources = tuple(
            Source(self.facts.sources[s].title, self.facts.sources[s].url)
            for s in source_ids
            if s in self.facts.sources
        )
        return Answer(
            question=question.raw,
            outcome=Outcome.ANSWERED,
            text=text,
            title=title,
            confidence=round(confidence, 3),
            fact_ids=fact_ids,
            sources=sources,
            related=related[:3],
            lang=lang,
        )

    def _with_verdict(self, question: Question, about: tuple[str, ...], text: str) -> str:
        """`text`, opened with Yes or No when the question is a claim the text settles."""
        if not question.yes_no:
            return text
        claim = Claim(question.folded, question.entities, question.numbers, question.claimed_names)
        tables = (language(question.lang), language(DEFAULT_LANG))
        found = verdict(claim, about, text, self.facts, tables)
        if found is None:
            return text
        return str(tables[0].template("verdict_yes" if found else "verdict_no")).format(text=text)

    def _card_text(self, entity: Entity, lang: str) -> str:
        """An entity's card: its description, opened with its name when the description does not name it."""
        description = _pick(entity.description, lang)
        name = _pick(entity.name, lang)
        folded = fold(description)
        names = [fold(n) for n in (name, *entity.aliases.get(lang, ()), *entity.aliases.get("en", ()))]
        if entity.id == TOPIC or any(n and folded.startswith(n) for n in names):
            return description
        return f"{_capital(name)}: {description}"

    def _decline(self, question: Question, ranked: list[Scored]) -> Answer:
        lang = question.lang
        suggestions: list[str] = []
        for scored in ranked:
            if scored.score < 0.3 or len(suggestions) == 3:
                break
            text = _pick(scored.candidate.canonical, lang)
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

    def _example(self, lang: str) -> str:
        examples = self._top_questions(lang, 1)
        return examples[0] if examples else "help"

    def _top_questions(self, lang: str, limit: int) -> tuple[str, ...]:
        result = []
        for fact in list(self.facts.facts.values())[:limit]:
            text = _pick({k: v[0] for k, v in fact.phrasings.items() if v}, lang)
            if text:
                result.append(text)
        return tuple(result)

    def help(self, lang: str | None = None, question: str = "help") -> Answer:
        code = lang or self.default_lang
        texts = self.composer.texts
        topic = self.facts.topic
        examples = [f"• {q}" for q in self._top_questions(code, 6)]
        titles = ", ".join(_pick(f.title, code) for f in self.facts.facts.values())
        text = "\n".join(
            [
                _pick(topic.summary, code),
                "",
                texts.get("help_intro", code, topic=_pick(topic.name, code)),
                *examples,
                "",
                f"{texts.get('help_topics', code)} {titles}.",
            ]
        )
        sources = tuple(Source(s.title, s.url) for s in self.facts.sources.values())
        return Answer(
            question=question,
            outcome=Outcome.HELP,
            text=text,
            lang=code,
            title=texts.get("help_title", code),
            confidence=1.0,
            sources=sources[:3],
        )

    def suggest(self, partial: str, limit: int = 25, lang: str | None = None) -> list[str]:
        """Answerable questions that fit `partial`: prefix matches first, then fuzzy ones."""
        limit = max(0, min(limit, 25))
        code = lang or self.default_lang
        wanted = utils.default_process(visible(partial)[:MAX_QUESTION_CHARS])
        if not wanted:
            ranked_keys = list(range(len(self._suggest_keys)))
        else:
            prefix = []
            start = bisect.bisect_left(self._sorted_suggest_keys, wanted)
            for key in self._sorted_suggest_keys[start : start + limit * 2]:
                if not key.startswith(wanted):
                    break
                prefix.append(self._suggest_position[key])
            fuzzy: list[tuple[str, float, int]] = []
            if len(prefix) < limit:
                # WRatio reads half-typed questions best but costs ~2 µs a key; past a few thousand
                # keys the plain ratio keeps autocomplete inside Discord's time limit.
                scorer = fuzz.WRatio if len(self._suggest_keys) <= 3000 else fuzz.QRatio
                fuzzy = process.extract(
                    wanted,
                    self._suggest_keys,
                    scorer=scorer,
                    processor=None,
                    limit=limit * 2,
                    score_cutoff=50,
                )
            seen = set(prefix)
            ranked_keys = prefix + [i for _, _, i in fuzzy if i not in seen]
        preferred = [i for i in ranked_keys if self._suggest_values[i][1] == code]
        others = [i for i in ranked_keys if self._suggest_values[i][1] != code]
        chosen = [self._suggest_values[i][0] for i in preferred + others]
        return list(dict.fromkeys(chosen))[:limit]


def _all_texts(*fields: Mapping[str, str] | Mapping[str, tuple[str, ...]]) -> Iterable[str]:
    for values in fields:
        for value in values.values():
            if isinstance(value, str):
                yield value
            else:
                yield from value


def _pick(text: Mapping[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _swapped(typed: str, known: str) -> bool:
    """`typed` is `known` with two neighbouring letters swapped."""
    return Levenshtein.distance(typed, known) == 2 and OSA.distance(typed, known) == 1


def _is_smalltalk(folded: str, tables: Iterable[Language]) -> bool:
    for table in tables:
        if folded in table.smalltalk:
            return True
        if table.smalltalk and len(folded) <= 40:
            match = process.extractOne(folded, table.smalltalk, scorer=fuzz.ratio, score_cutoff=90)
            if match is not None:
                return True
    return False


def _words_alike(typed: list[str], known: list[str]) -> bool:
    """Each typed word is the known word or a plausible typo of it (so "population" is not "occupation")."""
    return len(typed) == len(known) and all(
        a == b or (len(b) > 3 and a[:1] == b[:1] and fuzz.ratio(a, b) >= 75)
        for a, b in zip(typed, known, strict=True)
    )


def _known_language(code: str | None) -> str | None:
    if not code:
        return None
    short = code.split("-")[0].split("_")[0].casefold()
    return short if language(short).code == short else None
