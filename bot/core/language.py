"""Per-language word knowledge the matcher uses: stop words, question words, stemming, synonyms,
month names and the templates of computed answers. All of it is data in `bot/core/lang/*.yaml`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bot.core.normalize import fold
from bot.core.texts import DEFAULT_LANG, known_languages, language_table, remember_table

V = TypeVar("V")
_PREFIX_SEEN_LIMIT = 100_000  # words a PrefixIndex remembers (see `PrefixIndex.get`)


@dataclass(frozen=True)
class Language:
    code: str
    table: Mapping[str, Any]
    stopwords: frozenset[str]
    kind_phrases: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    suffixes: tuple[str, ...]  # longest first
    suffix_replace: Mapping[str, str]
    min_stem: int
    synonyms: Mapping[str, tuple[str, ...]]
    month_words: Mapping[str, int]
    help_phrases: frozenset[str]
    smalltalk: frozenset[str]
    question_openers: frozenset[str] = frozenset()  # verbs that open a yes/no question ("did", "was")
    claim_markers: tuple[tuple[str, ...], ...] = ()  # "is it true", "right", "ar tiesa": a claim to check
    claim_index: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # by first word
    choice_word: str = ""  # "or": "did they say X or Y?" asks to choose
    partitive: str = ""  # "of": "one of the signers", "the end of 1850"
    treaty_nouns: frozenset[str] = frozenset()  # "treaty", "pact": the head of a treaty's name
    lead_fillers: frozenset[str] = frozenset()  # "so", "wait", "nu": words that lead into a question
    span_units: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "weeks" -> week
    span_words: frozenset[str] = frozenset()  # "between", "elapsed": asks for the time between two things
    span_ranges: tuple[tuple[str, str], ...] = ()  # ("from", "to"): with a unit, asks for a span
    span_nouns: frozenset[str] = frozenset()  # "time", "period": with a span word, asks for a span
    span_counting: frozenset[str] = frozenset()  # "full", "lasted": how a span is counted, nothing dated
    due_words: frozenset[str] = frozenset()  # "expiry", "scheduled": a date that was due, not a deed
    remaining_words: frozenset[str] = frozenset()  # "left", "unexpired": what was left of a term then
    lasting_after: frozenset[str] = frozenset()  # "in" ("remain in force"): a remaining word says it lasted
    anniversary_words: frozenset[str] = frozenset()  # "anniversary": "its first anniversary" is a day
    adverb_endings: tuple[str, ...] = ()  # "-ly": how manner adverbs end, folded
    demonstratives: frozenset[str] = frozenset()  # "that", "тот": "that day" points, it asks no unit
    articles: frozenset[str] = frozenset()  # "the", "an": "the earlier treaty" describes, asks no order
    copulas: frozenset[str] = frozenset()  # "was", "buvo": "who was the ...?" asks for the role after it
    place_endings: tuple[str, ...] = ()  # "-oje": a place named as a place, with no word before it
    order_words: frozenset[str] = frozenset()  # "earlier", "first": asks which of two came first
    relative_words: frozenset[str] = frozenset()  # "before", "after": an order only with a choice
    before_words: frozenset[str] = frozenset()  # the relative words that put the first thing earlier
    same_time_phrases: tuple[tuple[str, ...], ...] = ()  # "same day", "одновременно": two things at one time
    reporting_verbs: frozenset[str] = frozenset()  # "says", "I read": what follows is the claim
    report_openers: frozenset[str] = frozenset()  # "that", "kad", "что" right after a reporting verb
    side_words: frozenset[str] = frozenset()  # "side", "pusė": beside a party's name, part of naming it
    possessives: frozenset[str] = frozenset()  # "my", "mano": an asker word after one is the asker's
    asker_words: frozenset[str] = (
        frozenset()
    )  # "homework", "grandma": the asker's situation, not the question
    idioms: Mapping[str, str] = field(default_factory=dict)
    idiom_pattern: re.Pattern[str] | None = None
    idiom_starts: frozenset[str] = frozenset()  # each idiom's first two words ("take place"), or its one

    kind_index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    suffix_set: frozenset[str] = frozenset()
    suffix_lengths: tuple[int, ...] = ()
    stem_cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def stem(self, token: str) -> str:
        """Cut the longest known suffix, keeping at least `min_stem` letters; digits stay whole."""
        cached = self.stem_cache.get(token)
        if cached is not None:
            return cached
        result = token
        if not token.isdigit():
            for length in self.suffix_lengths:  # longest first
                if len(token) - length < self.min_stem:
                    continue
                suffix = token[-length:]
                if suffix in self.suffix_set:
                    result = token[:-length] + self.suffix_replace.get(suffix, "")
                    break
        if len(self.stem_cache) < 200_000:
            self.stem_cache[token] = result
        return result

    def rewrite_idioms(self, folded: str) -> str:
        """`folded` with this language's multi-word expressions replaced by the word they mean."""
        # Most texts have no idiom's first two words: set tests are cheaper than a scan of the alternation.
        if self.idiom_pattern is None:
            return folded
        words = folded.split()
        starts = self.idiom_starts
        if starts.isdisjoint(words) and starts.isdisjoint(map(" ".join, itertools.pairwise(words))):
            return folded
        return self.idiom_pattern.sub(lambda match: self.idioms[match.group(0)], folded)

    def template(self, key: str) -> Any:
        templates = self.table.get("templates", {})
        if key in templates:
            return templates[key]
        return language(DEFAULT_LANG).table["templates"][key]


def word_form(form: str) -> str:
    """A word form of the language data, folded. One that ends in "-" is the start of a word (a stem of
    an inflected language: "немецк-"), and keeps the "-"; any other is the whole word."""
    return fold(form.removesuffix("-")) + ("-" if form.endswith("-") else "")


class FormIndex:
    """Word forms of the language data (see `word_form`) with a value each, looked up by word: whole
    words in a dict, stems by the word's own prefixes (see `PrefixIndex`); the first form given wins."""

    def __init__(self, forms: Iterable[tuple[str, str]]) -> None:
        self.words: dict[str, str] = {}
        stems: list[tuple[str, str]] = []
        for form, value in forms:
            if form.endswith("-"):
                stems.append((form[:-1], value))
            else:
                self.words.setdefault(form, value)
        self._stems = PrefixIndex(stems)

    def get(self, word: str) -> str | None:
        found = self.words.get(word)
        if found is not None:
            return found
        return self._stems.get(word)


class PrefixIndex(Generic[V]):
    """Word starts with a value each, in order of preference ("sept" -> 9, "ketvirt" -> 4): `get(word)`
    is the value of the first start that begins `word`. Looked up by the word's own prefixes, one per
    length the starts have, not by testing every start: month and ordinal forms of three languages
    are many, and every word of a question is tested."""

    def __init__(self, starts: Iterable[tuple[str, V]]) -> None:
        self._starts: dict[str, tuple[int, V]] = {}
        for order, (start, value) in enumerate(starts):
            self._starts.setdefault(start, (order, value))
        self._lengths = sorted({len(start) for start in self._starts})
        # word -> its value: every word of a question is looked up, and words come back. Bounded, as
        # askers' words are not.
        self._seen: dict[str, V | None] = {}

    def get(self, word: str) -> V | None:
        seen = self._seen
        if word in seen:
            return seen[word]
        if len(seen) >= _PREFIX_SEEN_LIMIT:
            seen.clear()
        found = seen[word] = self._look_up(word)
        return found

    def _look_up(self, word: str) -> V | None:
        found: tuple[int, V] | None = None
        for length in self._lengths:
            if length > len(word):
                break
            hit = self._starts.get(word[:length])
            if hit is not None and (found is None or hit[0] < found[0]):
                found = hit
        return found[1] if found is not None else None


def same_time_positions(tokens: Sequence[str], tables: Iterable[Language]) -> frozenset[int]:
    """The positions of `tokens` inside a phrase that says "at one time" ("the same day", "тот же
    день") in any of `tables`."""
    phrases = [phrase for t in tables for phrase in t.same_time_phrases]
    firsts = {phrase[0] for phrase in phrases}
    return frozenset(
        position
        for i, token in enumerate(tokens)
        if token in firsts
        for phrase in phrases
        if tuple(tokens[i : i + len(phrase)]) == phrase
        for position in range(i, i + len(phrase))
    )


def _folded_list(values: Any) -> list[str]:
    return [fold(str(v)) for v in values or []]


_LANGUAGES: dict[str, Language] = {}


def remember(languages: Iterable[Language]) -> None:
    """Reuse languages that came with a cached engine, so their tables are not parsed again."""
    for item in languages:
        _LANGUAGES.setdefault(item.code, item)
        remember_table(item.code, dict(item.table))


def language(code: str) -> Language:
    """The language for `code`, English when the bot has no table for it."""
    found = _LANGUAGES.get(code)
    if found is None:
        if code not in known_languages():
            return language(DEFAULT_LANG)  # never remembered under an unknown code
        found = _LANGUAGES[code] = _build_language(code)
    return found


def _build_language(code: str) -> Language:
    table = language_table(code) or language_table(DEFAULT_LANG)
    code = code if language_table(code) else DEFAULT_LANG
    kinds = [
        (tuple(phrase.split()), kind)
        for kind, phrases in (table.get("kinds") or {}).items()
        for phrase in _folded_list(phrases)
        if phrase
    ]
    kinds.sort(key=lambda item: -len(item[0]))
    # Longest first, so that "took place" is replaced before a shorter expression inside it.
    idioms = {fold(str(k)): fold(str(v)) for k, v in (table.get("idioms") or {}).items()}
    idioms = dict(sorted(idioms.items(), key=lambda item: -len(item[0])))
    kind_index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in kinds:
        kind_index.setdefault(phrase[0], []).append((phrase, kind))
    suffixes = sorted((fold(s) for s in table.get("suffixes") or []), key=len, reverse=True)
    months = {
        word: int(number)
        for number, words in (table.get("month_words") or {}).items()
        for word in _folded_list(words)
    }
    synonyms = {fold(str(k)): tuple(_folded_list(v)) for k, v in (table.get("synonyms") or {}).items()}
    markers = tuple(tuple(m.split()) for m in _folded_list(table.get("claim_markers")) if m)
    return Language(
        code=code,
        table=table,
        stopwords=frozenset(_folded_list(table.get("stopwords"))),
        kind_phrases=tuple(kinds),
        kind_index={first: tuple(entries) for first, entries in kind_index.items()},
        suffixes=tuple(suffixes),
        suffix_set=frozenset(suffixes),
        suffix_lengths=tuple(sorted({len(x) for x in suffixes if x}, reverse=True)),
        suffix_replace={fold(k): fold(str(v)) for k, v in (table.get("suffix_replace") or {}).items()},
        min_stem=int(table.get("min_stem", 3)),
        synonyms=synonyms,
        month_words=months,
        help_phrases=frozenset(_folded_list(table.get("help_phrases"))),
        smalltalk=frozenset(_folded_list(table.get("smalltalk"))),
        question_openers=frozenset(_folded_list(table.get("question_openers"))),
        claim_markers=markers,
        claim_index={first: tuple(m for m in markers if m[0] == first) for first in {m[0] for m in markers}},
        choice_word=fold(str(table.get("choice_word", ""))),
        partitive=fold(str(table.get("partitive", ""))),
        treaty_nouns=frozenset(_folded_list(table.get("treaty_nouns"))),
        lead_fillers=frozenset(_folded_list(table.get("lead_fillers"))),
        span_units={str(k): frozenset(_folded_list(v)) for k, v in (table.get("span_units") or {}).items()},
        span_words=frozenset(_folded_list(table.get("span_words"))),
        span_nouns=frozenset(_folded_list(table.get("span_nouns"))),
        span_counting=frozenset(_folded_list(table.get("span_counting"))),
        due_words=frozenset(_folded_list(table.get("due_words"))),
        remaining_words=frozenset(_folded_list(table.get("remaining_words"))),
        lasting_after=frozenset(_folded_list(table.get("lasting_after"))),
        anniversary_words=frozenset(_folded_list(table.get("anniversary_words"))),
        adverb_endings=tuple(_folded_list(table.get("adverb_endings"))),
        place_endings=tuple(_folded_list(table.get("place_endings"))),
        demonstratives=frozenset(_folded_list(table.get("demonstratives"))),
        articles=frozenset(_folded_list(table.get("articles"))),
        copulas=frozenset(_folded_list(table.get("copulas"))),
        span_ranges=tuple(
            (fold(str(pair[0])), fold(str(pair[1])))
            for pair in table.get("span_ranges") or []
            if len(pair) == 2
        ),
        order_words=frozenset(_folded_list(table.get("order_words"))),
        relative_words=frozenset(_folded_list(table.get("relative_words"))),
        before_words=frozenset(_folded_list(table.get("before_words"))),
        same_time_phrases=tuple(tuple(p.split()) for p in _folded_list(table.get("same_time_phrases")) if p),
        reporting_verbs=frozenset(_folded_list(table.get("reporting_verbs"))),
        report_openers=frozenset(_folded_list(table.get("report_openers"))),
        asker_words=frozenset(_folded_list(table.get("asker_words"))),
        possessives=frozenset(_folded_list(table.get("possessives"))),
        side_words=frozenset(_folded_list(table.get("side_words"))),
        idioms=idioms,
        idiom_pattern=re.compile(r"\b(?:" + "|".join(map(re.escape, idioms)) + r")\b") if idioms else None,
        idiom_starts=frozenset(" ".join(idiom.split()[:2]) for idiom in idioms if idiom),
    )


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in known_languages())
