"""Fact files built to hurt: shared by the loader's unit tests and the tests of running processes."""

from __future__ import annotations


def blob(chars: int) -> str:
    """`chars` characters of distinct words, so that an index has many of them to take in."""
    words, size, n = [], 0, 0
    while size < chars:
        word = f"word{n}"
        words.append(word)
        size += len(word) + 1
        n += 1
    return " ".join(words)[:chars].ljust(chars, "x")


def amplifier(fact_file: str, blob_chars: int = 100_000, repeats: int = 6_000) -> str:
    """`fact_file` with its first fact's English keywords grown by one `blob_chars` text written once,
    as a YAML anchor, and repeated `repeats` times through aliases: the 300 KB file of issue 11 that
    expands to 600 MB of text."""
    anchor = f'&blob "{blob(blob_chars)}"'
    aliases = ", ".join(["*blob"] * (repeats - 1))
    marker = "    keywords:\n      en: ["
    if marker not in fact_file:
        raise ValueError("no English keywords list in flow style to grow")
    return fact_file.replace(marker, f"{marker}{anchor}, {aliases}, ", 1)
