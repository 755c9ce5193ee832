"""Text normalisation shared by the index and the questions, so both sides compare alike.

`fold` casefolds, strips diacritics (Dvořák = Dvorak, Łódź = Lodz, Šiauliai = Siauliai), turns
punctuation, zero-width and control characters into spaces and collapses white space. Letters of
every script survive, so Cyrillic text is folded, not dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ё": "е",
        "Ё": "е",
        "й": "и",
        "Й": "и",
    }
)
_SPACE_RUN = re.compile(r"\s+")


# Combining marks (the diacritics being folded away) in the blocks where Latin and Cyrillic keep them.
_COMBINING = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Anything but letters and digits: punctuation, symbols, zero-width (Cf) and control (Cc) characters.
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The comparison form of `text`: lower case, no diacritics or punctuation, single spaces."""
    # Words and names repeat endlessly and are cached by the ten thousand. A whole question or answer
    # is folded several times while one question is read, and then rarely again: a few hundred of
    # them are kept, so that a stream of distinct questions cannot fill memory.
    if len(text) <= FOLD_CACHE_MAX_CHARS:
        return _fold_short(text)
    return _fold_long(text) if len(text) <= FOLD_LONG_CACHE_MAX_CHARS else _fold(text)


FOLD_CACHE_MAX_CHARS = 64
FOLD_LONG_CACHE_MAX_CHARS = 2_000


@lru_cache(maxsize=65_536)
def _fold_short(text: str) -> str:
    return _fold(text)


@lru_cache(maxsize=256)
def _fold_long(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return _NOT_WORD.sub(" ", _COMBINING.sub("", decomposed).casefold()).strip()


def visible(text: str) -> str:
    """`text` with control and zero-width characters removed and white space collapsed (for display)."""
    # A printable text has none of them (nor any separator but the space): the usual case, and a
    # check in C rather than a category lookup per character.
    cleaned = (
        text
        if text.isprintable()
        else "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    )
    return _SPACE_RUN.sub(" ", cleaned).strip()


# Russian Cyrillic to Latin, applied after `fold` (so "й" and "ё" arrive as "и" and "е").
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "і": "i",
        "ї": "i",
        "є": "e",
        "ў": "u",
    }
)
# Spellings that differ between transliteration schemes and languages, reduced to one form, so that
# "Shostakovich", "Šostakovičius" (folded: "sostakovicius") and "Шостакович" share a key.
_SOUND_RULES = (
    ("shch", "s"),
    ("sch", "s"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("sz", "s"),
    ("w", "v"),
    ("x", "ks"),
    ("ph", "f"),
    ("th", "t"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("j", "i"),
    ("y", "i"),
    ("ii", "i"),
)
_REPEATED_LETTER = re.compile(r"(.)\1+")  # "Shostakkovich": a doubled letter is one sound
# Case endings of Baltic and Slavic names (-as/-is/-us, genitive -a/-o/-u ...), cut from long words.
_NAME_ENDINGS = (
    "ovoi",
    "omu",
    "ami",
    "oje",
    "uose",
    "iui",
    "as",
    "is",
    "us",
    "ys",
    "os",
    "ai",
    "om",
    "oi",
    "a",
    "e",
    "o",
    "u",
    "i",
)


def to_latin(folded: str) -> str:
    """Folded Cyrillic written in Latin letters (other scripts pass through)."""
    return folded.translate(_CYRILLIC_TO_LATIN)


@lru_cache(maxsize=65_536)  # a name's words come back in every window of words that holds them
def sound_key(word: str) -> str:
    """A spelling-neutral key for one folded word: one name in Latin, Baltic or Cyrillic spelling."""
    key = to_latin(word)
    for written, heard in _SOUND_RULES:
        key = key.replace(written, heard)
    key = _REPEATED_LETTER.sub(r"\1", key)
    for _ in range(2):  # an inflected form may carry two endings: "Šiauliuose" -> "siaul"
        ending = next((e for e in _NAME_ENDINGS if key.endswith(e) and len(key) - len(e) >= 4), None)
        if ending is None:
            break
        key = key[: -len(ending)]
    return key
