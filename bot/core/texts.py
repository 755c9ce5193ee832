"""Fixed texts (declined, cooldown, errors, help headings) in every language the bot speaks.

They live in `bot/core/lang/<code>.yaml`; English is the fallback for a missing key or language.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).resolve().parent / "lang"
DEFAULT_LANG = "en"


# Parsed tables by language code, filled on first use (or from a cached engine, see bot.core.cache).
_TABLES: dict[str, dict[str, Any]] = {}


def language_table(code: str) -> dict[str, Any]:
    """The parsed table for a language code, or {} if the bot has none for it.

    Only the languages the bot ships are looked up: a code is never used as a path ("../../x"),
    and an unknown code is not remembered (a stream of made-up locale hints costs no memory)."""
    if code not in known_languages():
        return {}
    table = _TABLES.get(code)
    if table is None:
        path = LANG_DIR / f"{code}.yaml"
        table = {}
        if path.is_file():
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
            table = data if isinstance(data, dict) else {}
        _TABLES[code] = table
    return table


def remember_table(code: str, table: dict[str, Any]) -> None:
    """Use `table` for `code` from now on instead of reading its file."""
    _TABLES.setdefault(code, table)


def pick(text: Mapping[str, str], lang: str) -> str:
    """A fact file's multilingual `text` in `lang`, else in English, else in any language it has."""
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()), "")


@cache
def known_languages() -> tuple[str, ...]:
    """The language codes the bot ships a table for."""
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml")))


class Texts:
    """Looks up a fixed text by key and language, falling back to English."""

    def get(self, key: str, lang: str | None = None, **values: object) -> str:
        for code in (lang or DEFAULT_LANG, DEFAULT_LANG):
            texts = language_table(code).get("texts", {})
            if key in texts:
                return str(texts[key]).format(**values)
        raise KeyError(f"no text {key!r} in any language table")
