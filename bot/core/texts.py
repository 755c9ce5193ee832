"""Fixed texts (declined, cooldown, errors, help headings) in every language the bot speaks.

They live in `bot/core/lang/<code>.yaml`; English is the fallback for a missing key or language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).resolve().parent / "lang"
DEFAULT_LANG = "en"


@cache
def language_table(code: str) -> dict[str, Any]:
    """The parsed table for a language code, or {} if the bot has none for it."""
    path = LANG_DIR / f"{code}.yaml"
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    return data if isinstance(data, dict) else {}


def known_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml")))


class Texts:
    """Looks up a fixed text by key and language, falling back to English."""

    def get(self, key: str, lang: str | None = None, **values: object) -> str:
        for code in (lang or DEFAULT_LANG, DEFAULT_LANG):
            texts = language_table(code).get("texts", {})
            if key in texts:
                return str(texts[key]).format(**values)
        raise KeyError(f"no text {key!r} in any language table")
