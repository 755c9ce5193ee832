"""Build the compact word-frequency tables the matcher reads: `bot/core/lang/<code>.freq.gz`.

Why a table of our own rather than depending on `wordfreq` at run time: wordfreq installs ~60 MB for
dozens of languages and pulls in `regex`, `msgpack`, `langcodes` and `ftfy`, while the bot needs one
number per common word in three languages. This script keeps, for each language, every word whose
Zipf frequency is at least MIN_ZIPF, folded the way the matcher folds (lower case, no diacritics),
with its Zipf value times ten, one `word<TAB>zipf10` line each, gzipped (a few hundred KB in all).
Rebuild after changing MIN_ZIPF or adding a language:

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq pyyaml rapidfuzz
    /tmp/wf/bin/python scripts/build_word_frequencies.py

The data is wordfreq's (Robyn Speer, CC BY-SA 4.0; https://github.com/rspeer/wordfreq), which
combines Wikipedia, subtitles, news, books, web text, Twitter and Reddit: the register of both
questions and chat.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.normalize import fold  # noqa: E402

LANGUAGES = ("en", "lt", "ru")
MIN_ZIPF = 3.0  # rarer words than this (one in a million) are "rare" to the matcher anyway
OUT_DIR = ROOT / "bot" / "core" / "lang"


def build(code: str) -> dict[str, int]:
    import wordfreq

    table: dict[str, int] = {}
    for word in wordfreq.iter_wordlist(code, wordlist="best"):
        zipf = wordfreq.zipf_frequency(word, code, wordlist="best")
        if zipf < MIN_ZIPF:
            break  # the list is ordered most frequent first
        for token in fold(word).split():
            if not token.isdigit():
                table[token] = max(table.get(token, 0), round(zipf * 10))
    return table


def main() -> None:
    for code in LANGUAGES:
        table = build(code)
        lines = "".join(f"{w}\t{z}\n" for w, z in sorted(table.items(), key=lambda item: (-item[1], item[0])))
        target = OUT_DIR / f"{code}.freq.gz"
        # mtime=0: the same data gives the same bytes, so the engine cache key and git stay stable.
        with gzip.GzipFile(target, "wb", mtime=0) as out:
            out.write(lines.encode("utf-8"))
        print(f"{target.relative_to(ROOT)}: {len(table)} words, {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
