"""Stage 5, suggestions: autocomplete of half-typed questions from the fact file's own phrasings.

Owns the pool of suggestable questions (the first few phrasings of each fact, in each language) and
matching a partial question against it: prefix matches first (binary search over the sorted keys),
then fuzzy ones, the asker's language before the others.
"""

from __future__ import annotations

import bisect

from rapidfuzz import fuzz, process, utils

from bot.core.factfile import FactBase
from bot.core.normalize import visible
from bot.core.tuning import (
    MAX_QUESTION_CHARS,
    SUGGEST_CUTOFF,
    SUGGEST_MAX,
    SUGGEST_OVERFETCH,
    SUGGEST_PHRASINGS_PER_FACT,
    SUGGEST_WRATIO_MAX_KEYS,
)


class Suggester:
    """Suggests answerable questions from one `FactBase`."""

    def __init__(self, facts: FactBase) -> None:
        pool: dict[str, tuple[str, str]] = {}  # processed key -> (phrasing, language)
        for fact in facts.facts.values():
            for lang_code, values in fact.phrasings.items():
                for phrasing in values[:SUGGEST_PHRASINGS_PER_FACT]:
                    pool.setdefault(utils.default_process(phrasing), (phrasing, lang_code))
        self._keys = list(pool)
        self._values = [pool[key] for key in self._keys]
        self._position = {key: i for i, key in enumerate(self._keys)}
        self._sorted_keys = sorted(self._keys)

    def suggest(self, partial: str, limit: int, lang: str) -> list[str]:
        """Up to `limit` questions that fit `partial`, those in `lang` first."""
        limit = max(0, min(limit, SUGGEST_MAX))
        wanted = utils.default_process(visible(partial)[:MAX_QUESTION_CHARS])
        if not wanted:
            ranked_keys = list(range(len(self._keys)))
        else:
            prefix = []
            start = bisect.bisect_left(self._sorted_keys, wanted)
            for key in self._sorted_keys[start : start + limit * SUGGEST_OVERFETCH]:
                if not key.startswith(wanted):
                    break
                prefix.append(self._position[key])
            fuzzy: list[tuple[str, float, int]] = []
            if len(prefix) < limit:
                # WRatio reads half-typed questions best but costs more a key: see SUGGEST_WRATIO_MAX_KEYS.
                scorer = fuzz.WRatio if len(self._keys) <= SUGGEST_WRATIO_MAX_KEYS else fuzz.QRatio
                fuzzy = process.extract(
                    wanted,
                    self._keys,
                    scorer=scorer,
                    processor=None,
                    limit=limit * SUGGEST_OVERFETCH,
                    score_cutoff=SUGGEST_CUTOFF,
                )
            seen = set(prefix)
            ranked_keys = prefix + [i for _, _, i in fuzzy if i not in seen]
        preferred = [i for i in ranked_keys if self._values[i][1] == lang]
        others = [i for i in ranked_keys if self._values[i][1] != lang]
        chosen = [self._values[i][0] for i in preferred + others]
        return list(dict.fromkeys(chosen))[:limit]
