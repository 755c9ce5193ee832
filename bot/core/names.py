"""Finding the entities a question names, part of reading it (`bot.core.reading`).

Owns name matching against the index's aliases: exact, misspelt (rapidfuzz, word by word), or
spelt in another script or case (spelling-neutral sound keys), longest names first.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.core.index import DIGITS, Index, initials
from bot.core.normalize import sound_key
from bot.core.tuning import (
    NAME_FUZZY_MIN_CHARS,
    NAME_LONG_CUTOFF,
    NAME_SHORT_CHARS,
    NAME_SHORT_CUTOFF,
    NAME_SOUND_CUTOFF,
    NAME_START_CACHE_SIZE,
    NAME_WORD_CUTOFF,
    NAME_WORD_MIN_LETTERS,
)


def find_entities(
    index: Index, tokens: list[str], fuzzy: frozenset[str] | None = None
) -> tuple[list[tuple[int, int, str]], set[int]]:
    """(start, end, entity id) spans for the names in `tokens`, longest names first, and the
    positions of the tokens inside them. Words the file does not know are matched only exactly
    unless they are in `fuzzy` (all of them when it is None)."""
    stopwords, surface_words, known_words = index.stopwords, index.surface_words, index.known_words
    first_words = index.alias_first_words
    count = len(tokens)
    known = [t in surface_words or t in known_words for t in tokens]
    # Running counts, so that each window's tests are look-ups: of the first n words, how many are
    # unknown to the file, how many of those are matched only exactly (past the budget of fuzzy
    # matching), how many are no stop word.
    exact = [not k and fuzzy is not None and t not in fuzzy for t, k in zip(tokens, known, strict=True)]
    unknown, exact_only, telling = [0], [0], [0]
    for token, k, only in zip(tokens, known, exact, strict=True):
        unknown.append(unknown[-1] + (not k))
        exact_only.append(exact_only[-1] + only)
        telling.append(telling[-1] + (token not in stopwords))
    # No name starts with a word the file knows that is no name's first word (nor a misspelling of one).
    starts = [i for i, t in enumerate(tokens) if not known[i] or t in first_words]
    # Only one-word names start at a word unlike the first word of any name (a word matched only
    # exactly is not compared fuzzily with them: that is the budget's point).
    longest = min(index.max_alias_words, count)
    long_starts = [
        i
        for i in (starts if longest > 1 else ())
        if tokens[i] in first_words or (not exact[i] and _could_start_name(index, tokens[i]))
    ]
    taken = [False] * count  # inside a name found already
    spans: list[tuple[int, int, str]] = []
    for size in range(longest, 0, -1):
        for start in long_starts if size > 1 else starts:
            end = start + size
            if end > count:
                break
            if True in taken[start:end]:
                continue
            if exact_only[end] != exact_only[start]:
                # past the question's budget of fuzzy matching: exact names only
                entity = index.aliases.get(" ".join(tokens[start:end]))
            elif telling[end] == telling[start]:
                continue  # stop words only
            elif unknown[end] == unknown[start]:
                # words the file knows only: a name exactly, or none (see `_match_name`)
                entity = index.aliases.get(" ".join(tokens[start:end]))
            else:
                entity = match_name(index, tokens[start:end])
            if entity is not None:
                spans.append((start, end, entity))
                taken[start:end] = [True] * size
    return spans, {i for i, inside in enumerate(taken) if inside}


def _could_start_name(index: Index, word: str) -> bool:
    """`word` is, or may be a misspelling or other spelling of, the first word of some name.

    Checked once per word and remembered: without it a question of unknown words (another script,
    a flood of symbols) tries every window of every length, a fuzzy match each. A misspelling keeps
    its first letter, as a window's words must to match a name (see `_words_alike`)."""
    known = index.name_starts.get(word)
    if known is None:
        known = (
            word in index.alias_first_words
            or sound_key(word) in index.alias_first_sounds
            or process.extractOne(
                word,
                index.alias_first_words_by_letter.get(word[:1], ()),
                scorer=fuzz.ratio,
                score_cutoff=NAME_WORD_CUTOFF,
            )
            is not None
        )
        if len(index.name_starts) < NAME_START_CACHE_SIZE:
            index.name_starts[word] = known
    return known


def match_name(index: Index, window: list[str]) -> str | None:
    """The entity a run of words names: exactly, misspelt, or spelt in another script or case.

    Answers are remembered: a run of words seen once is a dictionary look-up the next time."""
    phrase = " ".join(window)
    if phrase in index.window_names:
        return index.window_names[phrase]
    found = _match_name(index, window)
    if len(index.window_names) < NAME_START_CACHE_SIZE:
        index.window_names[phrase] = found
    return found


def _match_name(index: Index, window: list[str]) -> str | None:
    phrase = " ".join(window)
    exact = index.aliases.get(phrase)
    # Only a window with a word the file does not know can be a misspelt name; one made of known
    # words that is not an alias is something else ("population" is not "occupation").
    if (
        exact is not None
        or len(phrase) < NAME_FUZZY_MIN_CHARS
        or DIGITS.match(phrase)
        or all(w in index.surface_words or w in index.known_words for w in window)
    ):
        return exact
    size = len(window)
    # Only a name whose words start as the window's do can be alike word by word (see `_words_alike`):
    # most windows are ordinary words beside an unknown one, and none is.
    if initials(phrase) in index.alias_initials.get(size, ()):
        cutoff = NAME_SHORT_CUTOFF if len(phrase) < NAME_SHORT_CHARS else NAME_LONG_CUTOFF
        best = process.extractOne(
            phrase, index.aliases_by_words.get(size, ()), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if (
            best is not None
            and _words_alike(window, best[0].split())
            and (size > 1 or phrase not in index.vocabulary)
        ):
            return index.aliases[best[0]]
    # "Шостаковича", "Šostakovičius" and "Shostakovich" share a spelling-neutral key.
    key = " ".join(sound_key(w) for w in window)
    sounds = index.sound_aliases.get(size, {})
    if key in sounds:
        return sounds[key]
    if len(key) < NAME_FUZZY_MIN_CHARS or initials(key) not in index.sound_initials.get(size, ()):
        return None
    best = process.extractOne(key, list(sounds), scorer=fuzz.ratio, score_cutoff=NAME_SOUND_CUTOFF)
    if best is not None and _words_alike(key.split(), best[0].split()):
        return sounds[best[0]]
    return None


def _words_alike(typed: list[str], known: list[str]) -> bool:
    """Each typed word is the known word or a plausible typo of it (so "population" is not "occupation")."""
    return len(typed) == len(known) and all(
        a == b or (len(b) > NAME_WORD_MIN_LETTERS and a[:1] == b[:1] and fuzz.ratio(a, b) >= NAME_WORD_CUTOFF)
        for a, b in zip(typed, known, strict=True)
    )
