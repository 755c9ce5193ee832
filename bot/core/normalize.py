"""Text normalisation shared by the index and the questions, so both sides compare alike.

`fold` casefolds, strips diacritics (Sleževičius = Slezevicius, Żeligowski = Zeligowski), turns
punctuation, zero-width and control characters into spaces and collapses white space. Letters of
every script survive, so Cyrillic text is folded, not dropped.
"""

from __future__ import annotations

import re
import unicodedata

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


def _keep(char: str) -> str:
    category = unicodedata.category(char)
    if category[0] in "LN":
        return char
    if category == "Mn":  # combining marks: the diacritics being folded away
        return ""
    return " "  # punctuation, symbols, separators, zero-width (Cf) and control (Cc) characters


def fold(text: str) -> str:
    """The comparison form of `text`: lower case, no diacritics or punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    kept = "".join(_keep(c) for c in decomposed).casefold()
    return _SPACE_RUN.sub(" ", kept).strip()


def visible(text: str) -> str:
    """`text` with control and zero-width characters removed and white space collapsed (for display)."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return _SPACE_RUN.sub(" ", cleaned).strip()
