"""A cache of built engines on disk, so a short-lived `pactbot ask` skips parsing and indexing.

The key is a hash of the fact file's bytes, the core's own source and language tables, and the
default language: any edit to any of them builds afresh. The cache lives in the user's own cache
directory; anything wrong with it (missing, unwritable, corrupt, from another Python) only means
the engine is built the ordinary way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from bot.core.engine import FactEngine
from bot.core.factfile import parse_fact_file, read_fact_bytes
from bot.core.language import remember

log = logging.getLogger(__name__)
CORE_DIR = Path(__file__).resolve().parent
FORMAT = 1
KEEP = 4  # cached builds kept


def cache_dir_from_env(env: Mapping[str, str]) -> Path | None:
    """PACTBOT_CACHE_DIR, else $XDG_CACHE_HOME/pactbot or ~/.cache/pactbot; 'off' turns caching off."""
    chosen = env.get("PACTBOT_CACHE_DIR", "").strip()
    if chosen.casefold() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path(env.get("HOME", "~")).expanduser() / ".cache")
    return Path(base) / "pactbot"


@cache
def _code_fingerprint() -> bytes:
    digest = hashlib.sha256(f"{FORMAT}:{sys.version_info[:2]}".encode())
    for path in sorted([*CORE_DIR.glob("*.py"), *CORE_DIR.glob("lang/*.yaml"), *CORE_DIR.glob("lang/*.gz")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


def build_engine(path: Path, default_lang: str, cache_dir: Path | None = None) -> FactEngine:
    """The engine for the fact file at `path`, from the cache when it holds this exact build."""
    data = read_fact_bytes(path)
    if cache_dir is None:
        return _build(data, path, default_lang)
    key = hashlib.sha256(_code_fingerprint() + default_lang.encode() + str(path).encode() + data).hexdigest()
    cached = cache_dir / f"engine-{key[:32]}.pickle"
    try:
        with cached.open("rb") as stream:
            engine = pickle.load(stream)  # our own file in the user's own cache directory
        if isinstance(engine, FactEngine):
            remember(engine.languages)
            return engine
    except FileNotFoundError:
        pass
    except Exception:  # a stale or broken cache entry is never worse than no cache
        log.debug("ignoring the unreadable engine cache %s", cached, exc_info=True)
    engine = _build(data, path, default_lang)
    _store(engine, cache_dir, cached)
    return engine


def _build(data: bytes, path: Path, default_lang: str) -> FactEngine:
    return FactEngine(parse_fact_file(data, path), default_lang)


def _store(engine: FactEngine, cache_dir: Path, target: Path) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".engine-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(engine, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        # Every edit of the fact file makes a new entry: keep only the newest few.
        entries = sorted(cache_dir.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("not caching the engine in %s: %s", cache_dir, exc)
