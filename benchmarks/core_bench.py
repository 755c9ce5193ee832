"""Core benchmark: load + index time, per-question latency, suggest latency, peak memory, and the wall
time of one `pactbot ask` process; on the shipped fact file and on a generated one of 10,000 facts."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from bot.core.engine import FactEngine
from bot.core.service import FactService

ROOT = Path(__file__).resolve().parents[1]
PACT = ROOT / "facts" / "pact.yaml"
WORDS = [
    "harbour",
    "tariff",
    "grain",
    "timber",
    "canal",
    "frontier",
    "garrison",
    "envoy",
    "archive",
    "charter",
    "customs",
    "fishery",
    "railway",
    "salt",
    "copper",
    "pension",
    "bridge",
    "census",
    "militia",
    "telegraph",
    "lighthouse",
    "quarantine",
    "border",
    "river",
    "island",
    "embassy",
    "consulate",
    "mint",
    "bank",
    "loan",
    "bond",
    "ferry",
    "forest",
    "mine",
    "tax",
    "court",
    "council",
    "guild",
    "fleet",
    "port",
]
PEOPLE = [
    "Anders",
    "Brun",
    "Cato",
    "Dahl",
    "Edda",
    "Falk",
    "Greta",
    "Holm",
    "Ivo",
    "Juhl",
    "Kaja",
    "Lund",
    "Mira",
    "Noak",
    "Otto",
    "Pia",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def generated_fact_file(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    entities = [
        {
            "id": f"p{i}",
            "kind": "person",
            "name": {"en": f"{a} {b}{i}"},
            "aliases": {"en": [f"{a} {b}{i}"]},
            "description": {"en": f"{a} {b}{i}, an envoy."},
        }
        for i, (a, b) in enumerate((rng.choice(PEOPLE), rng.choice(PEOPLE)) for _ in range(200))
    ]
    facts = []
    for i in range(count):
        a, b, c = rng.sample(WORDS, 3)
        facts.append(
            {
                "id": f"f{i}",
                "title": {"en": f"The {a} {b} clause {i}"},
                "answer": {"en": f"Clause {i} settled the {a} and the {b} question, with {c} rules."},
                "asks": [rng.choice(["what", "when", "who", "why"])],
                "phrasings": {
                    "en": [
                        f"what did clause {i} say about the {a} {b}",
                        f"{a} {b} {c} clause {i}",
                        f"the {b} rules of clause {i}",
                    ]
                },
                "keywords": {"en": [a, b, c, f"clause{i}"]},
                "entities": [f"p{rng.randrange(200)}"],
            }
        )
    data = {
        "schema": 1,
        "languages": ["en"],
        "topic": {
            "id": "generated",
            "name": {"en": "Generated Treaty"},
            "summary": {"en": "A test treaty."},
            "signed": "1900-01-01",
            "in_force": {"from": "1900-02-01", "until": "1910-01-01"},
            "sources": ["s"],
        },
        "sources": [{"id": "s", "title": "Generated", "url": "https://example.org"}],
        "entities": entities,
        "facts": facts,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def noisy(question: str, rng: random.Random) -> str:
    words = question.split()
    roll = rng.random()
    if roll < 0.25 and len(words) > 2:
        words.pop(rng.randrange(len(words)))
    elif roll < 0.5:
        i = rng.randrange(len(words))
        if len(words[i]) > 4:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1 :]
    elif roll < 0.6:
        words = ["hey", "bot,", *words, "please?"]
    return " ".join(words)


def questions_for(engine: FactEngine, count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    pool = [p for f in engine.facts.facts.values() for p in f.phrasings.get("en", ())]
    negatives = [
        "how tall is mount everest",
        "who won the 1998 world cup",
        "xyzzy",
        "what is the capital of peru",
        "tell me a joke",
        "what happened in 1931",
        "was it in force in 1930",
        "timeline",
        "",
    ]
    result = [noisy(rng.choice(pool), rng) for _ in range(count - len(negatives))] + negatives
    rng.shuffle(result)
    return result


def measure(label: str, path: Path) -> None:
    started = time.perf_counter()
    service = FactService(path)  # as the bot builds it: no cache, index kept out of the GC's way
    engine = service.engine
    load_seconds = time.perf_counter() - started
    tracemalloc.start()  # a second build, traced: tracing slows it too much to time the first
    FactService(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    questions = questions_for(engine, 300)
    service.warm_up()  # as a running bot does at start (runtime.serve)
    for question in questions[:20]:  # warm caches the way a running bot has them
        engine.ask(question)
    timings = []
    for question in questions:
        t0 = time.perf_counter()
        engine.ask(question)
        timings.append(time.perf_counter() - t0)
    suggest = []
    for question in questions[:200]:
        t0 = time.perf_counter()
        engine.suggest(question[: max(1, len(question) // 2)], limit=25)
        suggest.append(time.perf_counter() - t0)
    ms = 1000.0
    print(
        f"{label}: {len(engine.facts.facts)} facts, load+index {load_seconds * ms:.0f} ms, "
        f"peak traced memory while loading {peak / 2**20:.1f} MiB"
    )
    print(
        f"  ask over {len(timings)} questions: p50 {percentile(timings, 0.5) * ms:.3f} ms, "
        f"p99 {percentile(timings, 0.99) * ms:.3f} ms, max {max(timings) * ms:.3f} ms"
    )
    print(
        f"  suggest over {len(suggest)} prefixes: p50 {percentile(suggest, 0.5) * ms:.3f} ms, "
        f"p99 {percentile(suggest, 0.99) * ms:.3f} ms"
    )
    worst_question(engine)


def hostile_questions(seed: int = 5) -> list[str]:
    """Questions built to cost the most: characters that fold into several words, floods of unknown
    words in several scripts, names that almost match, dashes, capitals, 400 characters each."""
    rng = random.Random(seed)

    def junk(letters: str, size: int) -> str:
        return "".join(rng.choice(letters) for _ in range(size))

    latin, cyrillic = "abcdefghijklmnopqrstuvwxyz", "абвгдежзиклмнопрстуфхцчшщыэюя"
    return [
        "\ufdfa" * 400,  # one character, four words once folded
        "\u3300" * 400,  # a squared katakana word per character
        " ".join(junk(latin, 7) for _ in range(50)),
        " ".join(junk(cyrillic, 7) for _ in range(50)),
        " ".join("Chicher" + junk(latin, 3) for _ in range(40)),
        "-".join(junk(latin, 6) for _ in range(57)),
        " ".join(["Great Treaty of " + junk(latin, 5).title() for _ in range(20)]),
        "who? " * 80,
        "a, " * 133,
        ("Ar tiesa, kad " + junk(latin, 8) + "? ") * 20,
        "🙂" * 400,
    ]


def worst_question(engine: FactEngine) -> None:
    timings = []
    for question in hostile_questions():
        t0 = time.perf_counter()
        engine.ask(question[:400])  # first sight: no cache has seen its words
        timings.append(time.perf_counter() - t0)
    print(f"  worst of {len(timings)} hostile questions, first sight: {max(timings) * 1000:.2f} ms")


# Started from a small Python of its own: a child forked from this (large) benchmark process would
# count the parent's pages in its peak until it execs.
_PEAK_RSS = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def process_peak_rss() -> None:
    command = [str(Path(sys.executable).with_name("pactbot")), "ask", "who signed?"]
    env = {**os.environ, "PACTBOT_CACHE_DIR": "off"}
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *command],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    ).stdout
    print(f"one `pactbot ask` process, no engine cache: peak RSS {int(out) / 1024:.0f} MiB")


def process_wall_time(runs: int = 7) -> None:
    command = [str(Path(sys.executable).with_name("pactbot")), "ask", "who signed?"]
    with tempfile.TemporaryDirectory() as cache:
        for label, cache_dir in (("no engine cache", "off"), ("engine cached", cache)):
            env = {**os.environ, "PACTBOT_CACHE_DIR": cache_dir}
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)  # fills the cache
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
                times.append(time.perf_counter() - t0)
            print(
                f"one `pactbot ask` process, {label}: median {statistics.median(times) * 1000:.0f} ms, "
                f"best {min(times) * 1000:.0f} ms over {runs} runs"
            )


def main() -> None:
    print("== core")
    measure("facts/pact.yaml", PACT)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "generated.yaml"
        big.write_text(generated_fact_file(10_000), encoding="utf-8")
        measure("generated 10,000 facts", big)
    process_wall_time()
    process_peak_rss()


if __name__ == "__main__":
    main()
