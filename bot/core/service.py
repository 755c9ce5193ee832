"""The one object adapters talk to: the current fact engine, swapped whole on a successful reload.

A failed reload raises `FactFileError` and leaves the last good engine serving.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from pathlib import Path

from bot.core.answer import Answer
from bot.core.cache import build_engine
from bot.core.engine import FactEngine
from bot.core.errors import FactFileError
from bot.core.texts import Texts

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int]:
    """The file's modification time and size; (0, 0) for a file that cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def _settle() -> None:
    """Move everything alive now, the index above all, out of the cyclic collector's sight.

    The index is large and lives as long as the process; left in view, every full collection would
    walk it in the middle of answering someone (a millisecond or more at the 99th percentile).
    """
    gc.collect()
    gc.freeze()


class FactService:
    """Loads a fact file once, answers from it, and reloads it on request."""

    def __init__(self, path: Path, default_lang: str = "en", cache_dir: Path | None = None) -> None:
        """Load `path` (raising `FactFileError` if it is missing or invalid). With `cache_dir`, built
        engines are cached there between runs (see bot.core.cache)."""
        self.path = path
        self.default_lang = default_lang
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._stamp = _stamp(path)
        self._engine = build_engine(path, default_lang, cache_dir)
        self._warm = False  # a long-running bot warms every engine it builds (see warm_up)
        self._suggestions: tuple[FactEngine, dict[str, str]] | None = None
        self.texts = Texts()
        _settle()

    def warm_up(self) -> None:
        """Read now, and after every reload, what the engine would read on its first question."""
        self._warm = True
        self._engine.warm_up()
        _settle()  # what was read lives as long as the engine: out of the collector's sight like it

    @property
    def engine(self) -> FactEngine:
        return self._engine

    def ask(self, question: str, lang: str | None = None, hint: str | None = None) -> Answer:
        """`lang` forces the answer's language; `hint` (a user's locale) applies when the question
        does not show its own."""
        return self._engine.ask(question, lang=lang, hint=hint)

    def answer_fact(self, fact_id: str, lang: str | None = None) -> Answer:
        """The answer for one fact by id (a related-fact button); declined if the id is unknown."""
        return self._engine.answer_fact(fact_id, lang=lang)

    def help(self, lang: str | None = None) -> Answer:
        return self._engine.help(lang=lang)

    def suggest(self, partial: str, limit: int = 25, lang: str | None = None) -> list[str]:
        """Questions the bot can answer that fit a half-typed question (for autocomplete)."""
        return self._engine.suggest(partial, limit=limit, lang=lang)

    def language_of(self, question: str, hint: str | None = None) -> str:
        """The language an answer to `question` would be in: the question's own, else `hint`'s, else the
        default (for a reply that is not the core's, such as a cooldown note)."""
        return self._engine.understand(question, hint=hint).lang

    @staticmethod
    def suggestion_key(question: str) -> str:
        """A short key for a question the core may suggest, stable across restarts (16 hex digits)."""
        return hashlib.blake2b(question.encode(), digest_size=8).hexdigest()

    def suggestion(self, key: str) -> str | None:
        """The question the current facts may suggest ("did you mean") whose `suggestion_key` is `key`;
        None if none has it (the facts changed since the key was given out)."""
        engine = self._engine
        known = self._suggestions
        if known is None or known[0] is not engine:
            questions = engine.suggestable_questions()
            known = self._suggestions = (engine, {self.suggestion_key(q): q for q in questions})
        return known[1].get(key)

    def reload(self) -> None:
        """Load the file again; on error raise `FactFileError` and keep serving the old facts."""
        with self._lock:
            stamp = _stamp(self.path)
            engine = build_engine(self.path, self.default_lang, self.cache_dir)
            if self._warm:
                engine.warm_up()
            self._engine, self._stamp = engine, stamp
            gc.unfreeze()  # let the old index be collected like any other garbage
            _settle()
        log.info("reloaded facts from %s (%d facts)", self.path, len(engine.facts.facts))

    def changed_on_disk(self) -> bool:
        return _stamp(self.path) != self._stamp

    def reload_if_changed(self) -> bool:
        """Reload when the file's mtime or size changed; True if a reload was attempted and worked.

        A broken file raises `FactFileError`; its stamp is remembered so the same broken
        file is reported once, not on every poll.
        """
        if not self.changed_on_disk():
            return False
        try:
            self.reload()
        except FactFileError:
            self._stamp = _stamp(self.path)
            raise
        return True


__all__ = ["FactFileError", "FactService"]
