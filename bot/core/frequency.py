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
from collections.abc import Iterable, Mapping
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent / "lang"


class WordFrequency:
    """Zipf frequencies of folded words, per language; 0 for a word the tables do not list."""

    def __init__(self, tables: Mapping[str, Mapping[str, int]]) -> None:
        self._tables = tables

    @classmethod
    def load(cls, codes: Iterable[str]) -> WordFrequency:
        tables: dict[str, dict[str, int]] = {}
        for code in codes:
            path = LANG_DIR / f"{code}.freq.gz"
            table: dict[str, int] = {}
            if path.is_file():
                for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
                    word, _, zipf10 = line.partition("\t")
                    table[word] = int(zipf10)
            tables[code] = table
        return cls(tables)

    def zipf(self, word: str, codes: Iterable[str]) -> float:
        """The highest Zipf frequency of the folded `word` among the languages `codes`."""
        return max((self._tables.get(code, {}).get(word, 0) for code in codes), default=0) / 10
