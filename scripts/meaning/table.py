"""The meaning signal: how close a question is in meaning to each text of the fact file.

It reads the static vector table that `scripts/meaning/distill.py` builds (for evaluation only: the bot
does not ship it; docs/meaning-signal.md says why) and has three operations on it: `embed` a text,
build the `matrix` of a fact file's candidate texts once, and `rank` candidates by cosine.

A text's vector is the weighted mean of the vectors of its items (whole folded words, or WordPiece
subwords for an English-only table); the weights were baked into the table at build time, so common
words count for little. Words the table does not know are skipped, so a question made only of names
the table never saw has a zero vector and ranks nothing: the lexical evidence must speak for it.

Only numpy is needed. `Meaning.load()` returns None when the table is absent, so the engine can run
without it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.core.normalize import fold

DEFAULT_PATH = Path("/tmp/meaning.npz")  # where scripts/meaning/distill.py writes it by default

# An inflected word the table lacks is looked up by ever shorter prefixes, down to this many letters
# ("sutarties" finds "sutarti", "ратифицировал" finds "ратифицирова"). Shorter prefixes mostly find
# unrelated words.
MIN_PREFIX = 5

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

_WORDPIECE_SPLIT = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, eq=False)
class Meaning:
    """A static vector table: one int8 row and one scale for each item of `vocab`."""

    kind: str  # "words" (folded whole words) or "wordpiece" (BERT-style uncased subwords)
    vocab: dict[str, int]
    rows: npt.NDArray[np.int8]
    scales: npt.NDArray[np.float32]
    lookups: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path | str | None = None) -> Meaning | None:
        """The table at `path` (the shipped one by default), or None when there is none."""
        path = Path(path) if path is not None else DEFAULT_PATH
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as data:
            kind = str(data["kind"])
            words = data["vocab"].tobytes().decode("utf-8").split("\n")
            rows = np.ascontiguousarray(data["rows"], dtype=np.int8)
            scales = data["scales"].astype(np.float32)
        if kind not in ("words", "wordpiece") or rows.shape[0] != len(words) or scales.shape != (len(words),):
            raise ValueError(f"{path}: not a meaning table")
        return cls(kind, {word: i for i, word in enumerate(words)}, rows, scales)

    @property
    def dim(self) -> int:
        return int(self.rows.shape[1])

    def items(self, text: str) -> tuple[int, ...]:
        """The table rows that make up `text`."""
        if self.kind == "wordpiece":
            return tuple(i for word in _basic_tokens(text) for i in self._wordpiece(word))
        found: list[int] = []
        for word in fold(text).split():
            found.extend(self._word(word))
        return tuple(found)

    def embed(self, text: str) -> Vector:
        """The unit vector of `text`; all zeros when no word of it is in the table."""
        ids = self.items(text)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        index = np.fromiter(ids, dtype=np.intp, count=len(ids))
        vector: Vector = self.scales[index] @ self.rows[index].astype(np.float32)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def matrix(self, texts: Sequence[str]) -> Matrix:
        """The candidates' unit vectors, one row per text: build it once per fact file."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.embed(text)
        return out

    def rank(self, question: str | Vector, candidates: Matrix, top: int = 10) -> list[tuple[int, float]]:
        """The `top` candidates closest to `question`, as (row, cosine), best first."""
        vector = self.embed(question) if isinstance(question, str) else question
        if not candidates.shape[0] or not vector.any():
            return []
        scores = candidates @ vector
        top = min(top, scores.shape[0])
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in best]

    def _word(self, word: str) -> tuple[int, ...]:
        found = self.lookups.get(word)
        if found is not None:
            return found
        index = self.vocab.get(word)
        if index is None and not word.isdigit():
            for end in range(len(word) - 1, MIN_PREFIX - 1, -1):
                index = self.vocab.get(word[:end])
                if index is not None:
                    break
        found = () if index is None else (index,)
        if len(self.lookups) < 100_000:
            self.lookups[word] = found
        return found

    def _wordpiece(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first WordPiece, as BERT's tokenizer; an unknown word yields nothing."""
        found = self.lookups.get(word)
        if found is not None:
            return found
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    pieces.append(self.vocab[piece])
                    break
                end -= 1
            if end == start:  # no piece fits: BERT maps the whole word to [UNK]
                pieces = []
                break
            start = end
        found = tuple(pieces)
        if len(self.lookups) < 100_000:
            self.lookups[word] = found
        return found


def _basic_tokens(text: str) -> list[str]:
    """BERT's uncased pre-tokenisation: lower case, accents stripped, punctuation split off."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _WORDPIECE_SPLIT.findall(plain)
