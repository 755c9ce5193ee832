"""Stage 1, the index: everything the engine knows about a fact file, prepared once per file.

Owns the candidates (each fact, and each entity's card, the topic's included), the inverted index
from word stems to candidates with how strongly each word ties to each, word rarity (idf), the
vocabulary the question reader corrects typos against, the entity aliases it finds names with, and
each language's fact phrasings for similarity. Every text is folded, tokenised and stemmed here the
same way the reader treats a question (`Index.fold`, `Index.stems`), so answering only processes the
question. Built once by `Index(facts, languages)` and only read afterwards.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.factfile import Entity, Fact, FactBase
from bot.core.frequency import WordFrequency
from bot.core.language import FormIndex, Language, PrefixIndex, word_form
from bot.core.normalize import fold, sound_key
from bot.core.texts import pick
from bot.core.tuning import (
    MEDIUM,
    RETURN_PHRASE_GAP,
    STRONG,
    STRONG_PHRASINGS_DIVISOR,
    STRONG_PHRASINGS_MIN,
    WEAK,
)

ANY_LANGUAGE = "*"  # phrasings (names) that belong to no one language
TOPIC = "@topic"  # the entity id standing for the fact file's topic itself
ANNIVERSARY = "@anniversary"  # the stem of a word for an anniversary the question names ("its 10th")
DIGITS = re.compile(r"^\d+$")
YEARS = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


@dataclass
class Candidate:
    """Something the engine can answer with: a fact, or the card of one entity."""

    key: str
    fact: Fact | None
    entity: Entity | None
    terms: dict[str, float] = field(
        default_factory=dict
    )  # stem -> STRONG, MEDIUM or WEAK (see Index._build_candidates)
    entity_ids: frozenset[str] = frozenset()
    # Folded content words of each phrasing, keyword and title, by language, for similarity; the words
    # of each sorted once here, so that a question compares with a plain ratio (see `sorted_words`).
    phrasings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    asks: frozenset[str] = frozenset()
    canonical: Mapping[str, str] = field(default_factory=dict)  # a question that leads here, per language


class Index:
    """The candidates of one `FactBase` and the tables the reader and the ranker look words up in."""

    def __init__(self, facts: FactBase, languages: Sequence[Language]) -> None:
        self.facts = facts
        self.languages = languages
        # every language's idioms' first two words (or one), see `rewrite_idioms`
        self._idiom_starts = frozenset().union(*(lang.idiom_starts for lang in languages))
        self.stopwords: frozenset[str] = frozenset().union(*(lang.stopwords for lang in languages))
        self.candidates: list[Candidate] = []
        self.by_entity: dict[str, set[int]] = defaultdict(set)  # entity id -> candidates about it
        self.fact_candidate: dict[str, int] = {}  # fact id -> its candidate
        # stem -> (candidate, strength), strongest first
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.date_candidates: list[int] = []  # facts that compute an answer from a date
        self.in_force_candidates: list[int] = []  # facts that say whether it was in force on a date
        # How common words are in each language: tells a merely common unknown word from a rare one.
        self.frequency = WordFrequency.load(lang.code for lang in languages)
        # Each language's fact phrasings (content words) and the candidate each belongs to.
        self.phrasings_by_lang: dict[str, tuple[list[str], list[int]]] = {}
        self.word_languages: dict[str, set[str]] = defaultdict(set)  # word -> languages the file uses it in
        self._surface: set[str] = set()
        self._token_stems: dict[str, frozenset[str]] = {}
        # Text -> `fold`, while building only: phrasings come back as keywords, titles and answers;
        # questions never repeat enough to pay for the memory.
        self._folded: dict[str, str] | None = {}
        self._stating_years: dict[int, frozenset[int]] | None = None  # year -> candidates that state it
        self._years_stated: dict[str, frozenset[int]] = {}  # candidate key -> the years its text states
        self._build_aliases()
        self._build_candidates()
        self.date_set = frozenset(self.date_candidates)
        for postings in self.postings.values():
            postings.sort(key=lambda posting: -posting[1])
        self._build_vocabulary()
        self.dated_years = self._build_dated_years()
        self.known_years = self._build_known_years()
        self._folded = None

    def _build_aliases(self) -> None:
        topic = self.facts.topic
        aliases: dict[str, str] = {}
        for entity in self.facts.entities.values():
            for name in all_texts(entity.name, entity.aliases):
                aliases.setdefault(fold(name), entity.id)
        # The topic and its parties: true of every fact, so naming them never discriminates.
        self.context_entities = frozenset(topic.parties) | {TOPIC}
        for name in all_texts(topic.name, topic.short, topic.aliases):
            aliases.setdefault(fold(name), TOPIC)
        aliases.pop("", None)
        # "Head of Narkomindel" is "the head of the Narkomindel": a name is said with or without its
        # articles.
        articles = frozenset().union(*(lang.articles for lang in self.languages))
        for alias, owner in list(aliases.items()):
            bare = " ".join(w for w in alias.split() if w not in articles)
            if bare and bare != alias and len(bare.split()) >= 2:
                aliases.setdefault(bare, owner)
        self.aliases = aliases  # folded name -> entity id
        # The words the topic is called by ("nonaggression" of "nonaggression pact"): beside another
        # noun ("the nonaggression deal") they still name the topic, not a deed of their own.
        self.topic_words = frozenset(
            w for alias, owner in aliases.items() if owner == TOPIC for w in alias.split()
        )
        self.aliases_by_words: dict[int, list[str]] = defaultdict(list)
        for alias in aliases:
            self.aliases_by_words[len(alias.split())].append(alias)
        self.max_alias_words = max(self.aliases_by_words, default=1)
        self.alias_first_words = frozenset(alias.split()[0] for alias in aliases)
        self.alias_first_sounds = frozenset(sound_key(word) for word in self.alias_first_words)
        by_letter: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.alias_first_words):
            by_letter[word[:1]].append(word)
        self.alias_first_words_by_letter = {letter: tuple(words) for letter, words in by_letter.items()}
        self.name_starts: dict[str, bool] = {}  # word -> may start a name (see names.find_entities)
        self.window_names: dict[str, str | None] = {}  # run of words -> the entity it names, if any
        # Words in the alias -> spelling-neutral sound keys -> entity id, by number of words.
        self.sound_aliases: dict[int, dict[str, str]] = defaultdict(dict)
        for alias, owner in aliases.items():
            words = alias.split()
            self.sound_aliases[len(words)].setdefault(" ".join(sound_key(w) for w in words), owner)
        # The first letters of each name's words, and of their sound keys, by number of words: a run of
        # words is a misspelling of a name only word by word, each keeping its first letter.
        self.alias_initials = {
            size: frozenset(initials(alias) for alias in names)
            for size, names in self.aliases_by_words.items()
        }
        self.sound_initials = {
            size: frozenset(initials(key) for key in keys) for size, keys in self.sound_aliases.items()
        }

    def fold(self, text: str) -> str:
        """`fold`, then every language's idioms: the index reads its texts as it reads questions."""
        if self._folded is None:
            return self.rewrite_idioms(fold(text))
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = self.rewrite_idioms(fold(text))
        return folded

    def rewrite_idioms(self, folded: str) -> str:
        """Folded text with every language's idioms read as the word they mean ("take place")."""
        # Most texts have no idiom's opening in any language: one test of their words and word pairs.
        words = folded.split()
        starts = self._idiom_starts
        if starts.isdisjoint(words) and starts.isdisjoint(map(" ".join, itertools.pairwise(words))):
            return folded
        for table in self.languages:
            folded = table.rewrite_idioms(folded)
        return folded

    def _people_told_of(self, words: frozenset[str]) -> frozenset[str]:
        """The people named by an event whose text has one of `words`."""
        told_of: set[str] = set()
        for event in self.facts.events:
            told = self.fold(" ".join(event.text.values()))
            if words & set(told.split()):
                told_of |= {
                    e
                    for e in self.people
                    if any(self.fold(n) in told for n in all_texts(self.facts.entities[e].name))
                }
        return frozenset(told_of)

    def tells_of_return(self, words: Sequence[str]) -> bool:
        """`words` (folded) say something came back ("regained", "got the city back"): see return_words."""
        if not self.return_words.isdisjoint(words):
            return True
        starts = self.return_phrase_starts
        if starts.isdisjoint(words):
            return False
        return any(
            (word, last) in self.return_phrases
            for i, word in enumerate(words)
            if word in starts
            for last in words[i + 1 : i + 2 + RETURN_PHRASE_GAP]
        )

    def asks_a_day(self, words: Sequence[str]) -> bool:
        """`words` (folded) ask for the day something happened ("on what exact date", "какого числа")."""
        return self._day_finder.search(f" {' '.join(words)} ") is not None

    def asks_an_age(self, words: Sequence[str]) -> bool:
        """`words` (folded) ask how old someone was ("how old", "kiek metų buvo")."""
        return (
            not self.age_words.isdisjoint(words)
            or self._age_finder.search(f" {' '.join(words)} ") is not None
        )

    def _phrases_by_first_word(self, key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Every language's phrase list `key`, folded, as word tuples keyed by their first word."""
        return self._phrases_by_word(key, 0)

    def _phrases_by_last_word(self, key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Every language's phrase list `key`, folded, as word tuples keyed by their last word."""
        return self._phrases_by_word(key, -1)

    def _phrases_by_word(self, key: str, at: int) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The phrases keyed by their word at `at`, longest first: "but not" is found before "not",
        whatever the order of a set."""
        found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for phrase in self._folded_words(key):
            words = tuple(phrase.split())
            if words:
                found[words[at]].add(words)
        return {word: tuple(sorted(phrases, key=lambda p: (-len(p), p))) for word, phrases in found.items()}

    def _folded_words(self, key: str) -> frozenset[str]:
        """Every language's word list `key`, folded."""
        return frozenset(fold(str(w)) for lang in self.languages for w in lang.table.get(key) or [])

    def content(self, text: str) -> str:
        """The folded content words of `text` (no stop words), as phrasing similarity compares them."""
        return " ".join(t for t in self.fold(text).split() if t not in self.stopwords)

    def stems(self, text: str) -> set[str]:
        result: set[str] = set()
        for token in self.fold(text).split():
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
        told: set[str] = set()  # the words of what the file says: not of its phrasings (see `told_words`)
        for entity in self.facts.entities.values():
            for text in all_texts(entity.name, entity.aliases, entity.description):
                told.update(fold(text).split())
        for fact in self.facts.facts.values():
            for text in all_texts(fact.title, fact.keywords, fact.answer):
                told.update(fold(text).split())
            strong: set[str] = set()
            for text in all_texts(fact.title, fact.keywords):
                strong |= self.stems(text)
            for lang_code, values in (*fact.phrasings.items(), *fact.keywords.items()):
                for value in values:
                    for word in fold(value).split():
                        self.word_languages[word].add(lang_code)
            phrasing_stems = [self.stems(p) for p in all_texts(fact.phrasings)]
            counts: dict[str, int] = defaultdict(int)
            for stems in phrasing_stems:
                for stem in stems:
                    counts[stem] += 1
            # A word in the keywords, the title or a good share of the phrasings is what the fact is
            # about; a word in a single phrasing is only evidence.
            common = max(STRONG_PHRASINGS_MIN, len(phrasing_stems) // STRONG_PHRASINGS_DIVISOR)
            strong |= {stem for stem, n in counts.items() if n >= common}
            medium = set(counts) - strong
            weak: set[str] = set()
            for text in all_texts(fact.answer):
                weak |= self.stems(text)
            for entity_id in fact.entities:
                entity_facts[entity_id].append(fact.id)
            # (once each: every question's ranking compares its words with each of them)
            phrasings = {
                lang: tuple(
                    dict.fromkeys(
                        sorted_words(self.content(p))
                        for p in (
                            *fact.phrasings.get(lang, ()),
                            *fact.keywords.get(lang, ()),
                            *([fact.title[lang]] if lang in fact.title else []),
                        )
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
        person_words = {
            fold(str(w)): lang for lang in self.languages for w in lang.table.get("person_words") or []
        }
        # the words (and their stems) that ask what a person was: "what position did ... hold?"
        self.person_words = frozenset(person_words) | {lang.stem(w) for w, lang in person_words.items()}
        # ... and those of them that ask for an office, which only a card naming one answers
        office_words = self._folded_words("office_words")
        office_asked = {w: lang for w, lang in person_words.items() if w in office_words}
        self.office_words = frozenset(office_asked) | {lang.stem(w) for w, lang in office_asked.items()}
        office_titles = {
            lang.stem(fold(str(w))) for lang in self.languages for w in lang.table.get("office_titles") or []
        }
        self.office_titles = frozenset(office_titles)  # stems of the words that name an office
        # People whose card says what office they held ("the envoy to Alpha"): of anyone else, "what
        # post did she hold?" asks what the file does not tell, however well her card fits the rest.
        self.people_in_office = frozenset(
            e.id
            for e in self.facts.entities.values()
            if e.kind == "person"
            and any(self.stems(t) & office_titles for t in all_texts(e.description))
        )
        for entity in (*self.facts.entities.values(), topic_card):
            names = list(all_texts(entity.name, entity.aliases))
            strong = set().union(*(self.stems(n) for n in names)) if names else set()
            weak = set().union(*(self.stems(t) for t in all_texts(entity.description)))
            asks = {"person": {"who", "what"}, "place": {"where", "what"}}.get(entity.kind, {"what"})
            if entity.kind == "person":
                # "What role did Ann Smith play?": the card says what a person was; her office only
                # when it names one.
                in_office = entity.id in self.people_in_office
                strong |= self.person_words if in_office else self.person_words - self.office_words
            self._add(
                Candidate(
                    key=f"entity:{entity.id}",
                    fact=None,
                    entity=entity,
                    terms={**dict.fromkeys(weak, WEAK), **dict.fromkeys(strong, STRONG)},
                    entity_ids=frozenset({entity.id}),
                    phrasings={
                        ANY_LANGUAGE: tuple(dict.fromkeys(sorted_words(self.content(n)) for n in names))
                    },
                    asks=frozenset(asks),
                    canonical=dict(entity.name),
                )
            )
        self.entity_facts = {k: tuple(v) for k, v in entity_facts.items()}  # entity id -> fact ids
        # What the file says, folded: the words of its titles, keywords, answers and cards. A word only
        # its phrasings use ("for my essay, ...") is how people ask, not what the file tells.
        self.told_words = frozenset(told)
        self.people = frozenset(e.id for e in self.facts.entities.values() if e.kind == "person")
        # People whose birth an event tells of ("Ann Smith is born"): their age can be worked out; and
        # those whose death one tells of: "when did she die?" is the file's to answer.
        self.people_born = self._people_told_of(self._folded_words("birth_words"))
        self.people_died = self._people_told_of(self._folded_words("death_words"))
        # entity id -> stems of its English name, to find facts that name it without listing it
        self.entity_stems = {
            e.id: frozenset(self.stems(pick(e.name, "en"))) for e in self.facts.entities.values()
        }

    def _add(self, candidate: Candidate) -> None:
        index = len(self.candidates)
        self.candidates.append(candidate)
        if candidate.fact is not None:
            self.fact_candidate[candidate.fact.id] = index
            if candidate.fact.compute in ("events_on", "in_force_on"):
                self.date_candidates.append(index)
            if candidate.fact.compute == "in_force_on":
                self.in_force_candidates.append(index)
        for term, strength in candidate.terms.items():
            self.postings[term].append((index, strength))
        if candidate.fact is not None:
            for lang, phrasings in candidate.fact.phrasings.items():
                texts, owners = self.phrasings_by_lang.setdefault(lang, ([], []))
                texts.extend(self.content(p) for p in phrasings)
                owners.extend([index] * len(phrasings))
        for entity_id in candidate.entity_ids:
            self.by_entity[entity_id].add(index)

    def _build_vocabulary(self) -> None:
        total = len(self.candidates) or 1
        self.idf = {term: math.log(1 + total / len(postings)) for term, postings in self.postings.items()}
        self.max_idf = math.log(1 + total)
        self.vocabulary = frozenset(self.postings)  # every stem some candidate has
        extra = {fold(w) for lang in self.languages for phrase, _ in lang.kind_phrases for w in phrase}
        self.question_words = tuple(sorted(extra))
        extra |= self.stopwords
        for lang in self.languages:
            extra |= set(lang.synonyms)
            # The words of claims, spans and treaty names: language words, never typos of file words.
            extra |= {w for marker in lang.claim_markers for w in marker} | lang.question_openers
            extra |= lang.span_words | lang.order_words | lang.relative_words | lang.treaty_nouns
            extra |= {w for words in lang.span_units.values() for w in words}
        # Words the language tables know (question words, stop words, synonyms) ...
        self.known_words = frozenset(extra)
        # ... and the words, unstemmed, of every text in the fact file.
        self.surface_words = frozenset(self._surface)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.surface_words | self.known_words:
            if not DIGITS.match(word):
                by_length[len(word)].append(word)
        self.words_by_length = {n: tuple(sorted(words)) for n, words in by_length.items()}
        # Every word of every name the file knows, and the nouns that head a treaty's name.
        self.alias_words = frozenset(w for alias in self.aliases for w in alias.split())
        # Every name, one per line: a phrase is part of some name when it is part of this text.
        self.alias_text = "\n".join(self.aliases)
        # One-word names of places and states other than the parties ("Gammaburg", standing for its state):
        # "the Treaty of Gammaburg" is then a treaty the file does not know, unless it knows one so named.
        self.place_names = frozenset(
            alias
            for alias, owner in self.aliases.items()
            if " " not in alias
            and owner not in self.context_entities
            and owner in self.facts.entities
            and self.facts.entities[owner].kind in ("place", "state")
        )
        self.treaty_nouns = frozenset(w for lang in self.languages for w in lang.treaty_nouns)
        # The filler that leads into a question in any language ("so", "wait", "nu", "а").
        self.lead_fillers = frozenset(w for lang in self.languages for w in lang.lead_fillers)
        self.reporting_verbs = frozenset(w for lang in self.languages for w in lang.reporting_verbs)
        self.report_openers = frozenset(w for lang in self.languages for w in lang.report_openers)
        self.asker_words = frozenset(w for lang in self.languages for w in lang.asker_words)
        self.possessives = frozenset(w for lang in self.languages for w in lang.possessives)
        self.side_words = frozenset(w for lang in self.languages for w in lang.side_words)
        self.conjunctions = frozenset(fold(str(lang.template("and"))) for lang in self.languages)
        # Every word of every language's claim markers ("true", "right", "tiesa", "верно").
        self.claim_words = frozenset(
            w for lang in self.languages for marker in lang.claim_markers for w in marker
        )
        # The claim markers that are one word of their own ("confirming", "legit", "tiesa"): one in a
        # remark after a question makes it a claim ("... the same day? just confirming").
        self.claim_tags = frozenset(
            marker[0]
            for lang in self.languages
            for marker in lang.claim_markers
            if len(marker) == 1 and marker[0] not in self.stopwords
        )
        # Kind words that are nouns ("date", "place", "reason"): they colour a question but do not
        # start one, so they never open the second part of a question.
        self.kind_nouns = frozenset(
            phrase[0]
            for lang in self.languages
            for phrase, _ in lang.kind_phrases
            if len(phrase) == 1 and phrase[0] not in lang.stopwords
        )
        # Read once per fact file rather than per question: the language words the reader and the span
        # reader test every question against.
        self.question_word_set = frozenset(self.question_words)
        self.claim_or_stop_words = self.stopwords | self.claim_words  # "is that right?" says nothing
        # ... nor does "..., right? pls" once filler and the asker's own words are set aside too
        self.filler_words = self.claim_or_stop_words | self.lead_fillers | self.asker_words
        self.arithmetic_words = self._folded_words("arithmetic_words")  # "17 times 23"
        self.power_words = self._folded_words("power_words")  # "12 squared"
        self.age_words = self._folded_words("age_words")  # "how old was ...?"
        self.place_nouns = self._folded_words("place_nouns")  # "the city", "this region"
        self.copula_words = frozenset(w for lang in self.languages for w in lang.copulas)  # "was", "buvo"
        # "the", "this", "tas", "этот": words that point at something named (not "which", which asks)
        self.pointing_words = frozenset(
            w for lang in self.languages for w in (*lang.articles, *lang.demonstratives)
        ) - self.question_word_set
        self.death_words = self._folded_words("death_words")  # "when did she die?"
        self.later_life_words = self._folded_words("later_life_words")  # "what happened to her later?"
        self.succession_words = self._folded_words("succession_words")  # "who succeeded her?"
        self.birth_words = self._folded_words("birth_words")  # "when was she born?"
        self.return_words = self._folded_words("return_words")  # "when did Alpha regain the city?"
        # "get the city back": a verb and its particle
        self.return_phrases = frozenset(
            tuple(p.split()) for p in self._folded_words("return_phrases") if len(p.split()) == 2
        )
        self.return_phrase_starts = frozenset(first for first, _ in self.return_phrases)
        self.other_determiners = self._folded_words("other_determiners")  # "its pact with ...", "a pact"
        self.with_words = self._folded_words("with_words")
        self.between_words = self._folded_words("between_words")  # "a pact between Alpha and Gamma"
        # "counting", "elapsed": a lead-in with one says where a span starts, part of the question
        self.span_lead_words = frozenset(w for lang in self.languages for w in lang.span_words)
        # "How many days apart were those two things?": words that ask for a span or an order ...
        self.span_asking_words = frozenset(
            w for lang in self.languages for w in (*lang.span_words, *lang.order_words)
        )
        # ... and words that only say in what unit, or point back at what the span is between
        self.span_pointing_words = self.span_asking_words | frozenset(
            w
            for lang in self.languages
            for w in (
                *lang.demonstratives,
                *(str(n) for n in lang.table.get("numbers") or []),
                *(u for words in lang.span_units.values() for u in words),
            )
        )
        self.state_nouns = self._folded_words("state_nouns")  # "which countries ...?"
        self.which_words = self._folded_words("which_words")
        self.continuation_words = self._folded_words("continuation_words")  # "still", "продолжал"
        self.place_words = self._folded_words("place_words")  # "in Alpha City": the city as a place
        self.owner_marks = self._folded_words("owner_marks")  # "Alpha City's": the state, as an owner
        # "without an extension, when would ...?": a lead-in that states a condition
        self.condition_leads = self._folded_words("condition_leads")
        # "and", "or": a city joined to one named as a place is a place too ("in Alpha City or Beta City")
        self.coordinators = self.conjunctions | {
            lang.choice_word for lang in self.languages if lang.choice_word
        }
        # each language's own word for "where" (the first of its "where" phrases): "where ..., Alpha City
        # or Beta City?" offers places
        self.where_words = frozenset(
            fold(str(words[0]))
            for lang in self.languages
            if (words := (lang.table.get("kinds") or {}).get("where"))
        )
        # A seat of government -> the state it may stand for ("Alpha City objected")
        self.seats = {e.id: e.seat_of for e in self.facts.entities.values() if e.seat_of}
        self.relation_words = self._folded_words("relation_words")  # "connected to", "linked with"
        self.knowing_words = self._folded_words("knowing_words")  # "does anyone know when ...?"
        # Words that pick one of a series ("the second extension", "its last extension"): the starts
        # of ordinals with their numbers, and the words for the last.
        self.ordinal_starts = PrefixIndex(
            (fold(str(w)), number)
            for lang in self.languages
            for number, w in enumerate(lang.table.get("ordinals") or [], start=1)
        )
        self.occasion_words = self._folded_words("occasion_words")  # "the second time"
        self.conditional_words = self._folded_words("conditional_words")  # "would": what would have been
        self.conditional_openers = self._folded_words("conditional_openers")  # "had it lasted, ..."
        self.remaining_words = self._folded_words("remaining_words")  # "how much was left of it then?"
        self.period_end_words = self._folded_words("period_end_words")  # "until the end of 1850"
        self.lasting_after = self._folded_words("lasting_after")  # "remain in force" says it lasted
        self.anniversary_words = self._folded_words("anniversary_words")  # "its 10th anniversary"
        self.count_nouns = self._folded_words("count_nouns")  # "number", "tally": asks for a number
        self.later_life_phrases = self._folded_words("later_life_phrases")  # "what happened to Jones"
        self.indefinite_articles = self._folded_words("indefinite_articles")  # "a number of": several
        self.last_words = FormIndex(
            (word_form(str(w)), "") for lang in self.languages for w in lang.table.get("last_words") or []
        )
        # ... but no unit of time is a series: "how long did it last in years?"
        self.span_unit_words = frozenset(
            w for lang in self.languages for words in lang.span_units.values() for w in words
        )
        # Hedges that close a question ("or am i ..."), by their first word.
        self.hedges = self._phrases_by_first_word("hedges")
        # "in exchange for ...", by their first word: what follows is the other side of a deal.
        self.exchange_phrases = self._phrases_by_first_word("exchange_phrases")
        # "besides Alpha City", "not Beta City", by their last word: the name after one is set aside,
        # or ruled out
        self.exclusion_phrases = self._phrases_by_last_word("exclusion_words")
        self.contrast_phrases = self._phrases_by_last_word("contrast_words")
        # "the contracting parties", "обе стороны": the topic's parties, named by what they are
        self.parties_phrases = self._phrases_by_first_word("parties_phrases")
        # Words that take a stance on something ("welcomed", "objected"): one the file does not use
        # still asks about the stances the file tells of ("did Gamma welcome it?" of "Gamma objected").
        # "How did Gamma feel about it?" asks for a stance too, without taking one.
        self.stance_words = (
            self._folded_words("approval_words")
            | self._folded_words("disapproval_words")
            | self._folded_words("stance_questions")
        )
        self.request_openers = self._folded_words("request_openers")  # "could you ...?"
        # "on what exact date": asks for a day
        self.day_phrases = tuple(f" {p} " for p in sorted(self._folded_words("day_phrases")))
        # "how many years old was ...?", "kiek metų buvo ...?": asks a person's age, as age_words do
        self.age_phrases = tuple(f" {p} " for p in sorted(self._folded_words("age_phrases")))
        self.weekday_phrases = tuple(
            dict.fromkeys(
                fold(str(w)) for lang in self.languages for w in lang.table.get("weekday_words") or []
            )
        )
        # Each list as one pattern, searched in a padded text in one pass rather than phrase by phrase.
        self._day_finder = _finder(self.day_phrases)
        self._age_finder = _finder(self.age_phrases)
        self.weekday_finder = _finder(f" {p} " for p in self.weekday_phrases)

    def stating_year(self, year: int) -> frozenset[int]:
        """The candidates (facts not computed from dates, and cards) whose text states `year`, read
        from the texts on the first year asked."""
        if self._stating_years is None:
            self._read_stated_years()
        assert self._stating_years is not None
        return self._stating_years.get(year, frozenset())

    def years_stated(self, candidate: Candidate) -> frozenset[int]:
        """The years the candidate's text states (none for a fact computed from dates)."""
        if self._stating_years is None:
            self._read_stated_years()
        return self._years_stated.get(candidate.key, frozenset())

    def _read_stated_years(self) -> None:
        by_year: dict[int, set[int]] = defaultdict(set)
        for position, candidate in enumerate(self.candidates):
            fact, entity = candidate.fact, candidate.entity
            if fact is not None and fact.compute:
                continue
            texts = fact.answer if fact is not None else entity.description if entity is not None else {}
            years = frozenset(int(found) for text in texts.values() for found in YEARS.findall(text))
            if years:
                self._years_stated[candidate.key] = years
            for year in years:
                by_year[year].add(position)
        self._stating_years = {y: frozenset(c) for y, c in by_year.items()}

    def _build_dated_years(self) -> frozenset[int]:
        """The years in which something of the file happened: its events' and the topic's dates."""
        topic = self.facts.topic
        years = {event.date.year for event in self.facts.events}
        years |= {day.year for day in (topic.signed, topic.in_force_from, topic.in_force_until) if day}
        return frozenset(years)

    def _build_known_years(self) -> frozenset[int]:
        """Every year the file touches: its dates, the years its texts name, and the years it was in force."""
        topic = self.facts.topic
        years = set(self.dated_years)
        if topic.in_force_from is not None:
            end = topic.in_force_until.year if topic.in_force_until else topic.in_force_from.year
            years |= set(range(topic.in_force_from.year, end + 1))
        years |= {int(y) for text in self.shown_texts() for y in YEARS.findall(text)}
        return frozenset(years)

    def shown_texts(self) -> Iterator[str]:
        """Every text an answer or card may show, in every language: the topic's summary, each fact's
        answer and title, each entity's description and name, each event's line."""
        facts = self.facts
        yield from all_texts(facts.topic.summary)
        for fact in facts.facts.values():
            yield from all_texts(fact.answer, fact.title)
        for entity in facts.entities.values():
            yield from all_texts(entity.description, entity.name)
        for event in facts.events:
            yield from all_texts(event.text)


_FIRST_LETTER = operator.itemgetter(slice(0, 1))


def _finder(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of `phrases` (as written, spaces and all); one that finds nothing when
    there are none."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=lambda p: (-len(p), p))
    return re.compile("|".join(alternatives) if alternatives else r"(?!)")


def initials(text: str) -> tuple[str, ...]:
    """The first letter of each word of `text` (mapped in C: every window of a question with an
    unknown word is tested)."""
    return tuple(map(_FIRST_LETTER, text.split()))


def sorted_words(text: str) -> str:
    """`text`'s words in sorted order: `fuzz.ratio` of two such strings is their `token_sort_ratio`."""
    return " ".join(sorted(text.split()))


def all_texts(*fields: Mapping[str, str] | Mapping[str, tuple[str, ...]]) -> Iterable[str]:
    """Every text of multilingual fields, in every language."""
    for values in fields:
        for value in values.values():
            if isinstance(value, str):
                yield value
            else:
                yield from value
