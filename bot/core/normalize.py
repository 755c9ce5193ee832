"""Text normalisation shared by the index and the questions, so both sides compare alike.

`fold` casefolds, strips diacritics (Sleževičius = Slezevicius, Żeligowski = Zeligowski), turns
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


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """The comparison form of `text`: lower case, no diacritics or punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return _NOT_WORD.sub(" ", _COMBINING.sub("", decomposed).casefold()).strip()


def visible(text: str) -> str:
    """`text` with control and zero-width characters removed and white space collapsed (for display)."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return _SPACE_RUN.sub(" ", cleaned).strip()
