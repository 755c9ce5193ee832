"""Property tests: whatever text arrives, the core answers with a valid `Answer` and never raises."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.answer import Answer, Outcome
from bot.core.engine import FactEngine
from bot.core.factfile import load_fact_file

ROOT = Path(__file__).resolve().parents[2]

NASTY = st.sampled_from(
    [
        "\u200b",
        "\u200f",
        "\u202e",
        "\x00",
        "\x1b[31m",
        "🇱🇹",
        "👍🏽",
        "שלום",
        "مرحبا",
        "Чичерин",
        "@everyone",
        "<!channel>",
        "<@U123>",
        "1926-02-30",
        "31 February 1926",
        "９",
        "\ufeff",
        "\r\n",
        "ǅ",
        "ﬁ",
    ]
)
QUESTIONS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(NASTY, st.text(max_size=12)), max_size=20).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=5000, max_size=10_000),
)


@pytest.fixture(scope="module")
def engine() -> FactEngine:
    return FactEngine(load_fact_file(ROOT / "facts" / "pact.yaml"))


def check(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert isinstance(answer.outcome, Outcome)
    assert answer.text.strip()
    assert 0.0 <= answer.confidence <= 1.0
    assert len(answer.suggestions) <= 3
    assert len(answer.question) <= 400
    if answer.outcome is Outcome.ANSWERED:
        assert answer.sources


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(question=QUESTIONS)
# A symbol that folds into more words than it was typed as, before a capitalised one: the typed
# words and the read ones no longer line up.
@example(question="¼:A0")
def test_answer_never_raises(engine: FactEngine, question: str) -> None:
    check(engine.ask(question))
    check(engine.ask(question, lang="lt"))
    assert len(engine.suggest(question, limit=25)) <= 25


@pytest.mark.parametrize("question", ["a" * 10_000, "who signed " * 1000, "\x07" * 10_000, "🇱🇹" * 3000])
def test_huge_questions(engine: FactEngine, question: str) -> None:
    check(engine.ask(question))


@given(
    starts=st.lists(
        st.tuples(st.text(alphabet="abcлт", min_size=0, max_size=4), st.integers(0, 9)), max_size=12
    ),
    word=st.text(alphabet="abcлт", max_size=7),
)
def test_a_prefix_index_finds_what_testing_every_start_in_order_finds(
    starts: list[tuple[str, int]], word: str
) -> None:
    # Month and ordinal forms are looked up by the word's prefixes: the same first match as a scan.
    from bot.core.language import PrefixIndex

    scanned = next((value for start, value in starts if word.startswith(start)), None)
    assert PrefixIndex(starts).get(word) == scanned


def _names_window_by_window(
    engine: FactEngine, tokens: list[str], fuzzy: frozenset[str] | None
) -> tuple[list[tuple[int, int, str]], set[int]]:
    """`find_entities` as first written: every window of every length, its words tested one by one."""
    from bot.core.names import _could_start_name, match_name

    index = engine.index
    known = [t in index.surface_words or t in index.known_words for t in tokens]
    exact_only = [fuzzy is not None and not k and t not in fuzzy for t, k in zip(tokens, known, strict=True)]
    starts = [i for i, t in enumerate(tokens) if not known[i] or t in index.alias_first_words]
    used: set[int] = set()
    spans: list[tuple[int, int, str]] = []
    for size in range(min(index.max_alias_words, len(tokens)), 0, -1):
        for start in starts:
            window = tokens[start : start + size]
            if len(window) < size:
                break
            if set(range(start, start + size)) & used:
                continue
            if any(exact_only[start : start + size]):
                entity = index.aliases.get(" ".join(window))
            elif (size > 1 and not _could_start_name(index, window[0])) or all(
                w in index.stopwords for w in window
            ):
                continue
            else:
                entity = match_name(index, window)
            if entity is not None:
                spans.append((start, start + size, entity))
                used |= set(range(start, start + size))
    return spans, used


# Folded words of names, misspelt names, question words and others, to make questions of.
_NAME_WORDS = [
    "soviet", "union", "lithuania", "lithuanian", "republic", "of", "the", "baltic", "entente", "league",
    "nations", "treaty", "peace", "chicherin", "chicherln", "cicherin", "kaunas", "kaunsa", "moscow",
    "maskva", "москва", "чичерина", "slezevicius", "who", "signed", "when", "was", "it", "in", "and",
    "for", "a", "zzqx", "1926", "pact", "memel", "territory", "klaipeda", "region",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tokens=st.lists(st.sampled_from(_NAME_WORDS), max_size=12),
    budget=st.one_of(st.none(), st.frozensets(st.sampled_from(_NAME_WORDS), max_size=6)),
)
def test_names_are_found_as_window_by_window(
    engine: FactEngine, tokens: list[str], budget: frozenset[str] | None
) -> None:
    # find_entities answers each window's tests from running counts: the same spans as testing
    # each window's words, names of several words, misspelt ones and words past the fuzzy budget.
    from bot.core.names import find_entities

    assert find_entities(engine.index, tokens, budget) == _names_window_by_window(engine, tokens, budget)
