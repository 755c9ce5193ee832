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


def heavy(fact_file: str, entities: int = 1_200) -> str:
    """`fact_file` with `entities` more people, each with a name, three aliases and a description of
    distinct words: a valid file near the size limit that takes the engine seconds to index."""
    if "\nentities:\n" not in fact_file:
        raise ValueError("no block-style entities list to grow")
    people = []
    for n in range(entities):
        words = " ".join(f"w{n}x{k}" for k in range(18))
        name = f'"Extra Person{n}"'
        people.append(
            f"  - {{id: extra-{n}, kind: person, name: {{en: {name}, lt: {name}, ru: {name}}}, "
            f'aliases: {{en: ["Person{n} One", "Person{n} Two", "Person{n} Three"]}}, '
            f'description: {{en: "{words}", lt: "{words}", ru: "{words}"}}}}\n'
        )
    return fact_file.replace("\nentities:\n", "\nentities:\n" + "".join(people), 1)
