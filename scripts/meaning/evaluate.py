"""Measure the meaning signal and the word normalisers on question sets, per language.

    python scripts/eval_meaning.py [--table PATH] [--facts facts/pact.yaml] [--sets DIR]

Needs numpy and pyyaml (the bot's venv with numpy is enough); `simplemma` too for the lemmatiser rows.

For each answerable question the right owners (facts and entities) are those whose answer or
description, in any language, contains every expected keyword group of the case (groups that are only
yes/no words are ignored: no fact says "yes"). Questions that no owner satisfies are counted but not
ranked. Reported:

* meaning alone: right owner 1st / in the top 3, the owner's score being its best candidate's cosine;
* lexical alone (IDF-weighted word overlap) with four normalisers: folding only, the bot's suffix
  stemming (`Language.stem`), simplemma lemmas, lemma then stem; and the share of a question's content
  words that occur in the fact file under each;
* lexical + meaning, to show what the combination gains;
* the best meaning cosine of answerable questions against that of negatives (out_of_scope,
  hard_negative): what a threshold would accept of each.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.core.factfile import FactBase, load_fact_file  # noqa: E402
from bot.core.language import language  # noqa: E402
from bot.core.normalize import fold  # noqa: E402
from scripts.meaning.table import Meaning  # noqa: E402

NEGATIVE = {"out_of_scope", "hard_negative"}
YES_NO = {"yes", "no", "taip", "ne", "да", "нет"}


@dataclass(frozen=True)
class Candidate:
    owner: str
    lang: str
    text: str


@dataclass(frozen=True)
class Case:
    set: str
    cat: str
    lang: str
    q: str
    right: frozenset[str]  # empty: answerable but unlabelled, or a negative
    negative: bool


def candidates(base: FactBase, with_answers: bool) -> list[Candidate]:
    out: list[Candidate] = []
    for fact in base.facts.values():
        owner = f"fact:{fact.id}"
        for lang, title in fact.title.items():
            out.append(Candidate(owner, lang, title))
        for lang, phrasings in fact.phrasings.items():
            out.extend(Candidate(owner, lang, p) for p in phrasings)
        for lang, keywords in fact.keywords.items():
            out.append(Candidate(owner, lang, " ".join(keywords)))
        if with_answers:
            out.extend(Candidate(owner, lang, a) for lang, a in fact.answer.items())
    for entity in base.entities.values():
        owner = f"entity:{entity.id}"
        for lang, name in entity.name.items():
            out.append(Candidate(owner, lang, name))
        for lang, description in entity.description.items():
            out.append(Candidate(owner, lang, description))
    return out


def owner_texts(base: FactBase) -> dict[str, str]:
    texts = {f"fact:{f.id}": " ".join(f.answer.values()) for f in base.facts.values()}
    for e in base.entities.values():
        texts[f"entity:{e.id}"] = " ".join([*e.name.values(), *e.description.values()])
    return texts


def contains(text: str, keyword: str) -> bool:
    folded = fold(keyword)
    return keyword.casefold() in text.casefold() or (bool(folded) and f" {folded}" in f" {fold(text)}")


def case_language(cat: str, q: str) -> str:
    if cat == "russian" or any("а" <= c <= "я" for c in q.lower()):
        return "ru"
    if cat == "lithuanian":
        return "lt"
    return "lt" if any(c in "ąčęėįšųūž" for c in q.lower()) else "en"


def load_cases(sets: Path, base: FactBase) -> list[Case]:
    texts = owner_texts(base)
    cases: list[Case] = []
    for path in sorted(sets.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            cat, q = raw["cat"], raw["q"]
            lang = case_language(cat, q)
            if path.stem == "ltru" and cat in NEGATIVE:
                lang = "ru" if lang == "ru" else "lt"
            groups = [g for g in raw.get("expect") or [] if not {fold(str(a)) for a in g} <= YES_NO]
            right: frozenset[str] = frozenset()
            if groups and cat not in NEGATIVE:
                right = frozenset(
                    owner
                    for owner, text in texts.items()
                    if all(any(contains(text, str(a)) for a in g) for g in groups)
                )
            cases.append(Case(path.stem, cat, lang, q, right, cat in NEGATIVE or bool(raw.get("abstain"))))
    return cases


# ---------------------------------------------------------------- lexical normalisers


def normaliser(kind: str) -> Callable[[str, str], list[str]]:
    lemmatize: Callable[[str, str], str] | None = None
    if "lemma" in kind:
        import simplemma

        def lemmatize(word: str, lang: str) -> str:
            return str(simplemma.lemmatize(word, lang=lang))

    def run(text: str, lang: str) -> list[str]:
        table = language(lang)
        words = []
        for raw in text.split():
            for word in fold(raw).split():
                if word in table.stopwords:
                    continue
                if lemmatize is not None:
                    word = fold(lemmatize(word, lang))
                if "stem" in kind:
                    word = table.stem(word)
                words.append(word)
        return words

    return run


class Lexical:
    """IDF-weighted overlap between a question's words and each candidate's, best candidate per owner."""

    def __init__(self, cands: list[Candidate], norm: Callable[[str, str], list[str]]) -> None:
        self.norm = norm
        self.cands = [set(norm(c.text, c.lang)) for c in cands]
        df = Counter(w for words in self.cands for w in words)
        self.idf = {w: math.log(1 + len(cands) / n) for w, n in df.items()}
        self.vocab = set(df)

    def scores(self, q: str, lang: str) -> np.ndarray:
        words = set(self.norm(q, lang))
        total = sum(self.idf.get(w, math.log(1 + len(self.cands))) for w in words) or 1.0
        out = np.zeros(len(self.cands), dtype=np.float32)
        for i, cand in enumerate(self.cands):
            shared = words & cand
            if shared:
                cand_total = sum(self.idf[w] for w in cand)
                hit = sum(self.idf[w] for w in shared)
                out[i] = hit / math.sqrt(total * cand_total)
        return out

    def coverage(self, q: str, lang: str) -> tuple[int, int]:
        words = [w for w in self.norm(q, lang) if not w.isdigit()]
        return sum(w in self.vocab for w in words), len(words)


# ---------------------------------------------------------------- scoring


def owner_ranking(scores: np.ndarray, owners: list[str]) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    for i in np.argsort(-scores)[:200]:
        owner = owners[i]
        if owner not in best:
            best[owner] = float(scores[i])
    return sorted(best.items(), key=lambda kv: -kv[1])


def hit_rates(cases: list[Case], ranked: dict[str, list[tuple[str, float]]]) -> str:
    rows = []
    for lang in ("en", "lt", "ru", "all"):
        picked = [c for c in cases if c.right and (lang == "all" or c.lang == lang)]
        if not picked:
            continue
        top1 = sum(ranked[c.q][:1] and ranked[c.q][0][0] in c.right for c in picked)
        top3 = sum(any(o in c.right for o, _ in ranked[c.q][:3]) for c in picked)
        rows.append(
            f"{lang}: top1 {top1}/{len(picked)} ({top1 / len(picked):.0%}), "
            f"top3 {top3}/{len(picked)} ({top3 / len(picked):.0%})"
        )
    return "; ".join(rows)


def separation(cases: list[Case], best: dict[str, float]) -> list[str]:
    lines = []
    for lang in ("en", "lt", "ru", "all"):
        pos = np.array([best[c.q] for c in cases if not c.negative and (lang == "all" or c.lang == lang)])
        neg = np.array([best[c.q] for c in cases if c.negative and (lang == "all" or c.lang == lang)])
        if not len(pos) or not len(neg):
            continue
        lines.append(
            f"  {lang}: answerable n={len(pos)} median {np.median(pos):.2f} p10 {np.percentile(pos, 10):.2f}"
            f" | negatives n={len(neg)} median {np.median(neg):.2f} p90 {np.percentile(neg, 90):.2f}"
        )
        auc = float(np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg]))
        lines.append(f"     AUC {auc:.2f}; threshold -> answerable kept / negatives kept:")
        cells = []
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            cells.append(f"{t:.1f}: {np.mean(pos >= t):.0%}/{np.mean(neg >= t):.0%}")
        lines.append("     " + "  ".join(cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--table", type=Path, default=None)
    parser.add_argument("--facts", type=Path, default=ROOT / "facts" / "pact.yaml")
    parser.add_argument("--sets", type=Path, default=Path("/work/qsets/before"))
    parser.add_argument("--answers", action="store_true", help="also take fact answers as candidates")
    parser.add_argument("--lexical", action="store_true", help="also compare the lexical normalisers")
    parser.add_argument("--weight", type=float, default=0.5, help="meaning weight in lexical + meaning")
    args = parser.parse_args()

    base = load_fact_file(args.facts)
    cands = candidates(base, args.answers)
    owners = [c.owner for c in cands]
    cases = load_cases(args.sets, base)
    answerable = [c for c in cases if not c.negative]
    by_lang = Counter(c.lang for c in cases)
    print(
        f"{len(cands)} candidates; {len(cases)} questions {dict(by_lang)}; answerable {len(answerable)}, "
        f"labelled {sum(bool(c.right) for c in cases)}; negatives {sum(c.negative for c in cases)}"
    )
    unlabelled = Counter(c.cat for c in answerable if not c.right)
    print(f"answerable but no fact's text holds the expected words (not ranked): {dict(unlabelled)}")

    meaning = Meaning.load(args.table)
    if meaning is None:
        sys.exit("no meaning table")
    t0 = time.perf_counter()
    matrix = meaning.matrix([c.text for c in cands])
    build = time.perf_counter() - t0
    empty = int((~matrix.any(axis=1)).sum())
    t0 = time.perf_counter()
    meaning_scores = {c.q: matrix @ meaning.embed(c.q) for c in cases}
    per_q = (time.perf_counter() - t0) / len(cases)
    print(
        f"\ntable {meaning.kind} {len(meaning.vocab)} x {meaning.dim}; "
        f"candidate matrix {build * 1000:.0f} ms "
        f"({empty} candidates with no known word); embed+score {per_q * 1e3:.3f} ms/question"
    )
    ranked = {q: owner_ranking(s, owners) for q, s in meaning_scores.items()}
    print("meaning alone:", hit_rates(cases, ranked))
    known = Counter()
    for c in cases:
        words = fold(c.q).split()
        known[c.lang, "known"] += sum(bool(meaning.items(w)) for w in words)
        known[c.lang, "all"] += len(words)
    print(
        "question words the table knows: "
        + ", ".join(f"{lang} {known[lang, 'known'] / known[lang, 'all']:.0%}" for lang in ("en", "lt", "ru"))
    )
    best = {q: float(s.max()) for q, s in meaning_scores.items()}
    print("separation by the best cosine:")
    print("\n".join(separation(cases, best)))

    if not args.lexical:
        return
    print()
    for kind in ("fold", "stem", "lemma", "lemma+stem"):
        lex = Lexical(cands, normaliser(kind))
        lex_scores = {c.q: lex.scores(c.q, c.lang) for c in cases}
        cover = defaultdict(lambda: [0, 0])
        for c in cases:
            hit, n = lex.coverage(c.q, c.lang)
            cover[c.lang][0] += hit
            cover[c.lang][1] += n
        lex_ranked = {q: owner_ranking(s, owners) for q, s in lex_scores.items()}
        print(f"lexical [{kind}]: " + hit_rates(cases, lex_ranked))
        print(
            "   content words found in the fact file: "
            + ", ".join(f"{lang} {h / max(n, 1):.0%}" for lang, (h, n) in sorted(cover.items()))
        )
        combined = {
            c.q: owner_ranking(lex_scores[c.q] + args.weight * np.clip(meaning_scores[c.q], 0, None), owners)
            for c in cases
        }
        print(f"   lexical [{kind}] + {args.weight} x meaning: " + hit_rates(cases, combined))


if __name__ == "__main__":
    main()
