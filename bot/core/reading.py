"""Stage 2, reading a question: from the raw text to a `Question` the ranker can score.

Owns everything done to the asker's words before any candidate is looked at: cutting and cleaning
the text (mentions, invisible characters), detecting its language, help and small-talk phrases,
typo correction against the index's vocabulary, finding the entities it names (`bot.core.names`),
its kind (who / when / ...), the date it names, and turning every other meaningful word into a
weighed `Unit`: its stems, typo correction and synonyms, known to the file or not.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from bot.core.claims import (
    claimed_language_positions,
    claimed_numbers,
    is_yes_no,
    negated,
    read_language_words,
    read_names,
)
from bot.core.dates import AskedDate, DateReader, PartialDate, date_problem
from bot.core.index import ANNIVERSARY, DIGITS, TOPIC, YEARS, Index
from bot.core.language import Language, PrefixIndex, language, same_time_positions
from bot.core.names import find_entities, match_name
from bot.core.normalize import fold, visible
from bot.core.texts import DEFAULT_LANG
from bot.core.tuning import (
    ADVERB_STEM_MIN,
    ANNIVERSARY_NUMBER_REACH,
    ASIDE_WEIGHT,
    ASKER_MODIFIER_WORDS,
    CLAIMED_NAME_WEIGHT,
    CLAUSE_OPENING_WORDS,
    COMMON_FILE_WORD_FACTOR,
    COMMON_FILE_WORD_ZIPF,
    COMMON_WORD_FLOOR,
    CONTEXT_WEIGHT,
    CORRECT_MIN_LETTERS,
    CORRECT_POOL_MIN_LETTERS,
    CORRECTION_CACHE_SIZE,
    CORRECTION_CANDIDATES,
    CORRECTION_CUTOFF,
    CORRECTION_LENGTH_SPREAD,
    FAMILY_BELOW_ZIPF,
    FUZZY_WORDS,
    INTONED_MIN_WORDS,
    LANGUAGE_FILE_WORD_EVIDENCE,
    LANGUAGE_LETTER_EVIDENCE,
    LANGUAGE_WORD_EVIDENCE,
    LEAD_FILE_WORDS,
    MAX_PIECES,
    MAX_QUESTION_CHARS,
    MAX_QUESTION_WORDS,
    MIN_GRANTED_WORDS,
    MONTH_PREFIX_MIN,
    OFFERED_VALUE_WORDS,
    OFFICE_CLAIM_WINDOW,
    OTHER_TREATY_REACH,
    PART_KINDS,
    PARTIES_COPULA_REACH,
    QUESTION_WORD_CUTOFF,
    QUESTION_WORD_WEIGHT,
    RARE_PAIR_ZIPF,
    RARE_ZIPF,
    REAL_WORD_TYPO_ZIPF,
    SETTING_CLAUSE_WORDS,
    SHORT_NUMBER_DIGITS,
    SHORT_WORD_CUTOFF,
    SHORT_WORD_LETTERS,
    SMALLTALK_CUTOFF,
    SMALLTALK_MAX_CHARS,
    STOPWORD_TARGET_MIN_LETTERS,
    TYPED_AS_MEANT_ZIPF,
    UNKNOWN_WEIGHT_FACTOR,
    UNKNOWN_YEAR_WEIGHT,
    VERY_COMMON_ZIPF,
    WORD_READING_CACHE_SIZE,
    YEAR_SUFFIX_LETTERS,
)

_NOT_WORD = re.compile(r"[\W_]+")
# "@everyone", "@here", "<@U123>", "<!channel>": addressing people, never part of the question; nor
# a channel typed by name ("someone in #history said ..."): where the asker is.
_MENTION = re.compile(r"<[@!#][^>]*>|(?<!\w)@\S+|(?<!\w)#[^\W\d][\w-]*")
# Sentence ends (".", "!", "?", ";" before a space, or a line break) and clause breaks inside one.
# A period after the abbreviated word of a date ("1850 m. pabaigos", "15 d.", "1850 г.") ends no
# sentence: Lithuanian and Russian put one there mid-sentence.
_SENTENCE_END = re.compile(r"(?<=[!?;])\s+|(?<=\.)(?<!\d m\.)(?<!\d d\.)(?<!\d г\.)(?<!\dг\.)\s+|\n+")
_CLAUSE_BREAK = re.compile(r"[,:\u2013\u2014]\s+|\s-\s")
# A number that reads as an ordinal: "10th", "1st", "15" (of "15-osios", "15-ю"), never "1850".
_ORDINAL_NUMBER = re.compile(r"^(\d{1,3})(?:st|nd|rd|th|ji|oji|asis|ю|я|й|ои|ую|ая)?$")
# A hyphen or dash joining two words: "Alpha-Gamma", "Gammish–Betan".
_DASH = re.compile(r"\s?[-\u2010-\u2014]\s?")
# A year with the abbreviation of "year" typed onto it: "1850m." (metais), "1850г." (году).
_DIGIT = re.compile(r"\d")  # what each of the three below needs
_GLUED_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(m|г|гг)(?=\W|$)", re.IGNORECASE)
# A count glued to its unit ("5yr", "42days", "10лет"); not an ordinal ("1st", "2nd") nor a decade
# ("the 30s"), which read whole.
_GLUED_COUNT = re.compile(r"\b(\d{1,3})(?!(?:st|nd|rd|th|s)\b)([^\W\d_]{1,6})\b", re.IGNORECASE)
# A year cut to two digits after an apostrophe ("in '34", "Dec ’26"), not one inside a word ("rock'n'roll").
_CUT_YEAR = re.compile(r"(?<![\w'\u2019])['\u2019](\d\d)\b")
# Two numbers joined by an arithmetic sign ("17*23", "12 x 7", "3 + 4"): the signs fold away.
_SUM = re.compile(r"\d\s*[*×x+÷^]\s*\d")  # not "/" or "-": dates ("14/03/1850")
# A letter typed three times or more: "hiii", "sooo", "plsss" stretch a word for tone, not meaning.
_STRETCHED = re.compile(r"(\w)\1{2,}")
# Roman numerals ("iii", "xiii") are the one run of a letter that means something.
_ROMAN = re.compile(r"[ivxlcdm]+")
PAIR_MIN_LETTERS = 3


@dataclass(frozen=True)
class Unit:
    """One meaningful piece of the question: a word (with its alternatives) or an entity."""

    label: str
    stems: frozenset[str] = frozenset()
    entity: str | None = None
    weight: float = 1.0
    known: bool = True
    context: bool = False  # the topic or a party: true of every fact, so it never discriminates
    name: bool = False  # a name (or year) the file does not know, stated as a claim's value
    year: bool = False  # a year the file never touches (the facts about dates answer for any year)
    aside: bool = False  # from the context around the question: it may help a candidate, not sink it
    other: bool = False  # evidence of another subject (a treaty, a relationship the file does not know)


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
    numbers: frozenset[int] = frozenset()  # small numbers a claim states ("10 years")
    claimed_names: tuple[str, ...] = ()  # names the file does not know, stated in a claim
    partners: tuple[str, ...] = ()  # parties named right after "with" ("signed it with Beta")
    focus: tuple[str, ...] = ()  # the (typo-corrected) words of the sentence that asks
    parts: tuple[str, ...] = ()  # the kinds of a two-part question ("when ... and by whom"), else ()
    part_words: tuple[str, ...] = ()  # the words of each of those parts, folded
    negated: bool = False  # a claim that something did not happen ("it was never extended?")
    arithmetic: bool = False  # a sum to work out ("17 times 23"), not a question about the topic
    asks_role: bool = False  # it asks what a person it names was ("what office did ... hold?")
    asks_return: bool = False  # it asks of something coming back ("when did Alpha regain the city?")
    asks_states: bool = False  # it asks which states ("which countries signed it?"): an answer names some
    asks_day: bool = False  # it asks for a day ("on what exact date ...?")
    would: bool = False  # it asks of what would have been ("how long would it have lasted?")
    remaining: bool = False  # it asks what was left of a term ("how much was left when it broke?")
    anniversary: int | None = None  # "its 10th anniversary": which one (its day is the `date`)
    unplaced: bool = False  # it names a time the file has nothing in ("in October 1850", "in 1790")
    ruled_out: tuple[str, ...] = ()  # entities set against one named before ("in Alpha, not Beta")
    set_aside: tuple[str, ...] = ()  # places the asker already knows of ("besides Alpha City, which ...?")
    asks_number: bool = False  # "what was the vote count?": it asks for a number, as "how many" does
    asked_head: str | None = None  # "who were the envoys of ...?": the role a "who" question asks for
    asks_unknown: bool = False  # "who was the president?": what it asks for is a word the file lacks

    @cached_property
    def said(self) -> tuple[Unit, ...]:
        """What the question says beyond the things it names: its known words, not the topic's or a
        party's name, not a claimed name ("signed" of "was it signed in Alpha City?")."""
        return tuple(u for u in self.units if u.known and u.entity is None and not u.context and not u.name)


class Reader:
    """Reads questions against one `Index`; remembers its typo corrections between questions."""

    def __init__(self, index: Index, default_lang: str) -> None:
        self.index = index
        self.default_lang = default_lang
        self.month_words = {w: n for lang in index.languages for w, n in lang.month_words.items()}
        self.dates = DateReader(self.month_words)
        self._corrections: dict[str, str | None] = {}
        # Where a message may go on to another question: a comma, colon, semicolon or dash, or an "and".
        ands = "|".join(sorted(map(re.escape, index.conjunctions)))
        self._part_break = re.compile(rf"[,;:\u2013\u2014]\s+|\s-\s|\s+(?=(?:{ands})\s)", re.IGNORECASE)
        self._claim_marker_words: dict[str, frozenset[str]] = {}  # language code -> see `_claim_words`
        # length -> first letter -> the known words a typo of that length and first letter may be of
        self._pools: dict[int, dict[str, tuple[str, ...]]] = {}
        # (folded word, word as typed) -> the evidence it gives of each language (see `detect_language`)
        self._word_evidence: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}
        self._ands: dict[str, frozenset[str]] = {}  # language code -> its "and" and the default's
        # (word, its correction, language code, beside a name) -> its unit (see `_unit`)
        self._units: dict[tuple[str, str, str, bool], Unit] = {}

    def _claim_words(self, code: str) -> frozenset[str]:
        """The words of the claim markers ("true?", "ar tiesa") of language `code` and the default's."""
        found = self._claim_marker_words.get(code)
        if found is None:
            tables = (language(code), language(DEFAULT_LANG))
            found = frozenset(w for t in tables for marker in t.claim_markers for w in marker)
            self._claim_marker_words[code] = found
        return found

    def warm_up(self) -> None:
        """Read now what is otherwise read on first need (see `FactEngine.warm_up`)."""
        _ = self.known_days  # every whole date the file's texts give, read on the first date asked
        _ = self.known_months  # and every month they date, read on the first month named
        _ = self.swap_targets  # the words a swap of letters may come from, on the first typo
        _ = self._question_openings  # every language's question phrases, on the first message
        read_names(self.index.facts.entities.values())  # each entity's names, on the first claim of it
        for length in range(CORRECT_POOL_MIN_LETTERS, max(self.index.words_by_length, default=0) + 1):
            self._correction_pool(length)  # the known words a typo of this length may be of
        for table in self.index.languages:
            # the language's common words, on the first word of the file; its claim words
            self.index.frequency.common_words(table.code, COMMON_FILE_WORD_ZIPF)
            read_language_words((table, language(DEFAULT_LANG)))

    @cached_property
    def known_days(self) -> frozenset[tuple[int, int, int]]:
        """Every whole date the file gives: its events' and topic's dates, and those its texts name."""
        facts = self.index.facts
        topic = facts.topic
        days = {
            (d.year, d.month, d.day)
            for d in (e.date for e in facts.events)
            if d.month is not None and d.day is not None
        }
        days |= {
            (d.year, d.month, d.day) for d in (topic.signed, topic.in_force_from, topic.in_force_until) if d
        }
        for text in self.index.shown_texts():
            days |= self.dates.days(self.index.fold(text))
        return frozenset(days)

    @cached_property
    def known_months(self) -> frozenset[tuple[int, int]]:
        """Every month of a year the file gives a date in: its whole dates', and its dates known
        only to the month ("December 1850")."""
        months = {(year, month) for year, month, _ in self.known_days}
        months |= {(e.date.year, e.date.month) for e in self.index.facts.events if e.date.month is not None}
        for text in self.index.shown_texts():  # the whole dates of the texts are in known_days already
            months.update(self.dates.months_without_day(self.index.fold(text)))
        return frozenset(months)

    def names_unplaced_time(self, folded: str) -> bool:
        """Whether `folded` names a time the file has nothing in: a year it never touches, or a month
        of a year in which it dates nothing ("in October 1850", "on 3 May 1850")."""
        years = {int(y) for y in YEARS.findall(folded)}
        if not years:
            return False  # a month is named with its year, or it names no time of its own
        if years - self.index.known_years:
            return True
        named = self.dates.months(folded)
        # The file's months are gathered only when a question names one: most never do, and reading
        # every text for them costs a first question as much as building the index's dates.
        return bool(named) and bool(named - self.known_months)

    @cached_property
    def _years_by_ending(self) -> dict[str, int]:
        """The file's years by their last two digits, where only one of them ends so."""
        endings: dict[str, set[int]] = defaultdict(set)
        for year in self.index.known_years:
            endings[f"{year % 100:02d}"].add(year)
        return {ending: next(iter(years)) for ending, years in endings.items() if len(years) == 1}

    def _whole_years(self, text: str) -> str:
        """ "in '34", "Dec '26": a year cut to two digits is the file's year that ends so, if only
        one does; otherwise it stays as typed."""
        if _DIGIT.search(text) is None:
            return text  # most questions: nothing to rewrite, and no pattern to run
        years = self._years_by_ending
        text = _GLUED_YEAR.sub(r"\1 \2", text)  # "1850m.", "1850г.": the year and its abbreviated noun
        text = _GLUED_COUNT.sub(r"\1 \2", text)  # "5yr": the count and its unit
        return _CUT_YEAR.sub(lambda m: str(years.get(m[1], m[0])), text)

    def detect_language(self, text: str, names: frozenset[int] = frozenset()) -> str | None:
        """The language `text` is written in, or None when it gives no sign (a bare name, a date).

        Evidence per word: letters only that language uses, its stop and question words, and words
        the fact file uses in that language alone. Words at the positions in `names` are names,
        whose spelling says nothing about the asker's language ("who was Dvořák?").
        """
        folded = fold(text).split()[:MAX_QUESTION_WORDS]
        plain = [w for w in _NOT_WORD.split(text.casefold()) if w][:MAX_QUESTION_WORDS]
        aligned = len(plain) == len(folded)
        scores: dict[str, float] = defaultdict(float)
        known = self._word_evidence
        for position, word in enumerate(folded):
            if position in names:
                continue
            original = plain[position] if aligned else ""
            evidence = known.get((word, original))
            if evidence is None:
                if len(known) >= WORD_READING_CACHE_SIZE:
                    known.clear()
                evidence = known[(word, original)] = self._language_evidence(word, original)
            for code, amount in evidence:
                scores[code] += amount
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def _language_evidence(self, word: str, original: str) -> tuple[tuple[str, float], ...]:
        """What one word says of the language it is written in, folded and as typed: (code, amount)."""
        found = []
        for code, letters, stopwords, kind_index in self._language_signs:
            if not letters.isdisjoint(original):
                found.append((code, LANGUAGE_LETTER_EVIDENCE))
            if word in stopwords or word in kind_index:
                found.append((code, LANGUAGE_WORD_EVIDENCE))
        only = self.index.word_languages.get(word)
        if only is not None and len(only) == 1:
            found.append((next(iter(only)), LANGUAGE_FILE_WORD_EVIDENCE))
        return tuple(found)

    @cached_property
    def _language_signs(
        self,
    ) -> tuple[tuple[str, frozenset[str], frozenset[str], Mapping[str, object]], ...]:
        """Per language: its code, the letters only it uses, its stop words, its question phrases'
        first words (see `detect_language`)."""
        return tuple(
            (t.code, frozenset(str(t.table.get("letters", ""))), t.stopwords, t.kind_index)
            for t in self.index.languages
        )

    def understand(self, question: str, lang: str | None = None, hint: str | None = None) -> Question:
        index = self.index
        stopwords, known_words, surface_words = index.stopwords, index.known_words, index.surface_words
        raw = self._whole_years(visible(question)[:MAX_QUESTION_CHARS])
        # "take place" -> "happen" before any word is weighed; words outside the sentence that asks
        # ("I'm writing an essay.", "sorry to bother,") are only context.
        folded, aside, asking, claim_positions, sentences = self._read_message(_MENTION.sub(" ", raw))
        tokens = folded.split()
        # Fuzzy matching (typos, misspelt names) costs most: only the first few words the file does
        # not know get it, so a flood of strange words costs a bounded time.
        strange = [t for t in dict.fromkeys(tokens) if t not in known_words and t not in surface_words]
        fuzzy = frozenset(strange[:FUZZY_WORDS])
        spans, in_entity = find_entities(index, tokens, fuzzy)
        # A forced language wins; then the question's own; then the platform's hint (a user locale).
        names = frozenset(in_entity) if len(fold(raw).split()) == len(tokens) else frozenset()
        detected = lang or self.detect_language(raw, names) or known_language(hint) or self.default_lang
        table = language(detected)
        spans = self._seats_as_states(tokens, spans, table)
        if self._is_arithmetic(tokens) or _SUM.search(raw):
            # "whats 17 times 23": a sum to work out, whatever words the file shares with it.
            return Question(raw, folded, detected, None, (), (), None, "", arithmetic=True)
        if folded in table.help_phrases or folded in language(DEFAULT_LANG).help_phrases:
            return Question(raw, folded, detected, None, (), (), None, "", help=True)
        greeting = " ".join(w for w in folded.split() if w not in index.asker_words)  # "hi everyone"
        if _is_smalltalk(folded, (table, language(DEFAULT_LANG))) or (
            greeting != folded and _is_smalltalk(greeting, (table, language(DEFAULT_LANG)))
        ):
            return Question(raw, folded, detected, None, (), (), None, "", smalltalk=True)
        # Typo-correct words first so that "wher" is read as "where" and "signd" as "signed"; but a
        # capitalised word inside the question is a name, not a typo ("the Alpha-Finnish treaty").
        plain = [w for w in _NOT_WORD.split(_MENTION.sub(" ", raw)) if w]
        capitalised = self._typed_as(plain, tokens, lambda w: w[:1].isupper())
        shouted = self._typed_as(plain, tokens, str.isupper)  # "LOL", typed in capitals, is no name
        names_typed = capitalised - {0} - sentences  # a sentence's first word is capitalised by grammar
        corrected = [
            t if t not in fuzzy or t in index.aliases or i in names_typed else (self._correct(t) or t)
            for i, t in enumerate(tokens)
        ]
        excluded = self._excluded(tokens, spans)
        aside = (
            aside
            | self._reporting(tokens, aside, sentences)
            | self._hedged(tokens, sentences)
            | self._given_in_exchange(tokens, sentences)
            | excluded
            | self._place_named_again(tokens, spans)
            | self._parties_named_as_such(tokens)
        )
        contrasted = self._contrasted(tokens, spans)
        aside |= contrasted
        focus = [t for i, t in enumerate(corrected) if i not in aside]
        # As typed, not typo-corrected, for the negation of a claim: "wouldn't" is no misspelt "would".
        asked = [i for i in range(len(tokens)) if i not in aside]
        asked_typed = [tokens[i] for i in asked]
        asked_names = {n for n, i in enumerate(asked) if i in in_entity}
        # "which Soviet envoys ...?" asks who as "which envoys" does: a party's name inside a question
        # phrase only says whose.
        of_parties = {p for start, end, e in spans if e in index.context_entities for p in range(start, end)}
        kind = None
        if of_parties:  # without any, that reading is the focus's, read next
            unnamed = [t for i, t in enumerate(corrected) if i not in aside and i not in of_parties]
            kind = kind_of(unnamed, table)
        kind = kind or kind_of(focus, table) or kind_of(corrected, table)
        date = self.dates.find(folded)
        # "Did it live to see its 10th anniversary?": the day ten years after the signing.
        found = self._anniversary(corrected)
        anniversary, anniversary_at = found if found is not None else (None, frozenset[int]())
        if anniversary is not None and date is None:
            date = self._anniversary_day(anniversary)
        if date is None:
            anniversary, anniversary_at = None, frozenset()
        tables = (table, language(DEFAULT_LANG))
        # A claim to check: a claim marker in a question that does not open with a question word,
        # or a clause that opens a yes/no question ("who signed for Beta, was it Jones?").
        lead = self._without_lead(focus)
        yes_no = (is_yes_no(lead, tables) and not self._opens_with_question_word(lead)) or bool(
            self._opened_in(claim_positions, tokens, table)
        )
        # "students protested over this??", "СССР признавал Вильнюс литовским?": a statement asked with
        # a question mark and no question word is a yes/no question (the usual one in Russian).
        # ("it took effect the same day it was signed?": "the same day" compares two times, it asks none.)
        intoned = (
            any("?" in clause for clause in asking)
            and (kind is None or self._kind_only_of_same_time(focus, table))
            and lead[:1] != []
            and lead[0] not in index.request_openers
        )
        content_words = [t for t in lead if t not in stopwords]
        yes_no = yes_no or (intoned and len(content_words) >= INTONED_MIN_WORDS)
        yes_no = yes_no and not self._offers_choice(lead)
        opened = yes_no and bool(lead) and lead[0] in table.question_openers
        knowing = self._knowing_at(lead) if opened and kind is not None else None
        # "How much was left of its term when it was broken?" asks, as "would" does, of a date that was due.
        # "To remain in force until 1850" says how long it lasted, not what was left.
        remaining = any(
            t in index.remaining_words and not index.lasting_after.intersection(tokens[i + 1 : i + 2])
            for i, t in enumerate(tokens)
        )
        would = remaining or bool(index.conditional_words.intersection(tokens))
        conditioned = (
            kind_of(lead[1:], table) if opened and would and lead[0] in index.conditional_openers else None
        )
        if conditioned is not None:
            # "Had the extension run its course, how much longer would it have lasted?": the inverted
            # "had" opens a condition, not a yes/no question; the question word after it asks.
            yes_no = False
            kind = conditioned
        elif knowing is not None:
            # "Does anyone know when it was signed?": a yes/no question about knowing asks what the
            # question word after it asks ("ar kas žino, kada": "kas" is "anyone", "kada" asks).
            yes_no = False
            kind = kind_of(lead[knowing + 1 :], table) or kind
        elif (opened and self._subordinate(lead)) or (yes_no and self._setting_clause(lead, table)):
            # "Wasn't it in force when the war began?", "it was signed when he was in Alpha, right?": a
            # question word inside a yes/no question opens a clause that sets the time or place, and
            # asks nothing.
            kind = None
            if (
                date is not None
                and date.day is None
                and str(date.year) in lead
                and date.year not in index.dated_years
            ):
                # "Was it still in force in 1941 when Gamma invaded?": the year already sets the time,
                # and nothing of the file happened in it: the clause only says what happened then,
                # which is no part of the claim to check. (In a year the file dates something, the
                # clause may be the claim: "it ended in 1861 when Brevia withdrew to Rockport?")
                opening = self._setting_clause_at(lead, table)
                if opening is not None:
                    aside = aside | frozenset(asked[len(focus) - len(lead) + opening :])
        # The words that make it a claim ("true?", "ar tiesa") are not what it is about.
        claim_words = self._claim_words(table.code) if yes_no else frozenset()
        # "Were the texts in German and French?": the languages are the claim's values to check, not
        # the states they may also name.
        languages = claimed_language_positions(tokens, tables) if yes_no else frozenset()
        if languages:
            spans = [s for s in spans if not set(range(s[0], s[1])) & languages]
            in_entity = in_entity - languages
        units: list[Unit] = []
        for start, _, entity_id in spans:
            context = entity_id in index.context_entities
            weight = CONTEXT_WEIGHT if context else index.max_idf * (ASIDE_WEIGHT if start in aside else 1.0)
            units.append(
                Unit(label=entity_id, entity=entity_id, weight=weight, context=context, aside=start in aside)
            )
        in_context = {
            p for start, end, entity in spans if entity in index.context_entities for p in range(start, end)
        }
        capitalised_words = {tokens[p] for p in capitalised}
        named = {entity for _, _, entity in spans}
        typed_known: list[str] = []
        lower_case_claim = yes_no and bool(named) and not named & index.people
        frequency = index.frequency
        owned = self._owned_by_asker(tokens)
        for position, (token, fixed) in enumerate(zip(tokens, corrected, strict=True)):
            if position in in_entity or token in stopwords or fixed in stopwords or token in claim_words:
                continue
            if any(w in stopwords for w in _unstretched(token)):
                continue  # "sooo", "hiii"
            doubled = len(token) > 2 and token[-1] == token[-2]
            if doubled and token[:-1] in stopwords and not self._is_word(token):
                continue  # "heyy", "okk": a greeting or filler with its last letter doubled
            if date is not None and (DIGITS.match(token) or self._is_month_word(token)):
                continue  # the date is scored as a whole
            if position in anniversary_at:
                if token in index.anniversary_words:
                    # "its 10th anniversary" names a day: its number is the date, the word the thing
                    # of that day, which no fact of the file tells of.
                    weight = self._unit(token, fixed, table).weight
                    units.append(Unit(token, frozenset({ANNIVERSARY}), weight=weight))
                continue
            if DIGITS.match(token) and len(token) <= SHORT_NUMBER_DIGITS:
                continue
            if yes_no and token in self.month_words:
                continue  # "signed on 28 Sept, right?": the claim's month is its value, checked as such
            if token in index.asker_words and (
                token not in index.told_words or (position and tokens[position - 1] in index.possessives)
            ):
                continue  # "my friend says", "для доклада": the asker's own, even a word a phrasing uses
            if position in owned:
                continue  # "for my history homework": what kind of homework is the asker's own too
            if token in index.side_words and {position - 1, position + 1} & in_context:
                continue  # "from the Lithuanian side", "с советской стороны": the party, named already
            if position and YEARS.fullmatch(tokens[position - 1]) and len(token) <= YEAR_SUFFIX_LETTERS:
                continue  # "в 1855-м", "1855-го": an ending the year takes, not a word of its own
            if token in index.period_end_words and self._ends_a_year(tokens, position):
                continue  # "until the end of 1855", "iki 1855 m. pabaigos": the year's end, not the topic's
            # "the Baltic Way": a common word beside a name (not the topic's or a party's) is part of a
            # name, and keeps its weight
            beside_name = any(
                0 <= p < len(tokens)
                and p not in in_context
                and (p in in_entity or tokens[p] in index.alias_words)
                for p in (position - 1, position + 1)
            )
            unit = self._unit(token, fixed, table, beside_name)
            if not unit.known and token in index.relation_words:
                continue  # "how is it connected to Alpha?": any fact naming both says how
            if (
                token in index.relation_words
                and position
                and tokens[position - 1] not in stopwords
                and tokens[position + 1 : position + 2] != []
                and tokens[position + 1] in stopwords
                and in_context & set(range(position + 2, position + 4))
            ):
                # "a convention linked to this pact": what names the thing, tied to the topic; "is it
                # connected to the pact?" asks whether it is.
                continue
            if not unit.known and token in index.knowing_words:
                continue  # "ar kas žino, kada ...": whether anyone knows is not what is asked
            if not unit.known and token in index.asker_words:
                continue  # "for my homework": the asker's situation, not what is asked
            # In a claim even the first word may be the name. In chat a name is often typed in lower
            # case ("smetona signed it for beta?"): a word no table of the language knows is the name
            # when the claim is about the file's subject but names none of its people (with one named,
            # "jones was a symbolist poet?", the word is something said of that person).
            claimed = position in capitalised or (
                lower_case_claim and not unit.known and not frequency.zipf(token, (table.code, DEFAULT_LANG))
            )
            if yes_no and unit.known and position in names_typed and position not in aside:
                # "signed in London?": a name the file uses only as a word (no entity of its own) is
                # still a value the claim states, to find in the answer
                typed_known.append(token)
            if position in languages:
                unit = Unit(
                    label=unit.label, stems=unit.stems, weight=index.max_idf * CLAIMED_NAME_WEIGHT, name=True
                )
            elif yes_no and not unit.known and claimed:
                # A name the file does not know, stated in a claim ("Jones signed it, right?"), is
                # the claim's value to check, not a sign of another subject.
                weight = unit.weight * CLAIMED_NAME_WEIGHT
                unit = Unit(label=unit.label, stems=unit.stems, weight=weight, name=True)
            elif not unit.known and position in names_typed and position not in shouted:
                # "What is the capital of Australia?": a word capitalised inside a sentence is a name,
                # and a name the file does not know is another subject, however common the word
                # ("LOL", typed in capitals, is no name).
                unit = Unit(
                    label=unit.label, stems=unit.stems, weight=max(unit.weight, index.max_idf), known=False
                )
            if position in aside:
                if not unit.known:
                    continue  # an unknown word of the small talk around a question is no evidence
                unit = Unit(label=unit.label, stems=unit.stems, weight=unit.weight * ASIDE_WEIGHT, aside=True)
            units.append(unit)
        entity_ids = tuple(dict.fromkeys(e for _, _, e in spans))
        if index.asks_an_age(focus) and any(
            e in index.people and e not in index.people_born for e in entity_ids
        ):
            # "How old was Ann Smith when she signed?": her age needs a birth the file does not tell of.
            units.append(
                Unit(label="age", weight=index.max_idf * UNKNOWN_WEIGHT_FACTOR, known=False, other=True)
            )
        named_people = [e for e in entity_ids if e in index.people]
        # "What post did Ann Smith hold?", "Ann Smith was the chancellor, right?" of a card that names
        # no office: what is asked is what the file does not tell, however well the rest fits.
        asks_an_office = (
            bool(named_people)
            and bool(set(focus) & index.office_words or (yes_no and self._claims_an_office(tokens, spans)))
            and not any(e in index.people_in_office for e in named_people)
        )
        # "Who was Alpha's president then?", "kas buvo Alfos prezidentas?": an office no text of the file
        # names is what is asked, however well the rest fits (a person's card naming one is above).
        # Offered as one of a choice, it is only a guess ("who ratified it, parliament or the president?").
        titles = index.office_titles
        asks_an_office = asks_an_office or (
            kind in ("who", "what")
            and not named_people
            and any(not u.known and not u.aside and not u.name and u.stems & titles for u in units)
            and not self._offers_choice(focus)
        )
        if self._asks_of_later_life(focus, kind, entity_ids):
            # "What happened to Ann Smith later?", "when did she die?": her life beyond the file's story.
            # It is what is asked, so it weighs as much as all else the question says (her name, her
            # post, which every fact about her shares).
            weight = max(index.max_idf * UNKNOWN_WEIGHT_FACTOR, sum(u.weight for u in units))
            units.append(Unit(label="later", weight=weight, known=False, other=True))
        treaties = [n for clause in asking for n in self._other_treaties(clause)]
        for name in treaties:
            # "the Mutual Assistance Treaty": a treaty's name the file does not know is another treaty.
            # In a claim it may instead be the value to check ("Beta said it broke the Treaty of
            # Gamma, right?"): named and light, and still another subject unless the answering fact
            # speaks of a treaty of its own (see `Ranker.decide`).
            weight = index.max_idf * (CLAIMED_NAME_WEIGHT if yes_no else UNKNOWN_WEIGHT_FACTOR)
            units.append(Unit(label=name, weight=weight, known=False, name=yes_no, other=True))
        for pair in (p for clause in asking for p in self._other_pairs(clause, fuzzy)):
            if any(set(pair.split()) <= set(name.split()) for name in treaties):
                continue  # "the Treaty of Alpha-Beta": the pair is that treaty's name, counted once
            # "the Alpha-Gamma treaty": a party paired with another state names another relationship.
            units.append(
                Unit(label=pair, weight=index.max_idf * UNKNOWN_WEIGHT_FACTOR, known=False, other=True)
            )
        if self._another_treaty_with(tokens, spans, entity_ids):
            # "When did Gamma sign its pact with Alpha?": another state's own treaty with a party.
            units.append(
                Unit(label="relation", weight=index.max_idf * UNKNOWN_WEIGHT_FACTOR, known=False, other=True)
            )
        for year in sorted({int(y) for y in YEARS.findall(" ".join(focus))} - index.known_years):
            # A year the file never touches says the question is about another time; a claim's year
            # is the value to check, as a claim's unknown name is.
            weight = index.max_idf * (CLAIMED_NAME_WEIGHT if yes_no else UNKNOWN_YEAR_WEIGHT)
            units.append(Unit(label=str(year), weight=weight, known=yes_no, name=yes_no, year=True))
        if (
            not yes_no
            and anniversary is None  # "its first anniversary" names its own day
            and date is not None
            and date.day is not None
            and date.month is not None
            and date.year in index.known_years
            and (date.year, date.month, date.day) not in self.known_days
        ):
            # "the ultimatum of 2 May 1850": a whole date the file never gives, in a year it does
            # touch, names another event; weighed as a year the file never touches is.
            units.append(
                Unit(label=date.iso(), weight=index.max_idf * UNKNOWN_YEAR_WEIGHT, known=False, year=True)
            )
        if units and all(u.context for u in units):
            # Only the topic or a party was named ("the treaty", a party): that name is the question.
            units = [Unit(label=u.label, entity=u.entity, weight=index.max_idf) for u in units]
        # The words of a claimed treaty's name ("the Treaty of Alpha") name a treaty, not a person.
        treaty_words = {w for u in units if u.other and u.name for w in u.label.split()}
        if (
            yes_no
            and kind is None
            and any(
                u.name
                and not u.year
                and u.label in capitalised_words - {tokens[p] for p in languages} - treaty_words
                for u in units
            )
        ):
            # "Jones signed it, right?": a claimed name the file does not know is a person's. One typed
            # in lower case may be a word of the claim ("did it restate the old treaty?"): no kind.
            kind = "who"
        content = " ".join(t for t in corrected if t not in stopwords)
        parts = self._parts(focus, table)
        # "who was the president ...?", "who were the envoys of ...?": the role asked for.
        head = None if yes_no else self._asked_head(focus, [i in in_entity for i in asked], table)
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
            claimed_names=(*(u.label for u in units if u.name and not u.year), *typed_known),
            partners=self._partners(spans, tokens),
            focus=tuple(focus),
            negated=yes_no and negated(asked_typed, tables, claim=True, names=asked_names),
            parts=tuple(kind for kind, _ in parts),
            part_words=tuple(words for _, words in parts),
            asks_role=self._asks_a_role(entity_ids, units, focus),
            # As typed: an idiom ("back in 1850") may have taken the particle ("get it back in the end").
            asks_return=index.tells_of_return(fold(raw).split()),
            asks_day=index.asks_a_day(focus),
            asks_states=self._asks_states(focus, kind),
            would=would,
            remaining=remaining,
            anniversary=anniversary,
            unplaced=self.names_unplaced_time(folded),
            ruled_out=tuple(dict.fromkeys(e for start, _, e in spans if start in contrasted)),
            set_aside=tuple(dict.fromkeys(e for start, _, e in spans if start in excluded)),
            asks_number=kind == "what" and self._asks_number(focus),
            asked_head=head,
            asks_unknown=asks_an_office
            or head in {u.label for u in units if not u.known and not u.name and not u.aside},
        )

    def _asked_head(self, focus: Sequence[str], named: Sequence[bool], table: Language) -> str | None:
        """What a "who was the ...?" asks for ("president", "президентом"): the first word after a
        question word that opens the question, a copula ("was", "были") and any stop words ("the"),
        that is no stop word itself. None when the question opens otherwise ("who signed", "who from
        our side signed"), or when a name comes first ("who was Ann Smith in this story?" asks who
        she was)."""
        index = self.index
        words = self._without_lead(list(focus))
        named = named[len(focus) - len(words) :]
        if len(words) < 3 or kind_of(words[:1], table) != "who":
            return None
        if words[1] not in table.copulas:
            return None  # the asker's own language: Lithuanian "iš" is no English "is"
        for word, is_name in zip(words[2:], named[2:], strict=True):
            if is_name:
                return None
            if word not in index.stopwords:
                return word
        return None

    @staticmethod
    def _kind_only_of_same_time(focus: Sequence[str], table: Language) -> bool:
        """The question's kind comes only from a phrase that says "at one time" ("it took effect the
        same day it was signed?": "day" asks no "when" there)."""
        inside = same_time_positions(focus, (table, language(DEFAULT_LANG)))
        return bool(inside) and kind_of([t for i, t in enumerate(focus) if i not in inside], table) is None

    def _ends_a_year(self, tokens: Sequence[str], at: int) -> bool:
        """The word at `at` (a word for an end) is that of a year: the year right after it, or after
        "of" ("the end of 1855", "конца 1855"), or right before it, perhaps with its word for "year"
        between ("1855 m. pabaigos"). "It did not end in 1855" names no year's end."""
        after = tokens[at + 1 : at + 3]
        if after[:1] and YEARS.fullmatch(after[0]):
            return True
        partitives = {lang.partitive for lang in self.index.languages}
        if len(after) == 2 and after[0] in partitives and YEARS.fullmatch(after[1]):
            return True
        before = tokens[max(0, at - 2) : at]
        if before[-1:] and YEARS.fullmatch(before[-1]):
            return True
        return (
            len(before) == 2
            and bool(YEARS.fullmatch(before[0]))
            and (before[1] in self._year_words or len(before[1]) <= YEAR_SUFFIX_LETTERS)
        )

    @cached_property
    def _year_words(self) -> frozenset[str]:
        """Every language's words for "year" ("metų", "года"); its one-letter abbreviations ("m.")
        are short enough to pass as a year's ending."""
        return frozenset(w for lang in self.index.languages for w in lang.span_units.get("year", ()))

    def _owned_by_asker(self, tokens: Sequence[str]) -> frozenset[int]:
        """The words between a possessive and a word for the asker's own situation ("my *history*
        homework", "our *Baltic history* class"): they say which homework, not what is asked."""
        index = self.index
        owned: set[int] = set()
        for at, token in enumerate(tokens):
            if token not in index.possessives:
                continue
            ahead = tokens[at + 1 : at + 2 + ASKER_MODIFIER_WORDS]
            end = next((i for i, word in enumerate(ahead) if word in index.asker_words), None)
            if end:
                owned.update(range(at + 1, at + 1 + end))
        return frozenset(owned)

    def _anniversary(self, tokens: Sequence[str]) -> tuple[int, frozenset[int]] | None:
        """Which anniversary the question names, and the positions of its words: a number or an
        ordinal just before a word for one ("its 10th anniversary", "the first anniversary",
        "10-osios metinės", "10-й годовщины")."""
        index = self.index
        for at, word in enumerate(tokens):
            if word not in index.anniversary_words:
                continue
            for back in range(at - 1, max(-1, at - 1 - ANNIVERSARY_NUMBER_REACH), -1):
                before = tokens[back]
                number = _ORDINAL_NUMBER.match(before)
                ordinal = (
                    int(number.group(1))
                    if number is not None
                    else index.ordinal_starts.get(before)
                )
                if ordinal:
                    return ordinal, frozenset(range(back, at + 1))
        return None

    def _anniversary_day(self, years: int) -> AskedDate | None:
        """The day `years` after the topic was signed (the 28th of February for a 29th), if it was."""
        signed = self.index.facts.topic.signed
        if signed is None:
            return None
        year = signed.year + years
        day = signed.day
        if day is not None and date_problem(year, signed.month, day) is not None:
            day = day - 1  # a leap day's anniversary in a common year
        return PartialDate(year, signed.month, day)

    def _asks_number(self, focus: Sequence[str]) -> bool:
        """ "What was the registration number?", "koks balsų skaičius?": a word for a count or a number
        after the question's first word, where no indefinite article makes it "a number of" (several)."""
        index = self.index
        return any(
            word in index.count_nouns and focus[at - 1] not in index.indefinite_articles
            for at, word in enumerate(focus)
            if at > 0
        )

    def _asks_states(self, focus: Sequence[str], kind: str | None) -> bool:
        """ "Which countries signed the 1850 convention?", "какие страны": a question word right before
        a plural word for states (an "other" between them aside) asks which states, as "who" does."""
        if kind not in (None, "what"):
            return False
        index = self.index
        words = [w for w in focus if w not in index.other_determiners]
        return any(
            word in index.state_nouns and position and words[position - 1] in index.which_words
            for position, word in enumerate(words)
        )

    def _partners(self, spans: Sequence[tuple[int, int, str]], tokens: Sequence[str]) -> tuple[str, ...]:
        """The parties named right after "with" ("signed it with Beta"): the other side. A party with
        a word for a side after it (or ending its name) is the side itself ("с советской стороны": from the
        Soviet side)."""
        index = self.index
        return tuple(
            entity
            for start, end, entity in spans
            if start
            and tokens[start - 1] in index.with_words
            and entity in index.facts.topic.parties
            and not any(tokens[p] in index.side_words for p in range(end - 1, min(end + 1, len(tokens))))
        )

    def _read_message(
        self, text: str
    ) -> tuple[str, frozenset[int], tuple[str, ...], frozenset[int], frozenset[int]]:
        """The folded message, the positions of its words that lie outside the question, the asking
        clauses as typed, the positions of words that open a yes/no question, and the position of
        each sentence's first word.

        A chat message often wraps its question in context: "Preparing a lesson for Monday. Which
        body ratified it?", "sorry to bother, who signed?", "cheers! and where was it signed".
        Sentences that do not ask (no "?", no question word first) around one that does, and a
        lead-in clause before a clause that starts with a question word, are context. A message
        whose asking part says nothing of its own ("Is that right?") is read whole.
        """
        pieces: list[tuple[str, bool, str]] = []  # (folded clause, asks, the clause as typed)
        starts: list[int] = []  # the first piece of each sentence
        # Cut after folding, not only before it: a few hundred characters can fold into thousands of
        # words (one "\ufdfa" is four), and every word costs time in what follows.
        budget = MAX_QUESTION_WORDS
        for sentence in _SENTENCE_END.split(text):
            typed, clauses = [], []
            for clause in _CLAUSE_BREAK.split(sentence):
                words = fold(clause).split()[:budget]
                if words:
                    budget -= len(words)
                    typed.append(clause)
                    clauses.append(self.index.rewrite_idioms(" ".join(words)))
            if not clauses:
                continue
            clauses, typed = self._granted_apart(clauses, typed)
            # It asks if it has a question mark, opens like a question, or holds one ("I need to know
            # where it was signed.").
            opens = [self._opens_question(c) for c in clauses]
            asks = "?" in sentence or any(
                o or self._holds_question(c) for o, c in zip(opens, clauses, strict=True)
            )
            lead = 0
            if not opens[0]:
                # "sorry to bother, who ...": the clauses before the first that opens a question. But
                # "from the second extension to the new end date, how long is that?" names in its lead
                # what the question asks about: a lead with the file's own words is part of it.
                lead = next((i for i, o in enumerate(opens) if i and o), 0)
                led = {w for c in clauses[:lead] for w in c.split()}
                if (
                    sum(self._file_words(c) for c in clauses[:lead]) >= LEAD_FILE_WORDS
                    or (
                        clauses[0].split()[0] in self.index.condition_leads
                        and any(self.index.conditional_words.intersection(c.split()) for c in clauses)
                    )
                    or led & self.index.span_lead_words
                    or any(
                        start in led and end in led
                        for table in self.index.languages
                        for start, end in table.span_ranges
                    )
                ):
                    # ... as does one that states a condition of what would have been ("without an
                    # extension, when would it have expired?"; "if it was so unpopular, why ...?" asks
                    # no such thing), says where a span starts ("counting from the signing, how
                    # long ...?"), or where it starts and ends ("from the talks to the occupation, how
                    # many years is that?")
                    lead = 0
            starts.append(len(pieces))
            pieces.extend(
                (c, asks and i >= lead, t) for i, (c, t) in enumerate(zip(clauses, typed, strict=True))
            )
        # "... the same day? just confirming": a claim word in a remark after the question makes the
        # question a claim to check, as "..., right?" would.
        asked_at = [n for n, (_, asks, _) in enumerate(pieces) if asks]
        if asked_at:
            fillers, tags = self.index.filler_words, self.index.claim_tags
            pieces[asked_at[-1] + 1 :] = [
                (p, asks or (set(p.split()) <= fillers and bool(tags.intersection(p.split()))), t)
                for p, asks, t in pieces[asked_at[-1] + 1 :]
            ]
        asking = [p for p, asks, _ in pieces if asks]
        # "Is that right?", "true?", "am I remembering that right?": an asking part made of stop words,
        # claim words and words of knowing says nothing; nor does "how many days apart were those two
        # things?" after the sentence that names them.
        empty, knowing = self.index.claim_or_stop_words, self.index.knowing_words
        said = {w for p in asking for w in p.split() if w not in empty and w not in knowing}
        if not said or (
            said & self.index.span_asking_words and said <= self.index.span_pointing_words
        ):
            pieces = [(p, True, t) for p, _, t in pieces]
        aside: set[int] = set()
        claims: set[int] = set()  # the words of asking clauses that open a yes/no question
        position = 0
        sentence_starts = set()
        for number, (piece, asks, _) in enumerate(pieces):
            if number in starts:
                sentence_starts.add(position)
            size = len(piece.split())
            if not asks:
                aside.update(range(position, position + size))
            elif self._opens_claim(piece) or self._offers_a_value(pieces, number):
                claims.update(range(position, position + size))
            position += size
        asking_typed = tuple(t for _, asks, t in pieces if asks)
        return (
            " ".join(p for p, _, _ in pieces),
            frozenset(aside),
            asking_typed,
            frozenset(claims),
            frozenset(sentence_starts),
        )

    def clauses(self, question: str) -> list[str]:
        """The questions a message asks one after another, as typed: "Where was it signed, and in
        which city were ratifications exchanged?" is two. Each piece opens a question within its
        first words; a piece that does not (context, a lead-in) stays with the one before it.
        Fewer than two pieces: []."""
        text = _MENTION.sub(" ", visible(question)[:MAX_QUESTION_CHARS])
        conjunctions = self.index.conjunctions
        pieces: list[str] = []
        for sentence in _SENTENCE_END.split(text):
            for part in self._part_break.split(sentence):
                words = fold(part).split()
                if words and words[0] in conjunctions:
                    words = words[1:]
                if not words:
                    continue
                if pieces and not self._asks_early(words):
                    pieces[-1] = f"{pieces[-1]} {part}"
                else:
                    pieces.append(part)
        # "Had it run its course, how long would it have lasted?": a condition opened by inversion
        # leads into the question after it, when that one asks what would have been.
        index = self.index
        for at in range(len(pieces) - 2, -1, -1):
            opening = fold(pieces[at]).split()[:1]
            if (
                opening
                and opening[0] in index.conditional_openers
                and any(w in index.conditional_words for w in fold(pieces[at + 1]).split())
            ):
                pieces[at : at + 2] = [f"{pieces[at]} {pieces[at + 1]}"]
        if len(pieces) < 2:
            return []  # one question, as most messages are
        # "..., right?", "true?": a piece of nothing but claim words, stop words and filler asks nothing
        # of its own.
        empty = self.index.filler_words
        folded = [(p, fold(p)) for p in pieces]
        asking = [
            p
            for p, f in folded
            if (self._asks_early(f.split()) or self._holds_question(f))
            and any(w not in empty for w in f.split())
        ]
        # More questions than a person asks at once is a list or a flood, not a message to split: each
        # piece costs a whole reading.
        return asking if 2 <= len(asking) <= MAX_PIECES else []

    def _asks_early(self, words: list[str]) -> bool:
        """A question word or a yes/no opener among the first words ("in which city ...")."""
        words = self._without_lead([w for w in words if w not in self.index.conjunctions])
        present = set(words)
        for i, word in enumerate(words[:CLAUSE_OPENING_WORDS]):
            for table in self.index.languages:
                if word in table.question_openers:
                    return True
                if word in self.index.kind_nouns:
                    continue
                for phrase, _ in table.kind_index.get(word, ()):
                    # (a phrase of one word is this word; one of more has each of its words somewhere)
                    if len(phrase) == 1 or (
                        present.issuperset(phrase) and tuple(words[i : i + len(phrase)]) == phrase
                    ):
                        return True
        return False

    def _file_words(self, folded: str) -> int:
        """How many words of `folded` the file's texts use, other than stop words and names."""
        index = self.index
        return sum(
            1
            for w in folded.split()
            if w in index.surface_words and w not in index.stopwords and w not in index.alias_words
        )

    def _granted_apart(self, clauses: list[str], typed: list[str]) -> tuple[list[str], list[str]]:
        """ "if people hated it so much why did they sign it": a clause that opens with "if" and
        grants a fact, with no comma before the question word that follows, is cut there, so that
        what it grants is read as the lead-in it is. A condition of what would have been ("if it had
        not been extended when would it have expired") is the question's own, and stays whole."""
        words = clauses[0].split()
        as_typed = typed[0].split()
        if (
            not words
            or words[0] not in self.index.condition_leads
            or self.index.conditional_words.intersection(words)
            or len(as_typed) != len(words)
        ):
            return clauses, typed
        # A question word alone ("why", "kam"), not the first word of a longer phrase ("до какого").
        cut = next(
            (
                i
                for i in range(MIN_GRANTED_WORDS, len(words))
                if words[i] not in self.index.kind_nouns  # "date", "year" name no question
                and any(kind_of(words[i : i + 1], table) for table in self.index.languages)
            ),
            None,
        )
        if cut is None:
            return clauses, typed
        return (
            [" ".join(words[:cut]), " ".join(words[cut:]), *clauses[1:]],
            [" ".join(as_typed[:cut]), " ".join(as_typed[cut:]), *typed[1:]],
        )

    def _opens_question(self, folded: str) -> bool:
        """`folded` starts like a question (after "so", "wait", "ну"): a question word, or a verb that
        opens a yes/no question."""
        words = self._without_lead(folded.split())
        if not words:
            return False
        # A word that only starts a question phrase ("for" of "for how long") opens one only with it:
        # "for my essay: ..." is a lead-in. A preposition may come before a phrase of two words or more:
        # "in what year ...", "in which city ..." (but "from when they started to ..." is a range).
        index = self.index
        openers, phrases = self._question_openings
        if words[0] in openers:
            return True
        starts = (0, 1) if words[0] in index.stopwords and words[0] not in index.question_word_set else (0,)
        present = set(words)  # (a phrase has each of its words somewhere)
        return any(
            (at == 0 or len(phrase) > 1)
            and present.issuperset(phrase)
            and _phrase_at(words, at, phrase, stopwords)
            for at in starts
            for phrase, stopwords in phrases.get(words[at] if at < len(words) else "", ())
        )

    @cached_property
    def _question_openings(
        self,
    ) -> tuple[frozenset[str], Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]]:
        """Every language's words that open a yes/no question, and its question phrases by their first
        word, each with the stop words it may hold (see `_opens_question`)."""
        phrases: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = defaultdict(list)
        for table in self.index.languages:
            for word, entries in table.kind_index.items():
                phrases[word] += [(phrase, table.stopwords) for phrase, _ in entries]
        openers = frozenset(w for table in self.index.languages for w in table.question_openers)
        return openers, {word: tuple(entries) for word, entries in phrases.items()}

    def _reporting(
        self, tokens: list[str], aside: frozenset[int], sentences: frozenset[int]
    ) -> frozenset[int]:
        """The words that report a claim ("my classmate insists", "I read that"): the positions from
        the start of its sentence up to and including the first reporting verb of the asking part,
        and a "that" right after it. ("Who was X? Just what the article says." keeps its question.)"""
        asking = [i for i in range(len(tokens)) if i not in aside]
        if not asking:
            return frozenset()
        verbs = self.index.reporting_verbs
        # The verb may already be an aside ("my friend says" as the asker's own words): what it
        # reports still starts after it.
        at = next(
            (i for i in range(asking[-1]) if tokens[i] in verbs and (i in aside) <= (i + 1 not in aside)),
            None,
        )
        if at is None or at == asking[-1]:
            return frozenset()
        start = max((s for s in sentences if s <= at), default=0)
        said_by = {entity for _, _, entity in find_entities(self.index, tokens[start:at])[0]}
        if said_by - {TOPIC}:
            return frozenset()  # "Poland said the pact broke the treaty": who said it is part of the claim
        # "says that", "говорит, что": the word that opens the report is part of it ("что" is no "what").
        opened = tokens[at + 1] in self.index.report_openers
        end = at + 1 if opened or tokens[at + 1] in self.index.stopwords else at
        said_first = [tokens[i] for i in asking if i >= start and not (opened and i == at + 1)]
        if self._opens_with_question_word(self._without_lead(said_first)):
            return frozenset()  # "what did the Alpha treaty say about Beta?" asks what was said
        return frozenset(i for i in asking if start <= i <= end)

    def _offers_a_value(self, pieces: Sequence[tuple[str, bool, str]], number: int) -> bool:
        """The last piece is a bare guess at what the question before it asks: "where was it signed,
        Alpha City?", "who signed for Beta, Jones?". The answer then says whether the guess is right."""
        piece, asks, typed = pieces[number]
        if number == 0 or number != len(pieces) - 1 or not asks:
            return False
        if "?" not in typed and not self._opens_claim(piece):
            return False  # "... was it Alpha City or somewhere else" asks without its question mark
        before, before_asks, _ = pieces[number - 1]
        words = [w for w in piece.split() if w not in self.index.filler_words]
        # A bare year is no such guess: "..., 1990?" may be a time the file never touches, which a
        # claim's year would no longer count as evidence of.
        return (
            before_asks
            and self._holds_question(before)
            and 1 <= len(words) <= OFFERED_VALUE_WORDS
            and not any(DIGITS.match(w) for w in words)
            and not self._holds_question(piece)
        )

    def _opens_claim(self, folded: str) -> bool:
        """`folded` opens a yes/no question ("was it Jones?", "so did they ...")."""
        words = self._without_lead(folded.split())
        return bool(words) and any(words[0] in table.question_openers for table in self.index.languages)

    def _opened_in(self, positions: frozenset[int], tokens: Sequence[str], table: Language) -> frozenset[int]:
        """The clauses at `positions` (claims: yes/no questions, offered values), less those that open
        like a yes/no question only in another language than the question's: Lithuanian "iš" folds to
        English "is"."""
        kept: set[int] = set()
        for start in sorted(p for p in positions if p - 1 not in positions):
            run = list(itertools.takewhile(lambda p: p in positions, itertools.count(start)))
            words = self._without_lead([tokens[p] for p in run])
            foreign = (
                bool(words) and words[0] not in table.question_openers and self._opens_claim(" ".join(words))
            )
            if not foreign:
                kept.update(run)  # it opens like one in its own language, or offers a value ("Alpha?")
        return frozenset(kept)

    def _without_lead(self, words: list[str]) -> list[str]:
        """`words` without the filler that leads into a question ("so", "wait", "ok", "nu", "а")."""
        start = 0
        while start < len(words) and words[start] in self.index.lead_fillers:
            start += 1
        return words[start:]

    def asks_something(self, text: str) -> bool:
        """`text` holds a question word that is no noun ("..., and by how many days?")."""
        return self._holds_question(fold(text))

    def _typed_as(self, plain: list[str], tokens: list[str], typed: Callable[[str], bool]) -> set[int]:
        """The positions of `tokens` whose word was typed as `typed` says (capitalised, in capitals),
        from the words of the message as typed, `plain`. An idiom rewritten to fewer or more words
        ("that's what" -> "as") moves the words after it: those are then found by what they are, not
        by where they stood."""
        if len(plain) == len(tokens):
            return {i for i, w in enumerate(plain) if typed(w)}
        forms = {self.index.fold(w) for w in plain if typed(w)}
        return {i for i, t in enumerate(tokens) if t in forms}

    def _holds_question(self, folded: str) -> bool:
        """`folded` holds a question word that is no noun ("... to know where it was signed")."""
        words = folded.split()
        nouns, phrases = self.index.kind_nouns, self._question_openings[1]
        return any(
            word not in nouns and tuple(words[i : i + len(phrase)]) == phrase
            for i, word in enumerate(words)
            for phrase, _ in phrases.get(word, ())
        )

    def _opens_with_question_word(self, focus: list[str]) -> bool:
        """ "When was it signed, right?" asks when; only a statement or a yes/no question is a claim."""
        return bool(focus) and any(
            tuple(focus[: len(phrase)]) == phrase
            for table in self.index.languages
            for phrase, _ in table.kind_index.get(focus[0], ())
        )

    def opens_time_clause(self, text: str) -> bool:
        """`text` (as typed) opens with a "when" that says when, not one that asks: "when it got its first
        extension", not "when was it signed" (a question puts its verb right after the word)."""
        words = [w for w in fold(text).split() if w not in self.index.conjunctions][:2]
        if len(words) < 2 or any(words[1] in t.question_openers for t in self.index.languages):
            return False
        return any(
            kind == "when" and phrase == (words[0],)
            for t in self.index.languages
            for phrase, kind in t.kind_index.get(words[0], ())
        )

    def _subordinate(self, lead: list[str]) -> bool:
        """The yes/no question `lead` has question words of its own, all of them words that open a
        clause ("when", "where"), none a noun that asks ("the same day", "in which year")."""
        starts = [t for t in lead[1:] if any(t in table.kind_index for table in self.index.languages)]
        return bool(starts) and not any(t in self.index.kind_nouns for t in starts)

    def _setting_clause(self, lead: list[str], table: Language) -> bool:
        """The claim `lead` states something, then a "when" or "where" opens a clause that says
        something of its own ("talks began in 1850 when Jones passed through Alpha"): its time or
        place, not a question ("it was extended until when?", "right? when was that")."""
        return self._setting_clause_at(lead, table) is not None

    def _setting_clause_at(self, lead: list[str], table: Language) -> int | None:
        """Where the setting clause of `_setting_clause` opens in `lead`, if it has one."""
        stopwords = self.index.stopwords
        for position, token in enumerate(lead):
            kinds = {
                kind
                for t in (table, language(DEFAULT_LANG))
                for phrase, kind in t.kind_index.get(token, ())
                if phrase == (token,)
            }
            if not kinds:
                continue
            if token in self.index.kind_nouns:
                return None  # "the same day the ratifications were exchanged": a noun that asks
            said_before = any(t not in stopwords for t in lead[:position])
            said_after = sum(t not in stopwords for t in lead[position + 1 :])
            setting = kinds <= {"when", "where"} and said_before and said_after >= SETTING_CLAUSE_WORDS
            return position if setting else None
        return None

    def _knowing_at(self, lead: list[str]) -> int | None:
        """Where the yes/no question `lead` asks whether someone knows ("do you know", "ar kas žino"):
        the position of the word of knowing among its opening words, if there is one."""
        return next(
            (
                i
                for i in range(1, min(len(lead), 1 + CLAUSE_OPENING_WORDS))
                if lead[i] in self.index.knowing_words
            ),
            None,
        )

    def _claims_an_office(self, tokens: Sequence[str], spans: Sequence[tuple[int, int, str]]) -> bool:
        """ "Ann Smith was the chancellor?": a person named, a copula right after the name and a word for
        an office soon after it. ("The poet Ann Smith signed it?" names an office only as an aside, and
        so may "was Ann Smith (the poet) one of the signers?".)"""
        index = self.index
        titles = index.office_titles
        return any(
            entity_id in index.people
            and end < len(tokens)
            and tokens[end] in index.copula_words
            and bool(index.stems(" ".join(tokens[end + 1 : end + 1 + OFFICE_CLAIM_WINDOW])) & titles)
            for _, end, entity_id in spans
        )

    def _asks_a_role(self, entity_ids: tuple[str, ...], units: list[Unit], focus: Sequence[str]) -> bool:
        """The question names a person and has a word for what a person was ("position", "pareigas"),
        even one that is a stop word ("what role did ... play?")."""
        index = self.index
        if not set(entity_ids) & index.people:
            return False
        return any(w in index.person_words for w in focus) or any(
            s in index.person_words for u in units if not u.context for s in u.stems
        )

    def _given_in_exchange(self, tokens: list[str], sentences: frozenset[int]) -> frozenset[int]:
        """The words after "in exchange for" (exchange_phrases) to the end of their sentence: what one
        side got for what is asked ("what did Alpha promise in exchange for Beta's support?")."""
        found = _phrase_to_sentence_end(tokens, self.index.exchange_phrases, sentences)
        return frozenset(range(found[1], found[2])) if found else frozenset()

    def _seats_as_states(
        self, tokens: list[str], spans: list[tuple[int, int, str]], table: Language
    ) -> list[tuple[int, int, str]]:
        """`spans`, with each seat of government that is not named as a place read as its state:
        "Alpha City objected", "talks with Alpha City", "Alpha City's view" name Alpha; "signed in
        Alpha City", "in Beta City or Alpha City", "Alfoje" name the city. A message that names
        nothing else ("alpha city?") asks about the city."""
        index = self.index
        if not index.seats or not any(entity in index.seats for _, _, entity in spans):
            return spans
        named = {p for start, end, _ in spans for p in range(start, end)}
        if all(t in index.stopwords for i, t in enumerate(tokens) if i not in named):
            return spans
        if index.where_words.intersection(tokens):
            return spans  # "where was it signed, Alpha City or Beta City?": the cities are places
        read: list[tuple[int, int, str]] = []
        place_before = False  # the span just before, ending one word earlier, named a place as such
        last_end = -1
        for start, end, entity in spans:
            before = tokens[start - 1] if start else ""
            # "in Alpha City's favour": an owner is the state, whatever word stands before it
            owner = end < len(tokens) and tokens[end] in index.owner_marks
            as_place = entity not in index.seats or (
                not owner
                and (
                    before in index.place_words
                    or tokens[start] in index.place_words  # "в Москве" may be one name
                    or (before in index.coordinators and place_before and last_end == start - 1)
                    or tokens[end - 1].endswith(table.place_endings)  # "Alfoje": a locative case
                )
            )
            read.append((start, end, entity if as_place else index.seats[entity]))
            known = index.facts.entities.get(entity)
            place_before = as_place and known is not None and known.kind == "place"
            last_end = end
        return read

    def _excluded(self, tokens: list[str], spans: Sequence[tuple[int, int, str]]) -> frozenset[int]:
        """The places set aside by a word before them ("besides Alpha City, which region ...?",
        "кроме Альфы"): already known to the asker, not what is asked. (A person set aside still
        names the deed asked of: "who signed besides Jones?" is answered by the signatories.)"""
        phrases, stopwords = self.index.exclusion_phrases, self.index.stopwords
        entities = self.index.facts.entities
        return frozenset(
            p
            for start, end, entity in spans
            if entity in entities
            and entities[entity].kind == "place"
            and _phrase_before(tokens, start, phrases, stopwords) is not None  # "apart from the Alpha ..."
            for p in range(start, end)
        )

    def _place_named_again(self, tokens: list[str], spans: Sequence[tuple[int, int, str]]) -> frozenset[int]:
        """ "Who held the city then?", "the city of Alpha", "šiame mieste": in a message that names a
        place, a word for a place after an article or a demonstrative points at it again; it asks no
        "where" and is no word of its own."""
        index = self.index
        entities = index.facts.entities
        if not any(entities[e].kind == "place" for _, _, e in spans if e in entities):
            return frozenset()
        inside = {p for start, end, _ in spans for p in range(start, end)}
        return frozenset(
            position
            for position, token in enumerate(tokens)
            if token in index.place_nouns
            and position not in inside
            and position
            and tokens[position - 1] in index.pointing_words
        )

    def _parties_named_as_such(self, tokens: list[str]) -> frozenset[int]:
        """ "When did the parties conclude ...?", "between the contracting parties": the topic's parties,
        called what they are, are the setting of the question, not what it asks; after a copula ("who
        were the (original) parties?") they are what is asked and stay."""
        index = self.index
        copulas = index.copula_words
        found: set[int] = set()
        for start, token in enumerate(tokens):
            for phrase in index.parties_phrases.get(token, ()):
                size = len(phrase)
                if tuple(tokens[start : start + size]) == phrase and not (
                    copulas.intersection(tokens[max(0, start - PARTIES_COPULA_REACH) : start])
                ):
                    found.update(range(start, start + size))
        return frozenset(found)

    def _contrasted(self, tokens: list[str], spans: Sequence[tuple[int, int, str]]) -> frozenset[int]:
        """A name set against one named before it ("signed in Alpha City, not Beta City?", "Alfa, o ne
        Beta"): the alternative the asker rules out, not part of what is claimed or asked. The contrast
        word stands before the name, with only stop words between ("not from Beta City")."""
        phrases = self.index.contrast_phrases
        stopwords = self.index.stopwords
        found: set[int] = set()
        ordered = sorted(spans)
        inside = {p for start, end, _ in spans for p in range(start, end)}
        fillers = self.index.filler_words  # stop words, claim words ("right?"), the asker's own words
        for start, end, _ in ordered[1:]:
            if start <= ordered[0][0]:
                continue
            if end < len(tokens) and tokens[end] not in fillers and end not in inside:
                continue  # "not yet a League member": the name says what kind of member, it is no rival
            contrast = _phrase_before(tokens, start, phrases, stopwords)
            if contrast is not None:
                found.update(range(contrast, end))
        return frozenset(found)

    def _hedged(self, tokens: list[str], sentences: frozenset[int]) -> frozenset[int]:
        """The words of a hedge that closes a question ("..., or am I mixing them up?"), to the end of
        its sentence: the asker's doubt, not what is asked. `sentences` are where sentences start."""
        found = _phrase_to_sentence_end(tokens, self.index.hedges, sentences)
        return frozenset(range(found[0], found[2])) if found else frozenset()

    def _offers_choice(self, focus: list[str]) -> bool:
        """ "Did they say the city was Alpha's or Beta's?" asks to choose, not for a yes or no."""
        choices = {t.choice_word for t in self.index.languages if t.choice_word}
        if choices.isdisjoint(focus[1:]):
            return False  # no "or" at all (the usual case): nothing to read
        words = f" {' '.join(focus)} "
        for table in self.index.languages:
            for marker in table.claim_markers:  # "true or false?" is a claim marker, not a choice
                words = words.replace(f" {' '.join(marker)} ", " ")
        later = words.split()[1:]  # a first word is no choice: "ar" opens a yes/no question in lt
        return any(t.choice_word in later for t in self.index.languages if t.choice_word)

    def _other_pairs(self, clause: str, fuzzy: frozenset[str]) -> list[str]:
        """Hyphenated pairs of one party and another state ("Alpha-Gamma", "Gammish–Betan")."""
        index = self.index
        found = []
        # Split at the dashes and pair the words either side: linear, where one pattern spanning
        # both words backtracks over every long run of letters.
        parts = _DASH.split(clause)
        pairs = [
            (before.split()[-1], after.split()[0])
            for before, after in itertools.pairwise(parts)
            if before.split() and after.split()
        ]
        for left, right in ((fold(a), fold(b)) for a, b in pairs):
            if len(left) < PAIR_MIN_LETTERS or len(right) < PAIR_MIN_LETTERS:
                continue
            words = [left, right]
            # A misspelt party ("sovet") is still a party, within the question's budget of fuzzy matching.
            sides = [index.aliases.get(w) or (match_name(index, [w]) if w in fuzzy else None) for w in words]
            parties = [side in index.context_entities for side in sides]
            if sum(parties) != 1:
                continue
            other, side = next((w, e) for w, e, p in zip(words, sides, parties, strict=True) if not p)
            if side is not None:
                entity = index.facts.entities.get(side)
                named_state = entity is not None and entity.kind == "state"
            else:  # a state's name is no everyday word: "Alpha-Gammish", not "Alpha-led"
                named_state = (
                    len(other) >= 5 and index.frequency.zipf(other, ("en", "lt", "ru")) < RARE_PAIR_ZIPF
                )
            if named_state:
                found.append(" ".join(words))
        return found

    def _another_treaty_with(
        self, tokens: list[str], spans: list[tuple[int, int, str]], entity_ids: tuple[str, ...]
    ) -> bool:
        """A treaty noun with a determiner of another treaty ("its", "similar", "a") and "with" (or
        "between") a state, where that state, or one named beside a party, is not a party: "did Gamma
        sign its pact with Alpha?", "did Alpha sign similar pacts with Gamma?", "it was a pact between
        Alpha and Gamma?"; or such a treaty noun where a party and another state are named together:
        "when did Gamma and Alpha sign their own pact?". ("The pact with Alpha" is the topic.)"""
        index = self.index
        entities = index.facts.entities
        starts = {start: entity for start, _, entity in spans}
        outsiders = [
            e
            for e in entity_ids
            if e in entities and entities[e].kind == "state" and e not in index.context_entities
        ]
        # "Gamma and Alpha": an outsider and a party named together, as the two sides of a deed
        paired = bool(outsiders) and any(
            {a, b} & set(outsiders)
            and {a, b} & index.context_entities
            and set(tokens[a_end:b_start]) <= index.coordinators | index.stopwords
            and set(tokens[a_end:b_start]) & index.coordinators
            for (_, a_end, a), (b_start, _, b) in itertools.pairwise(sorted(spans))
        )
        for position, token in enumerate(tokens):
            if token not in index.treaty_nouns:
                continue
            if not set(tokens[max(0, position - OTHER_TREATY_REACH) : position]) & index.other_determiners:
                continue
            if paired:
                return True  # "when did Gamma and Alpha sign their own pact?"
            after = tokens[position + 1 : position + 1 + OTHER_TREATY_REACH]
            if not after or (after[0] not in index.with_words and after[0] not in index.between_words):
                continue
            partner = next(
                (starts[i] for i in range(position + 2, position + 2 + OTHER_TREATY_REACH) if i in starts),
                None,
            )
            if partner is None or partner not in entities or entities[partner].kind != "state":
                continue
            if partner not in index.context_entities or outsiders:
                return True
        return False

    def _asks_of_later_life(self, focus: Sequence[str], kind: str | None, entity_ids: Sequence[str]) -> bool:
        """The question is about one person's birth or death, who came after them, or what became of them
        later, which no event of the file tells of: a person's card tells only of their part in the story."""
        index = self.index
        named = [e for e in entity_ids if e not in index.context_entities]
        people = [e for e in named if e in index.people]
        words = set(focus)
        if words & index.death_words:
            return any(e not in index.people_died for e in people)
        if words & index.birth_words:
            return any(e not in index.people_born for e in people)
        asked = words & index.succession_words
        if asked:
            # "who succeeded Jones as envoy?", whatever the question word, unless a fact about one of
            # the file's people tells of someone succeeding someone.
            told = {
                position
                for w in asked
                for s in index.stems(w)
                for position, _ in index.postings.get(s, ())
                if index.candidates[position].entity_ids & index.people
            }
            return bool(people) and not told
        # Beside the person, only events may be named ("what became of Jones after the coup?"): the
        # event sets the time, the question is still about the person's later life.
        entities = index.facts.entities
        others = [e for e in named if e not in people]
        padded = f" {' '.join(focus)} "
        return (
            len(people) == 1
            and all(e in entities and entities[e].kind == "event" for e in others)
            and kind in (None, "what")
            and (
                bool(words & index.later_life_words)
                or any(f" {phrase} " in padded for phrase in index.later_life_phrases)
            )
        )

    def _other_treaties(self, clause: str) -> list[str]:
        """Names of treaties the file does not know: capitalised words around a treaty noun
        ("Mutual Assistance Treaty", "Treaty of Versailles") that are no part of any name it knows.
        A clause's first word is capitalised by grammar, not as a name, so it never counts."""
        index = self.index
        words = [w for w in _NOT_WORD.split(clause) if w]
        found = []
        for position, word in enumerate(words):
            if fold(word) not in index.treaty_nouns:
                continue
            before = list(reversed(words[max(1, position - 4) : position]))
            after = words[position + 1 : position + 4]
            of = after[:1] == ["of"]
            if of:
                after = after[1:]
            names = [w for w in (*_capitalised_run(before), *_capitalised_run(after)) if not w.isdigit()]
            strange = [
                w for w in names if fold(w) not in index.alias_words and fold(w) not in index.treaty_nouns
            ]
            if strange:
                found.append(fold(" ".join([*strange, word])))
                continue
            # "the Treaty of Gammaburg", "the Gammaburg Treaty": a place the file knows, right after "of"
            # or right before the noun, but no treaty so named that the file knows. (Before the noun only
            # as a title: "did Gammaburg accord ...?" is a verb, "the Gammaburg pact" may be this one.)
            noun = fold(word)
            named = ([(after[0], f"{noun} of {fold(after[0])}")] if of and after else []) + (
                [(before[0], f"{fold(before[0])} {noun}")] if before and word[:1].isupper() else []
            )
            for place, phrase in named:
                if (
                    place[:1].isupper()
                    and fold(place) in index.place_names
                    and phrase not in index.alias_text  # no part of a name it knows
                ):
                    found.append(phrase)
                    break
        return found

    def _parts(self, tokens: list[str], lang: Language) -> tuple[tuple[str, str], ...]:
        """The kinds of a question with two parts ("when was it signed and by whom?"), each with the
        words of its own part; else ().

        A part starts at the question's first word or right after "and" (or its equivalent), with a
        question word within the next two words; it runs to the "and" that opens the next part.
        """
        conjunctions = self._ands.get(lang.code)
        if conjunctions is None:
            conjunctions = self._ands[lang.code] = frozenset(
                fold(str(t.template("and"))) for t in (lang, language(DEFAULT_LANG))
            )
        if conjunctions.isdisjoint(tokens):
            return ()  # one part: no "and" to open another
        starts = [0] + [i + 1 for i, t in enumerate(tokens) if t in conjunctions]
        found: list[tuple[str, int]] = []
        for start in starts:
            for position in range(start, min(start + 2, len(tokens))):
                # the part opens with its question word: "... and the new expiry date" asks no "when"
                opens = any(tokens[position] in t.kind_index for t in (lang, language(DEFAULT_LANG)))
                kind = kind_of(tokens[position : position + 3], lang) if opens else None
                if kind is not None and tokens[position] not in self.index.kind_nouns:
                    if kind in PART_KINDS and kind not in (k for k, _ in found):
                        found.append((kind, start))
                    break
        if len(found) < 2:
            return ()
        ends = [start - 1 for _, start in found[1:]] + [len(tokens)]
        return tuple(
            (kind, " ".join(tokens[start:end])) for (kind, start), end in zip(found, ends, strict=True)
        )

    def _correct(self, word: str) -> str | None:
        """The known word `word` is most likely a typo of, or None."""
        if word in self._corrections:
            return self._corrections[word]
        result = None
        if len(word) >= CORRECT_MIN_LETTERS and not DIGITS.match(word):
            # Question words are a small closed set and often misspelt ("wen", "kagda"), so they
            # take a looser cut. Other short words need a strict one, since a real word one letter
            # off a known one ("bread", "break") is no typo; and nothing becomes a short stop word
            # ("nato" must stay an unknown name, not turn into "not").
            best = process.extractOne(
                word, self.index.question_words, scorer=fuzz.ratio, score_cutoff=QUESTION_WORD_CUTOFF
            )
            if best is not None and best[0][:1] != word[:1]:
                best = None  # typists rarely miss the first letter: "погода" is no misspelt "года"
            if best is None:
                # Two letters swapped ("wehn", "hwo", "teh") is a typo even in a word this short, and
                # even of a short stop word: "nato" is no swap of "not".
                same_letters = self.swap_targets.get("".join(sorted(word)), ())
                swapped = next((w for w in same_letters if _swapped(word, w)), None)
                best = (swapped, 0.0, 0) if swapped is not None else None
            if best is None and len(word) >= CORRECT_POOL_MIN_LETTERS:
                found = process.extract(
                    word,
                    self._correction_pool(len(word)).get(word[:1], ()),
                    scorer=fuzz.ratio,
                    score_cutoff=CORRECTION_CUTOFF,
                    limit=CORRECTION_CANDIDATES,
                )
                # Swapped letters ("entre") are a typo; one other letter may make another word.
                best = next(
                    (
                        f
                        for f in found
                        if (
                            not self._is_word(word)  # "forse" is no word: a typo of "force"
                            or (
                                len(word) > SHORT_WORD_LETTERS
                                and self._one_edit(word, f[0])
                                and self._zipf(word) < REAL_WORD_TYPO_ZIPF
                            )
                            # ... and a word as common as "same" is what it was typed as.
                            or (f[1] >= SHORT_WORD_CUTOFF and self._zipf(word) < TYPED_AS_MEANT_ZIPF)
                        )
                    ),
                    None,
                )
            if best is not None:
                result = best[0]
        if len(self._corrections) < CORRECTION_CACHE_SIZE:
            self._corrections[word] = result
        return result

    def _is_arithmetic(self, tokens: list[str]) -> bool:
        """A sum to work out: two numbers joined by an arithmetic word ("17 times 23"), or one with a
        power word ("12 squared")."""
        numbers = sum(t.isdigit() for t in tokens)
        words = set(tokens)
        return (numbers >= 2 and bool(words & self.index.arithmetic_words)) or (
            numbers >= 1 and bool(words & self.index.power_words)
        )

    def _one_edit(self, typed: str, known: str) -> bool:
        """A real word is a typo of `known` only when one slip away ("signes"): "restore" is a
        word of its own, not a misspelt "registre"."""
        return OSA.distance(typed, known) <= 1

    def _is_word(self, word: str) -> bool:
        """`word` is a word of one of the languages (the frequency tables list it)."""
        return self._zipf(word) > 0

    def _zipf(self, word: str) -> float:
        return self.index.frequency.zipf(word, [lang.code for lang in self.index.languages])

    @cached_property
    def swap_targets(self) -> dict[str, tuple[str, ...]]:
        """The words a swap of two neighbouring letters could have come from, by their sorted letters
        (a swap keeps them), each list in the order of preference: question words first, then known
        words (of a length the correction pool takes), then stop words ("div" is no "dvi"). Looked
        up rather than scanned: a scan of every known word for each unseen typo was the slowest
        step of a first-time question."""
        grouped: dict[str, list[str]] = {}
        stopwords = self.index.stopwords
        pooled = (
            w
            for n, words in self.index.words_by_length.items()
            if n >= CORRECT_POOL_MIN_LETTERS
            for w in words
            if n >= STOPWORD_TARGET_MIN_LETTERS or w not in stopwords
        )
        for w in (*self.index.question_words, *pooled, *stopwords):
            grouped.setdefault("".join(sorted(w)), []).append(w)
        return {key: tuple(dict.fromkeys(words)) for key, words in grouped.items()}

    def _correction_pool(self, length: int) -> dict[str, tuple[str, ...]]:
        """Known words of about `length` letters (never short stop words) by their first letter, built
        once per length. A typist rarely misses the first letter, so a typo is only ever corrected to a
        word that shares it: the few hundred such words are all a typo is compared with."""
        pool = self._pools.get(length)
        if pool is None:
            words_by_length, stopwords = self.index.words_by_length, self.index.stopwords
            by_letter: dict[str, list[str]] = defaultdict(list)
            for n in range(length - CORRECTION_LENGTH_SPREAD, length + CORRECTION_LENGTH_SPREAD + 1):
                for w in words_by_length.get(n, ()):
                    if len(w) >= STOPWORD_TARGET_MIN_LETTERS or w not in stopwords:
                        by_letter[w[:1]].append(w)
            pool = self._pools[length] = {letter: tuple(words) for letter, words in by_letter.items()}
        return pool

    def _is_month_word(self, token: str) -> bool:
        return self._month_starts.get(token) is not None

    @cached_property
    def _month_starts(self) -> PrefixIndex[int]:
        return PrefixIndex((w, n) for w, n in self.month_words.items() if len(w) >= MONTH_PREFIX_MIN)

    def _unit(self, token: str, fixed: str, table: Language, beside_name: bool = False) -> Unit:
        """The unit of one word of a question (`fixed` is the word a typo of it is of), remembered."""
        key = (token, fixed, table.code, beside_name)
        found = self._units.get(key)
        if found is None:
            if len(self._units) >= WORD_READING_CACHE_SIZE:
                self._units.clear()
            found = self._units[key] = self._read_unit(token, fixed, table, beside_name)
        return found

    def _read_unit(self, token: str, fixed: str, table: Language, beside_name: bool) -> Unit:
        index = self.index
        words = {token, fixed}
        for word in list(words):
            for lang in (table, language(DEFAULT_LANG)):
                words.update(lang.synonyms.get(word, ()))
        stems = frozenset(lang.stem(w) for w in words for lang in index.languages) | words
        known = [s for s in stems if s in index.vocabulary]
        if not known and words & index.stance_words:
            # "did Gamma welcome it?": a stance the file never words so asks about those it does
            words |= index.stance_words
            stems = frozenset(lang.stem(w) for w in words for lang in index.languages) | words
            known = [s for s in stems if s in index.vocabulary]
        if known:
            weight = max(index.idf[s] for s in known)
            if (
                not beside_name
                and token not in index.question_word_set
                and token in index.frequency.common_words(table.code, COMMON_FILE_WORD_ZIPF)
            ):
                # "at some point", "all the way": a word the file happens to use seldom is no telling
                # word when the language uses it everywhere
                weight *= COMMON_FILE_WORD_FACTOR
            return Unit(label=token, stems=stems, weight=weight)
        if token in index.known_words or fixed in index.known_words:
            # a question word, not a topic word
            return Unit(label=token, stems=stems, weight=QUESTION_WORD_WEIGHT)
        # A word the file does not know weighs by how rare it is in the language: a rare one (a name,
        # a term) says the question is about something else; a common one ("homework") says little.
        zipf = max(index.frequency.zipf(w, (table.code, DEFAULT_LANG)) for w in (token, *_unstretched(token)))
        if zipf < FAMILY_BELOW_ZIPF:
            # "ссылалась", "kaltino": a rare form of a common word weighs as the word does
            zipf = max(zipf, index.frequency.family_zipf(token, table.code, table.stem))
        rarity = min(1.0, max(COMMON_WORD_FLOOR, (VERY_COMMON_ZIPF - zipf) / (VERY_COMMON_ZIPF - RARE_ZIPF)))
        if any(
            token.endswith(ending) and len(token) > len(ending) + ADVERB_STEM_MIN
            for ending in table.adverb_endings
        ):
            # "backed it enthusiastically": a manner adverb says how, not what about; however rare,
            # it weighs as a common word does
            rarity = COMMON_WORD_FLOOR
        return Unit(
            label=token, stems=stems, weight=index.max_idf * UNKNOWN_WEIGHT_FACTOR * rarity, known=False
        )


def _phrase_to_sentence_end(
    tokens: Sequence[str], phrases: Mapping[str, tuple[tuple[str, ...], ...]], sentences: frozenset[int]
) -> tuple[int, int, int] | None:
    """The first of `phrases` (keyed by first word) after the message's first word, as (where it starts,
    where it ends, where its sentence ends); None if none is there. `sentences` are where sentences start."""
    for start in range(1, len(tokens)):
        for phrase in phrases.get(tokens[start], ()):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                end = min((s for s in sentences if s > start), default=len(tokens))
                return start, start + len(phrase), end
    return None


def _phrase_before(
    tokens: Sequence[str],
    start: int,
    phrases: Mapping[str, Sequence[tuple[str, ...]]],
    skip: Collection[str],
) -> int | None:
    """Where a phrase of `phrases` (keyed by their last word, longest first) starts that ends right
    before `start`, or before a run of `skip` words that does ("not from Beta City", "apart from the
    Alpha question"); None if none does."""
    at = start
    while at > 0:
        for phrase in phrases.get(tokens[at - 1], ()):
            if at >= len(phrase) and tuple(tokens[at - len(phrase) : at]) == phrase:
                return at - len(phrase)
        if tokens[at - 1] not in skip:
            return None
        at -= 1
    return None


def follows_a_year(tokens: Sequence[str], position: int) -> bool:
    """The word at `position` comes right after a year: "metais" of "1850 metais", "года" of "в 1850
    году" is then the year's own word, which dates what is asked."""
    return position > 0 and YEARS.fullmatch(tokens[position - 1]) is not None


def kind_of(tokens: Sequence[str], lang: Language) -> str | None:
    """The question's kind from its question words; the longest phrase wins ("how many" over "how")."""
    return _kind_of(tuple(tokens), lang.code)


@lru_cache(maxsize=4096)  # a question's words are read for their kind at several stages
def _kind_of(tokens: tuple[str, ...], code: str) -> str | None:
    lang = language(code)
    present = set(tokens)
    for table in (lang, language(DEFAULT_LANG)):
        found: tuple[int, str] | None = None
        years = table.span_units.get("year", ())
        for position, token in enumerate(tokens):
            if token in years and follows_a_year(tokens, position):
                continue  # "договора 1850 года", "1850 metais": the year's own word asks nothing
            for phrase, kind in table.kind_index.get(token, ()):
                # (a phrase of one word is this word; one of more has each of its words somewhere)
                if (found is None or len(phrase) > found[0]) and (
                    len(phrase) == 1
                    or (present.issuperset(phrase) and _phrase_at(tokens, position, phrase, table.stopwords))
                ):
                    found = (len(phrase), kind)
        if found is not None:
            return found[1]
    return None


def _phrase_at(tokens: Sequence[str], position: int, phrase: tuple[str, ...], skip: Collection[str]) -> bool:
    """`phrase` stands at `position`, perhaps with words of `skip` inside it: "kiek maždaug metų",
    "сколько примерно лет" ask how long as "kiek metų" does."""
    at = position
    for word in phrase:
        while at < len(tokens) and tokens[at] != word and at > position and tokens[at] in skip:
            at += 1
        if at >= len(tokens) or tokens[at] != word:
            return False
        at += 1
    return True


def _unstretched(token: str) -> tuple[str, ...]:
    """The word a stretched one stands for: "hiii" -> "hi", "sooo" -> "so", "pleeease" -> "please"."""
    if not _STRETCHED.search(token) or _ROMAN.fullmatch(token):
        return ()
    return (_STRETCHED.sub(r"\1", token), _STRETCHED.sub(r"\1\1", token))


def _capitalised_run(words: list[str]) -> list[str]:
    """The capitalised words at the start of `words` (a name's words, read outwards from a noun)."""
    run = []
    for word in words:
        if not word[:1].isupper():
            break
        run.append(word)
    return run


def _swapped(typed: str, known: str) -> bool:
    """`typed` is `known` with two neighbouring letters swapped."""
    return Levenshtein.distance(typed, known) == 2 and OSA.distance(typed, known) == 1


def _is_smalltalk(folded: str, tables: Iterable[Language]) -> bool:
    for table in tables:
        if folded in table.smalltalk:
            return True
        if table.smalltalk and len(folded) <= SMALLTALK_MAX_CHARS:
            match = process.extractOne(
                folded, table.smalltalk, scorer=fuzz.ratio, score_cutoff=SMALLTALK_CUTOFF
            )
            if match is not None:
                return True
    return False


def known_language(code: str | None) -> str | None:
    """The bot's language for a locale code ("lt", "ru-RU", "en_GB"), or None if it has none."""
    if not code:
        return None
    short = code.split("-")[0].split("_")[0].casefold()
    return short if language(short).code == short else None
