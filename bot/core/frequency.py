"""How common a word is in a language, from the compact tables in `bot/core/lang/<code>.freq.gz`.

The matcher uses this to tell two kinds of words the fact file does not know apart: words that are
merely common in the language ("homework", "wait", "teacher"), which say nothing about the subject
and should not sink an answer, and rare words (a name, a treaty, a term of art), which are evidence
that the question is about something the file does not cover. The tables hold wordfreq's Zipf
values (log10 of occurrences per billion words) for every word at or above Zipf 3; they are built
by `scripts/build_word_frequencies.py`.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent / "lang"


class WordFrequency:
    """Zipf frequencies of folded words, per language; 0 for a word the tables do not list.

    A language's table is read the first time a word of it is looked up: a process that answers
    only questions made of the file's own words never pays for it (the tables take about a tenth of
    a second to read)."""

    def __init__(
        self, tables: Mapping[str, Mapping[str, int]] | None = None, codes: Iterable[str] = ()
    ) -> None:
        self._tables: dict[str, Mapping[str, int]] = dict(tables or {})
        self._codes = frozenset(codes) | frozenset(self._tables)
        self._families: dict[str, Mapping[str, float]] = {}
        self._heads: dict[tuple[str, int], frozenset[str]] = {}

    @classmethod
    def load(cls, codes: Iterable[str]) -> WordFrequency:
        return cls(codes=codes)

    def zipf(self, word: str, codes: Iterable[str]) -> float:
        """The highest Zipf frequency of the folded `word` among the languages `codes`."""
        return max((self._table(code).get(word, 0) for code in codes), default=0) / 10

    def common_words(self, code: str, floor: float) -> frozenset[str]:
        """The words of language `code` at or above Zipf `floor`. The tables list the most common words
        first, so only their head is read (a few hundred lines): a question made of the file's own words
        checks them without reading a whole table."""
        key = (code, round(floor * 10))
        found = self._heads.get(key)
        if found is None:
            table = self._tables.get(code)
            if table is not None:
                found = frozenset(w for w, z in table.items() if z >= key[1])
            else:
                found = _head(code, key[1]) if code in self._codes else frozenset()
            self._heads[key] = found
        return found

    def family_zipf(self, word: str, code: str, stem: Callable[[str], str]) -> float:
        """The Zipf frequency of the word's family in language `code`: every form the table lists with
        the same stem, their frequencies added up. In Lithuanian and Russian a common verb has dozens
        of forms, each rare on its own ("ссылалась" is not in the table, "ссылаться" is): the family
        says how common the word is. `stem` is the language's stemmer."""
        return self._family_table(code, stem).get(stem(word), 0.0)

    def read_all(self, stemmers: Mapping[str, Callable[[str], str]] | None = None) -> None:
        """Read every table now (a long-running bot, before its first question), not on first use; with
        `stemmers` (by language code), group the words into families too."""
        for code in self._codes:
            self._table(code)
            if stemmers and code in stemmers:
                self._family_table(code, stemmers[code])

    def _family_table(self, code: str, stem: Callable[[str], str]) -> Mapping[str, float]:
        families = self._families.get(code)
        if families is None:
            families = self._families[code] = _families(self._table(code), stem)
        return families

    def _table(self, code: str) -> Mapping[str, int]:
        table = self._tables.get(code)
        if table is None:
            table = self._tables[code] = _read(code) if code in self._codes else {}
        return table


def _read(code: str) -> dict[str, int]:
    path = LANG_DIR / f"{code}.freq.gz"
    table: dict[str, int] = {}
    if path.is_file():
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
            word, _, zipf10 = line.partition("\t")
            table[word] = int(zipf10)
    return table


def _head(code: str, zipf10: int) -> frozenset[str]:
    """The words of a table at or above `zipf10`, read from its start, most common first."""
    path = LANG_DIR / f"{code}.freq.gz"
    words = set()
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                word, _, value = line.rstrip("\n").partition("\t")
                if int(value) < zipf10:
                    break
                words.add(word)
    return frozenset(words)


def _families(table: Mapping[str, int], stem: Callable[[str], str]) -> dict[str, float]:
    """Zipf frequency of each stem: the frequencies of the words that share it, added up."""
    per_billion: dict[str, float] = {}
    for word, zipf10 in table.items():
        key = stem(word)
        per_billion[key] = per_billion.get(key, 0.0) + 10 ** (zipf10 / 10)
    return {key: math.log10(total) for key, total in per_billion.items()}
