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
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.core.factfile import Entity, FactBase
from bot.core.language import FormIndex, Language, language, word_form
from bot.core.normalize import fold
from bot.core.tuning import (
    DATE_YEAR_REACH,
    FOLDED_NAMES_CACHE_SIZE,
    INFINITIVE_STEM_MIN,
    RESTATED_MIN,
    RESTATED_SHARE,
    SETTLING_WORDS,
)

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_NUMBER = re.compile(r"\b([0-9]{1,3})\b")
# The kinds of thing a claim states as a value, where a fact about another of that kind contradicts it
# ("signed in Beta City?" of a fact naming Alpha City; "it confirmed the Salt Accord?" of another treaty).
_VALUE_KINDS = frozenset({"person", "place", "state", "organisation", "treaty", "event"})
_CLAUSE = re.compile(r"[,;:.!?\u2013\u2014]+\s")  # brackets hold an aside, not a new clause


def is_yes_no(tokens: Sequence[str], tables: Iterable[Language]) -> bool:
    """The question asks for a verdict: it opens like a yes/no question or carries a claim marker.

    Only the question's own language (the first table) says how a yes/no question opens: English
    "is" opens one, Lithuanian "iš" (folded "is") does not."""
    if not tokens:
        return False
    tables = list(tables)
    if _tag_length(tokens, tables):
        return True  # "..., wasn't he?"
    if tokens[0] in tables[0].question_openers:
        return True
    for table in tables:
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
    negated: bool = False  # it says something did not happen ("it was never extended?")
    month: int | None = None  # the month of the date it states ("in December 1855")
    ordinals: frozenset[int] = frozenset()  # ordinals it states ("the Second Assembly")
    partners: tuple[str, ...] = ()  # parties it names after "with": the other side, not whom one acted for
    exclusive: bool = False  # it says "only" ("only in Alpha-ese?"): its list is the whole of it


def claimed_numbers(tokens: Sequence[str], tables: Iterable[Language]) -> frozenset[int]:
    """The small numbers the words state, as digits or number words; "one of the signers" is a choice
    among them, not a count."""
    sets = _word_sets(tuple(tables))
    words, partitives = sets.numbers, sets.partitives
    found: set[int] = set()
    for position, token in enumerate(tokens):
        if token.isdigit() and len(token) <= 3:
            found.add(int(token))
        elif token in words and (position + 1 >= len(tokens) or tokens[position + 1] not in partitives):
            found.add(words[token])
    return frozenset(found)


TOPIC_NAMES = "@topic"  # the key of the topic's own name words in `verdict`'s name_words

# Folded word lists of the language tables, by (language codes, key): read once, not per question.
_WORDS: dict[tuple[tuple[str, ...], str], list[list[str]]] = {}
_ORDINAL_STARTS: dict[tuple[str, ...], Mapping[str, tuple[tuple[str, int], ...]]] = {}


def _words(tables: Iterable[Language], key: str) -> list[list[str]]:
    tables = tuple(tables)
    cache_key = (tuple(t.code for t in tables), key)
    found = _WORDS.get(cache_key)
    if found is None:
        found = [[fold(str(w)) for w in table.table.get(key) or []] for table in tables]
        _WORDS[cache_key] = found
    return found


def _claim_language_words(tables: Sequence[Language]) -> frozenset[str]:
    """Stop words, question openers, claim markers and negations: words that say nothing a claim checks."""
    return _word_sets(tables).claim_language


def negated(
    tokens: Sequence[str],
    tables: Sequence[Language],
    claim: bool = False,
    names: Collection[int] = (),
    against: Sequence[str] | None = None,
) -> bool:
    """The words deny what they state ("it was never extended").

    In a claim, the negation that only frames the question ("didn't it ...?", "..., isn't it?",
    "ar ne?") is no part of what is claimed, and neither is one that sets a name against the claimed
    one ("signed in Alpha City, not Beta City"); `names` are the positions of the tokens inside names.
    Read `against` a claim's words, a negation before an infinitive ("promised not to attack")
    denies only that deed: it counts when the claim speaks of the deed too.
    """
    words = list(tokens)
    if claim:
        for table in tables:
            for start in range(len(words)):
                for marker in table.claim_index.get(words[start], ()):
                    if tuple(words[start : start + len(marker)]) == marker:
                        words[start : start + len(marker)] = [""] * len(marker)
        first = next((i for i, w in enumerate(words) if w), None)
        if first is not None and any(words[first] in t.question_openers for t in tables):
            words[first] = ""
            if words[first + 1 : first + 2] == ["t"]:  # "didn't" folds to "didn t"
                words[first + 1] = ""
        tag = _tag_length(words, tables)
        if tag:
            words[-tag:] = [""] * tag
    sets = _word_sets(tables)
    negations, stopwords = sets.negations, sets.plain_stopwords
    claimed = _stems(against, tables) if against is not None else set()

    def sets_a_name_against(i: int) -> bool:
        # "..., not Beta City", "..., not in Beta City": a name next, or after one stop word (but not
        # after "wasn't a", which denies: "it wasn't a member of the League")
        step = 2 if words[i + 1 : i + 2] and words[i + 1] in stopwords and words[i + 1] != "t" else 1
        return i + step in names

    def denies_another_deed(i: int) -> bool:
        # "they promised not to attack each other", "обещали не нападать": the negation is part of a
        # deed undertaken; of a claim that does not speak of that deed it denies nothing
        if against is None:
            return False
        after = words[i + 1 : i + 3]
        if after[:1] and after[0] in sets.infinitive_words:
            deed = after[1:]
        elif after[:1] and len(after[0]) > INFINITIVE_STEM_MIN and after[0].endswith(sets.infinitive_endings):
            deed = after[:1]
        else:
            return False
        return not _stems(deed, tables) & claimed

    return any(
        w in negations and not sets_a_name_against(i) and not denies_another_deed(i)
        for i, w in enumerate(words)
    )


class _WordSets(NamedTuple):
    """The language words a claim is read with, folded once per set of languages."""

    negations: frozenset[str]
    exclusive: frozenset[str]  # "only", "tik", "только": the claim's list is the whole of it
    infinitive_words: frozenset[str]  # "to": a negation before it is the content of an undertaking
    infinitive_endings: tuple[str, ...]  # "-ть", "-ti": the same, where the infinitive is one word
    stopwords: frozenset[str]
    plain_stopwords: frozenset[str]  # the stop words that are no negation
    numbers: Mapping[str, int]  # number words ("three", "trys", "три") and their values
    partitives: frozenset[str]  # "of", as in "one of the signers"
    same_time: tuple[str, ...]  # "same day", "тот же день", each joined by spaces
    claim_language: frozenset[str]  # stop words, question openers, claim markers and negations
    language_names: FormIndex  # a language's name ("German", "немецк-") -> its ISO 639-1 code
    language_nouns: FormIndex  # the words for "language" ("kalbomis", "язык-")
    approval: frozenset[str]  # words of approval ("backed") and their stems
    disapproval: frozenset[str]  # words of disapproval ("objected") and their stems
    opposites: Mapping[str, frozenset[str]]  # a word's stem -> its opposites' ("open" -> "shut"), both ways
    months: frozenset[str]  # the months' names, in every form the languages give


_WORD_SETS: dict[tuple[str, ...], _WordSets] = {}


def says_only(words: Sequence[str], tables: Sequence[Language]) -> bool:
    """The words say "only" ("tik", "только"): what they list is the whole of it."""
    return not _word_sets(tables).exclusive.isdisjoint(words)


def read_names(entities: Iterable[Entity]) -> None:
    """Fold now, not on the first claim that names them, the entities' names."""
    for entity in entities:
        _folded(entity)


def read_language_words(tables: Sequence[Language]) -> None:
    """Read now, not on the first claim in these languages, the words claims are read with."""
    _word_sets(tables)
    _ordinal_starts(tables)


def read_answers(texts: Iterable[str], tables: Sequence[Language]) -> None:
    """Read now, not on the first claim each one settles, what claims are checked against in `texts`."""
    for text in texts:
        _read_answer(text, tables)


def _word_sets(tables: Sequence[Language]) -> _WordSets:
    codes = tuple(t.code for t in tables)
    found = _WORD_SETS.get(codes)
    if found is None:
        negations = frozenset(w for group in _words(tables, "negations") for w in group)
        stopwords = frozenset().union(*(t.stopwords for t in tables))
        found = _WORD_SETS[codes] = _WordSets(
            negations=negations,
            exclusive=frozenset(w for group in _words(tables, "exclusive_words") for w in group),
            infinitive_words=frozenset(w for group in _words(tables, "infinitive_words") for w in group),
            infinitive_endings=tuple(w for group in _words(tables, "infinitive_endings") for w in group),
            stopwords=stopwords,
            plain_stopwords=stopwords - negations,
            numbers={w: n for group in _words(tables, "numbers") for n, w in enumerate(group)}
            | {fold(str(w)): int(n) for t in tables for w, n in (t.table.get("number_forms") or {}).items()},
            partitives=frozenset(t.partitive for t in tables) - {""},
            same_time=tuple(" ".join(phrase) for t in tables for phrase in t.same_time_phrases),
            claim_language=stopwords
            | negations
            | frozenset().union(*(t.question_openers for t in tables))
            | {w for t in tables for marker in t.claim_markers for w in marker},
            language_names=FormIndex(
                (word_form(str(form)), str(name))
                for t in tables
                for form, name in (t.table.get("language_names") or {}).items()
            ),
            language_nouns=FormIndex(
                (word_form(str(w)), "") for t in tables for w in t.table.get("language_nouns") or []
            ),
            approval=_word_stems(tables, "approval_words"),
            disapproval=_word_stems(tables, "disapproval_words"),
            opposites=_opposite_stems(tables),
            months=frozenset(fold(str(w)) for t in tables for w in t.month_words),
        )
    return found


def _languages_named(words: Sequence[str], tables: Sequence[Language]) -> frozenset[str]:
    """The languages the words name ("German", "vokiečių", "немецком"), by their ISO 639-1 codes."""
    names = _word_sets(tables).language_names
    return frozenset(name for word in words if (name := names.get(word)) is not None)


def claimed_language_positions(words: Sequence[str], tables: Sequence[Language]) -> frozenset[int]:
    """Where the words name languages as the value of a claim: "were the texts in German and French?",
    "drawn up in the German language?". A single language name with no word for "language" may be a
    state's adjective ("the German government objected?"), and is none."""
    names = _word_sets(tables).language_names
    found = frozenset(i for i, word in enumerate(words) if names.get(word) is not None)
    return found if len(found) >= 2 or (found and _speaks_of_languages(words, tables)) else frozenset()


def _speaks_of_languages(words: Sequence[str], tables: Sequence[Language]) -> bool:
    """The words have one for "language" ("languages", "kalbomis", "языках")."""
    nouns = _word_sets(tables).language_nouns
    return any(nouns.get(word) is not None for word in words)


def _stance(words: Sequence[str], tables: Sequence[Language], denied: bool) -> int:
    """+1 when the words approve ("backed", "welcomed"), -1 when they disapprove ("objected"), 0 when
    they do neither or both; `denied` (a negation) turns one into the other ("weren't happy")."""
    stems = _stems(words, tables)
    sets = _word_sets(tables)
    found = {sign for sign, listed in ((1, sets.approval), (-1, sets.disapproval)) if stems & listed}
    if len(found) != 1:
        return 0
    sign = found.pop()
    return -sign if denied else sign


def _opposes(claimed: Sequence[str], settling: Sequence[str], tables: Sequence[Language]) -> bool:
    """The claim has a word whose opposite the settling clause has, and not the word itself: "kept the
    ports shut?" of "kept the ports open"."""
    opposites = _word_sets(tables).opposites
    claim_stems = {s for s in _stems(claimed, tables) if s in opposites}
    if not claim_stems:
        return False
    said_stems = _stems(settling, tables)
    return any(mine not in said_stems and not opposites[mine].isdisjoint(said_stems) for mine in claim_stems)


def _stems(words: Sequence[str], tables: Sequence[Language]) -> frozenset[str]:
    """The words and their stems in each language."""
    return _stems_of(tuple(words), tuple(t.code for t in tables))


@lru_cache(maxsize=4096)  # a claim's words are stemmed for each check of it; askers' words are unbounded
def _stems_of(words: tuple[str, ...], codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset({language(code).stem(w) for code in codes for w in words} | set(words))


def _word_stems(tables: Sequence[Language], key: str) -> frozenset[str]:
    """The folded words of a language-table list and their stems."""
    words = [(t, w) for t, group in zip(tables, _words(tables, key), strict=True) for w in group]
    return frozenset(w for _, w in words) | {t.stem(w) for t, w in words}


def _opposite_stems(tables: Sequence[Language]) -> Mapping[str, frozenset[str]]:
    """Each word of a pair of opposites, as a stem, with the stems of its opposites."""
    opposites: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        for pair in table.table.get("antonyms") or []:
            one, other = (table.stem(fold(str(w))) for w in pair)
            opposites[one].add(other)
            opposites[other].add(one)
    return {word: frozenset(them) for word, them in opposites.items()}


def _named_outside(
    claim: Claim,
    named: Sequence[Entity],
    settling: Sequence[str],
    about: Sequence[str],
    facts: FactBase,
    others: Sequence[str] = (),
) -> bool:
    """A thing the claim names is in the answer only outside the clause that settles the claim, and
    that clause names another thing of its kind in its place: "Beta accepted the valley as Gamma's?"
    of "Beta kept recognising the valley as part of Alpha, even though Gamma held it". A thing that
    another clause the claim also speaks of names is the claim's setting, not a swap ("Beta accepted
    the valley as Alpha's though Gamma held it?"). `others` are those clauses, padded and folded."""
    clause = f" {' '.join(settling)} "
    outside = [
        e
        for e in named
        if e.id not in facts.topic.parties
        and _position(clause, e) is None
        and not any(_position(other, e) is not None for other in others)
    ]
    if not outside:
        return False
    around = [facts.entities[e] for e in dict.fromkeys((*about, *facts.topic.parties)) if e in facts.entities]
    # The clause's first name is whoever acts in it ("the Soviet Union kept recognising ..."): the
    # claim names them as its subject too, not as the value to check.
    positions = {e.id: _position(clause, e) for e in (*named, *around)}
    present = {i: p for i, p in positions.items() if p is not None}
    actor = min(present, key=lambda i: present[i]) if present else None
    in_clause = [e for e in named if e.id in present and e.id != actor]
    for entity in outside:
        if any(e.kind == entity.kind for e in in_clause):
            continue  # "treated the valley as Alpha's though Gamma held it": the claim's setting
        if any(
            e.id in present and e.id != actor and e.id not in claim.entities and e.kind == entity.kind
            for e in around
        ):
            return True
    return False


def _position(padded: str, entity: Entity) -> int | None:
    """Where the first of the entity's names stands in the padded folded text, or None."""
    by_first = _folded(entity).by_first
    names = [name for word in set(padded.split()) for name in by_first.get(word, ())]
    hits = [p for name in names if (p := padded.find(f" {name} ")) >= 0]
    return min(hits) if hits else None


class _FoldedNames(NamedTuple):
    entity: Entity  # held, so no other object can take its id while the entry stands
    names: tuple[str, ...]  # its names and aliases, folded
    words: frozenset[str]  # their words
    by_first: Mapping[str, tuple[str, ...]]  # the names by their first word: a text is searched for few


# id(entity) -> its folded names: a claim names a few entities, over and over.
_FOLDED_NAMES: dict[int, _FoldedNames] = {}


def _folded(entity: Entity) -> _FoldedNames:
    found = _FOLDED_NAMES.get(id(entity))
    if found is not None and found.entity is entity:
        return found
    names = (*entity.name.values(), *(a for group in entity.aliases.values() for a in group))
    folded = tuple(f for n in names if (f := fold(n)))
    if len(_FOLDED_NAMES) >= FOLDED_NAMES_CACHE_SIZE:
        _FOLDED_NAMES.clear()  # fact files reloaded many times over: start again
    words = frozenset(w for n in folded for w in n.split())
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in dict.fromkeys(folded):
        by_first[name.split()[0]].append(name)
    found = _FOLDED_NAMES[id(entity)] = _FoldedNames(
        entity, folded, words, {first: tuple(names) for first, names in by_first.items()}
    )
    return found


def _folded_names(entity: Entity) -> tuple[str, ...]:
    """The entity's names and aliases, folded (once per entity)."""
    return _folded(entity).names


def _attributive_years(folded: str, tables: Sequence[Language], names: frozenset[str]) -> set[str]:
    """The years that stand beside a word that names a treaty ("the 1850 treaty", "the 1850 Alpha-Beta
    pact", "по пакту 1850 года"): `names` are the topic's own words; a treaty noun names any treaty.
    A year beside any other word is a value ("registered in 1850, straight after signing?")."""
    words = folded.split()
    nouns = names | {w for t in tables for w in t.treaty_nouns}
    return {
        word
        for i, word in enumerate(words)
        if _YEAR.fullmatch(word) and ({words[i - 1] if i else "", *words[i + 1 : i + 2]} & nouns)
    }


def _tag_length(words: Sequence[str], tables: Sequence[Language]) -> int:
    """How many of the last words are a tag question ("..., wasn't he", "..., didn't they", folded
    "wasn t he"): a negated auxiliary and a pronoun, which ask for a verdict and deny nothing."""
    tail = [w for w in words if w][-3:]
    if len(tail) < 2 or not any(tail[-1] in group for group in _words(tables, "tag_pronouns")):
        return 0
    negations = _word_sets(tables).negations
    if tail[-2] in negations:
        return 2  # "isnt it"
    if len(tail) == 3 and tail[-2] == "t" and tail[-3] in negations:
        return 3  # "isn t it"
    return 0


def _settling_clause(answer_text: str, claim: str, tables: Sequence[Language]) -> tuple[list[str], int]:
    """The clause of the answer that shares most words with the claim (the one that settles it), and
    how many words they share."""
    stopwords = _word_sets(tables).stopwords
    claimed = {w for w in claim.split() if w not in stopwords}
    clauses = [fold(c).split() for c in _CLAUSE.split(answer_text)]
    best = max(clauses, key=lambda words: len(claimed.intersection(words)), default=[])
    return best, len(claimed.intersection(best))


def _other_clauses(
    answer_text: str,
    settling: Sequence[str],
    claim: str,
    tables: Sequence[Language],
    names: Collection[str],
) -> list[str]:
    """The answer's clauses besides `settling` that share a word (by stem) with the claim beyond the names
    of things (`names`, folded words), padded and folded: what else of the answer the claim speaks of."""
    sets = _word_sets(tables)
    claimed = _stems([w for w in claim.split() if w not in sets.stopwords and w not in names], tables)
    found = []
    for text in _CLAUSE.split(answer_text):
        words = fold(text).split()
        if words == list(settling):
            continue
        if _stems([w for w in words if w not in sets.stopwords], tables) & claimed:
            found.append(f" {' '.join(words)} ")
    return found


def ordinals(tokens: Sequence[str], tables: Sequence[Language]) -> frozenset[int]:
    """The ordinal numbers ("second", "antrasis", "второй") the words state."""
    starts = _ordinal_starts(tables)
    return frozenset(
        number
        for token in tokens
        for start, number in starts.get(token[:1], ())
        if token.startswith(start)
    )


def _ordinal_starts(tables: Sequence[Language]) -> Mapping[str, tuple[tuple[str, int], ...]]:
    """The starts of the tables' ordinals with their numbers, by first letter: a claim's words and its
    answer's are tested against the few that could match, not against all of them."""
    cache_key = tuple(t.code for t in tables)
    found = _ORDINAL_STARTS.get(cache_key)
    if found is None:
        by_letter: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for group in _words(tables, "ordinals"):
            for number, start in enumerate(group, start=1):
                by_letter[start[:1]].append((start, number))
        found = _ORDINAL_STARTS[cache_key] = {k: tuple(v) for k, v in by_letter.items()}
    return found


class _AnswerReading(NamedTuple):
    """What a claim is checked against in an answer's text, read once per text (see `_read_answer`)."""

    folded: str
    years: frozenset[str]  # the years it gives, as digits
    months: frozenset[int]  # the months it names
    dates: frozenset[tuple[int, int, int]]  # its whole dates (year, month, day)
    numbers: frozenset[int]  # the small numbers it states: not its years, nor the days of its dates
    ordinals: frozenset[int]
    languages: frozenset[str]  # the languages it names (ISO 639-1)
    of_languages: bool  # it has a word for "language": "Lithuanian" may then name one, not a party


_ANSWER_READINGS: dict[tuple[tuple[str, ...], str], _AnswerReading] = {}
# Answer texts are the fact file's own and a few computed ones: every question that is a claim reads
# one, so it is read once. The bound only keeps computed texts from piling up.
_ANSWER_READINGS_LIMIT = 4096


def _read_answer(answer_text: str, tables: Sequence[Language]) -> _AnswerReading:
    key = (tuple(t.code for t in tables), answer_text)
    found = _ANSWER_READINGS.get(key)
    if found is None:
        if len(_ANSWER_READINGS) >= _ANSWER_READINGS_LIMIT:
            _ANSWER_READINGS.clear()
        said = fold(answer_text)
        words = said.split()
        years = frozenset(_YEAR.findall(said))
        found = _ANSWER_READINGS[key] = _AnswerReading(
            folded=said,
            years=years,
            months=frozenset(n for w in words for t in tables if (n := t.month_words.get(w)) is not None),
            dates=frozenset(_full_dates(said, tables)),
            numbers=claimed_numbers(words, tables) - {int(y) for y in years} - _days_of_dates(said, tables),
            ordinals=ordinals(words, tables),
            languages=_languages_named(words, tables),
            of_languages=_speaks_of_languages(words, tables),
        )
    return found


def verdict(
    claim: Claim,
    about: Sequence[str],
    answer_text: str,
    facts: FactBase,
    tables: Sequence[Language],
    name_words: Mapping[str, frozenset[str]] | None = None,
    predicate_matched: bool = True,
    fact_words: frozenset[str] = frozenset(),
) -> bool | None:
    """True when the answer bears the claim out, False when it contradicts it, None when it cannot tell.

    `about` are the entity ids of the fact (or card) that answers; `answer_text` is its text.
    `predicate_matched` says the fact matched the claim on a word beyond its names (what the claim says
    was done): without that, the names the two share bear nothing out ("it was signed in Beta City?"
    of "Beta objected to it"). `fact_words` are the stems the fact's writer gave as what it is about
    (its title, keywords, most phrasings): a claim may restate the fact in those words.
    """
    answer = _read_answer(answer_text, tables)
    said = answer.folded
    confirmed = contradicted = False
    named = [facts.entities[e] for e in claim.entities if e in facts.entities]
    # A named thing of a kind the fact is about: a place where the fact names a place, and so on.
    kinds_in_fact = {facts.entities[e].kind for e in about if e in facts.entities}
    confirmed_kinds, unconfirmed_kinds = set(), set()
    for entity in named:
        if entity.id in facts.topic.parties:
            continue
        if entity.id in about or _named_in(said, entity):
            confirmed = True
            confirmed_kinds.add(entity.kind)
        elif entity.kind in kinds_in_fact and entity.kind in _VALUE_KINDS:
            unconfirmed_kinds.add(entity.kind)
    # "Alpha City still said the valley was Beta's": a second place beside one the fact bears out is more
    # of the claim's setting, not a wrong value; a place the fact does not name, alone, is.
    # ... unless the claim puts it where the fact has another of its kind, which the claim leaves out:
    # "he passed through Gamma City on his way to Beta City?" of "he stopped in Alpha City on his way
    # to Beta City".
    left_out = {
        facts.entities[e].kind
        for e in about
        if e in facts.entities and e not in claim.entities and e not in facts.topic.parties
    }
    if unconfirmed_kinds - confirmed_kinds or unconfirmed_kinds & left_out:
        return False  # (nothing below makes a contradicted claim anything but false)
    if any(_placed_otherwise(claim.folded, said, place, named, about, facts, tables) for place in named):
        return False
    # A name the file does not know, where the fact names the people, places or treaties in question.
    if claim.unknown_names and kinds_in_fact & {"person", "place", "organisation", "treaty"}:
        contradicted = True
    evidence = False  # borne out by more than the names it shares with the answer
    # A person said to act for a party they did not act for.
    # "Did Jones sign it with Beta?" names Beta as the other side, not the side Jones signed for.
    parties = [e.id for e in named if e.id in facts.topic.parties and e.id not in claim.partners]
    for entity in named:
        if entity.side and parties and entity.side not in parties:
            contradicted = True
    # A party said to have done what the fact says the other side did ("was it the Betans who proposed
    # it?" of "Alpha proposed it"): the fact is about one party, and the claim names only others, which
    # the fact's answer does not even mention.
    fact_parties = {e for e in about if e in facts.topic.parties}
    if (
        parties
        and fact_parties
        and not fact_parties & set(parties)
        and not any(e.side for e in named)
        and not any(_named_in(said, e) for e in named if e.id in parties)
    ):
        contradicted = True
    if contradicted:
        return False
    # Years: the claim's years against the years the answer gives. The topic's own year put before a
    # noun, where the answer does not give it, names the topic ("did the 1850 treaty confirm the 1840
    # one?"); after "in" it is the value to check ("registered in 1850?").
    fact_years = answer.years
    own = {str(d.year) for d in (facts.topic.signed, facts.topic.in_force_from) if d is not None}
    topic_words = (name_words or {}).get(TOPIC_NAMES, frozenset())
    naming = _attributive_years(claim.folded, tables, topic_words) & (own - fact_years)
    claimed_years = set(_YEAR.findall(claim.folded)) - naming
    if claimed_years and fact_years:
        if claimed_years <= fact_years:
            confirmed = evidence = True
        else:
            contradicted = True
    # The claim's month against the months the answer gives ("ratified in December?" of "5 November").
    if claim.month is not None and answer.months and claimed_years & fact_years:
        if claim.month in answer.months:
            confirmed = evidence = True
        else:
            contradicted = True
    # Whole dates ("on 15 March 1850") against the answer's dates of the same year: the day and
    # the month are what such a claim checks, and its day is no count (see `_days_of_dates`).
    for claimed_date in _full_dates(claim.folded, tables):
        if claimed_date in answer.dates:
            confirmed = evidence = True
        elif any(year == claimed_date[0] for year, _, _ in answer.dates):
            contradicted = True
    # A year the claim states that the answer never gives: it cannot bear the claim out.
    unsettled = bool(claimed_years) and not fact_years
    # Small numbers ("10 years", "three signatories") against the numbers the answer gives.
    said_numbers = answer.numbers
    # "signed in '33": two digits that end a year of the answer are that year, not a count.
    abbreviated = {n for n in claim.numbers if any(y.endswith(f"{n:02d}") for y in fact_years if n >= 10)}
    if abbreviated:
        confirmed = evidence = True
    # A day of a date ("5 November") is no count the claim could state.
    claimed = claim.numbers - abbreviated - _days_of_dates(claim.folded, tables)
    if claimed and said_numbers:
        if claimed & said_numbers:
            confirmed = evidence = True
        else:
            contradicted = True
    # Ordinals ("the Second Assembly") against the ordinals the answer gives.
    if claim.ordinals and answer.ordinals:
        if claim.ordinals & answer.ordinals:
            confirmed = evidence = True
        else:
            contradicted = True
    # Languages ("drawn up in German and French?") against those of an answer that speaks of languages:
    # elsewhere "Lithuanian" is a party's adjective, not a language.
    claimed_languages = _languages_named(claim.folded.split(), tables)
    # "only in Alpha-ese?" of "in Alpha-ese and Beta-ese": every language, and no other.
    if claimed_languages and answer.languages and answer.of_languages:
        exclusive = claim.exclusive and bool(answer.languages - claimed_languages)
        if claimed_languages <= answer.languages and not exclusive:
            confirmed = evidence = True
        else:
            contradicted = True
    if contradicted:
        return False
    # "It was never extended?" against "it was extended in 1855": what the claim names may all be in
    # the answer, but one of the two denies it.
    settling, shared = _settling_clause(answer_text, claim.folded, tables)
    name_words_said = frozenset().union(*(_folded(entity).words for entity in named))
    others = _other_clauses(answer_text, settling, claim.folded, tables, name_words_said)
    # The opposite word may stand in another clause when the one chosen to settle the claim shares
    # almost nothing with it ("were the talks easy?" of "The talks were difficult: Alpha objected, ...").
    opposed = _opposes(claim.folded.split(), settling, tables) or (
        shared < SETTLING_WORDS and _opposes(claim.folded.split(), said.split(), tables)
    )
    if _named_outside(claim, named, settling, about, facts, others) or opposed:
        contradicted = True
    # "was it controversial in Beta?" of "it was controversial in Beta": (nearly) every word the claim says
    # is in the answer ("never extended, was it?" of "it was extended" too, which the negation denies).
    restated = (
        not contradicted
        and not confirmed
        and _restates(claim, about, said, facts, tables, name_words or {}, fact_words)
    )
    # "Beta welcomed it?" of "Beta disapproved of it": words of approval and disapproval (negation
    # turning one into the other) settle the claim, whatever else it shares with the answer.
    claimed_stance = _stance(claim.folded.split(), tables, claim.negated)
    # A claim that denies nothing is not contradicted by a deed the answer says was not to be done,
    # unless it speaks of that deed ("a pact between Alpha and Beta?" of "they promised not to attack").
    settling_negated = negated(settling, tables, against=None if claim.negated else claim.folded.split())
    said_stance = _stance(settling, tables, settling_negated)
    if claimed_stance and said_stance:
        if claimed_stance == said_stance:
            confirmed = evidence = True
        else:
            contradicted = True
    elif (confirmed or restated or shared >= SETTLING_WORDS) and claim.negated != settling_negated:
        contradicted = True
    elif restated:
        confirmed = evidence = True
    # "Did it take effect the same day they exchanged ratifications?" of an answer that tells of both
    # deeds "that same day": one dated thing in the file, so no two dates to compare.
    if any(f" {p} " in f" {claim.folded} " and f" {p} " in f" {said} " for p in _word_sets(tables).same_time):
        confirmed = evidence = True
    if contradicted:
        return False
    if confirmed and not evidence and not predicate_matched:
        return None
    # A name the claim states that the answer never gives ("signed in London?" of an answer naming no
    # place): the answer cannot bear the claim out.
    unsettled = unsettled or any(f" {name} " not in f" {said} " for name in claim.unknown_names)
    return True if confirmed and not unsettled else None


def _placed_otherwise(
    claim: str,
    said: str,
    place: Entity,
    named: Sequence[Entity],
    about: Sequence[str],
    facts: FactBase,
    tables: Sequence[Language],
) -> bool:
    """The claim puts the deed "in" a place the answer names only another way ("to Beta City"), while
    the answer puts something "in" another place: "did the talks begin in Beta City?" of "talks began
    when he stopped in Alpha City on his way to Beta City"."""
    if place.kind != "place":
        return False
    stopwords = _word_sets(tables).stopwords
    claimed = _words_before(claim, place) & stopwords
    if not claimed:
        return False
    others = [
        facts.entities[e]
        for e in about
        if e in facts.entities and facts.entities[e].kind == "place" and e != place.id
    ]
    others = [o for o in others if o not in named]
    return not claimed & _words_before(said, place) and any(claimed & _words_before(said, o) for o in others)


def _words_before(text: str, entity: Entity) -> set[str]:
    """The words that stand right before a mention of `entity` in folded `text` (single spaces)."""
    padded = f" {text} "
    found = set()
    by_first = _folded(entity).by_first
    for name in (n for first in by_first.keys() & set(text.split()) for n in by_first[first]):
        needle = f" {name} "
        at = padded.find(needle)
        while at != -1:
            before = padded[:at].rsplit(None, 1)
            if before:
                found.add(before[-1])
            at = padded.find(needle, at + 1)
    return found


def _restates(
    claim: Claim,
    about: Sequence[str],
    said: str,
    facts: FactBase,
    tables: Sequence[Language],
    name_words: Mapping[str, frozenset[str]],
    fact_words: frozenset[str] = frozenset(),
) -> bool:
    """The words the claim says (stop words, the words that make it a claim, and the names the fact
    is about aside) are in the answer, or among `fact_words`, all or nearly all: the claim restates
    it. `name_words` are the folded words of each entity's names, and of the topic's under TOPIC_NAMES."""
    ignored = _claim_language_words(tables)
    names = [e for e in claim.entities if e in about or e in facts.topic.parties]
    named = frozenset().union(*(name_words.get(e, frozenset()) for e in (*names, TOPIC_NAMES)))
    own = [w for w in claim.folded.split() if w not in ignored and w not in named and not w.isdigit()]
    stems = {t.stem(w) for t in tables for w in said.split()} | fact_words
    # a word counts as said when it, or a synonym the language gives for it, is ("effective": force)
    found = sum(any(t.stem(v) in stems for t in tables for v in (w, *t.synonyms.get(w, ()))) for w in own)
    # One word in four may be the asker's own ("aimed at" for "directed against").
    return bool(own) and (found == len(own) or (found >= RESTATED_MIN and found >= RESTATED_SHARE * len(own)))


def _days_of_dates(said: str, tables: Sequence[Language]) -> set[int]:
    """The numbers of `said` that stand right before or after a month's name: days of dates."""
    words = said.split()
    months = _word_sets(tables).months
    return {
        int(w)
        for i, w in enumerate(words)
        if w.isdigit() and len(w) <= 2 and ({words[i - 1] if i else "", *words[i + 1 : i + 2]} & months)
    }


def gives_a_day(
    text: str, tables: Sequence[Language], year: int | None = None, month: int | None = None
) -> bool:
    """`text` gives at least one whole date (a day, its month and the year), of `year` and `month`
    when they are given: "on which day in March 1850 ...?" is not answered by a day in May."""
    return any(
        (year is None or y == year) and (month is None or m == month)
        for y, m, _ in _full_dates(fold(text), tables)
    )


def _full_dates(text: str, tables: Sequence[Language]) -> set[tuple[int, int, int]]:
    """The whole dates of folded `text` as (year, month, day): a month's name with a day right before or
    after it and a year within a few words ("14 march 1850", "march 14 1850", "1850 m
    kovo 14 d")."""
    words = text.split()
    found: set[tuple[int, int, int]] = set()
    for i, word in enumerate(words):
        month = next((n for t in tables if (n := t.month_words.get(word)) is not None), None)
        if month is None:
            continue
        days = [
            int(w) for w in (words[i - 1] if i else "", *words[i + 1 : i + 2]) if w.isdigit() and len(w) <= 2
        ]
        years = [
            int(w) for w in words[max(0, i - DATE_YEAR_REACH) : i + DATE_YEAR_REACH + 1] if _YEAR.fullmatch(w)
        ]
        if days and years and 1 <= days[0] <= 31:
            found.add((years[0], month, days[0]))
    return found


def _named_in(said: str, entity: Entity) -> bool:
    """One of the entity's names stands in the folded text `said`."""
    return _position(f" {said} ", entity) is not None
