"""`pactbot eval`: a question set run against a fact file and graded, the fact writer's test loop.

A question set is YAML with a list of `cases`, each with `q` (the question as a user types it),
`cat` (a category, for the per-category scores) and either `expect` (groups of alternatives: every
group needs one of its alternatives somewhere in the answer) or `abstain: true` (the bot must
decline). Texts are compared folded: diacritics stripped, case folded, en and em dashes read as
hyphens. A declined question never passes an `expect` case; an `abstain` case passes when the bot
does not answer. This is the grading of the project's scorer, so the two agree on every case.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.answer import Answer, Outcome
from bot.core.service import FactService

CASE_KEYS = frozenset({"q", "cat", "expect", "abstain"})
MISS_CHARS = 200  # how much of a wrong answer a miss shows


class QuestionSetError(Exception):
    """A question set that cannot be run; `problems` are `FILE:LINE: message` lines."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    category: str
    expect: tuple[tuple[str, ...], ...] = ()
    abstain: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    answer: Answer
    passed: bool


@dataclass(frozen=True, slots=True)
class Tally:
    passed: int
    total: int

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else 1.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    results: tuple[CaseResult, ...]

    def tally(self, results: Iterable[CaseResult]) -> Tally:
        chosen = list(results)
        return Tally(sum(r.passed for r in chosen), len(chosen))

    @property
    def overall(self) -> Tally:
        return self.tally(self.results)

    @property
    def categories(self) -> dict[str, Tally]:
        """Per category, in the order categories first appear in the file."""
        names = dict.fromkeys(r.case.category for r in self.results)
        return {name: self.tally(r for r in self.results if r.case.category == name) for name in names}

    @property
    def misses(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    def to_json(self) -> dict[str, object]:
        answerable = self.tally(r for r in self.results if not r.case.abstain)
        declinable = self.tally(r for r in self.results if r.case.abstain)
        return {
            "questions": self.overall.total,
            "passed": self.overall.passed,
            "score": round(self.overall.share, 4),
            "answered_right": round(answerable.share, 4),
            "declined_right": round(declinable.share, 4),
            "categories": {name: {"passed": t.passed, "total": t.total, "score": round(t.share, 4)}
                           for name, t in self.categories.items()},
            "misses": [_miss_json(r) for r in self.misses],
        }


def fold(text: str) -> str:
    """Text as the grading compares it: no diacritics, case folded, en and em dashes as hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("\u2013", "-").replace("\u2014", "-")


def passes(case: Case, answer: Answer) -> bool:
    answered = answer.outcome is Outcome.ANSWERED
    if case.abstain:
        return not answered
    if not answered:
        return False
    text = fold(answer.text)
    return all(any(fold(alternative) in text for alternative in group) for group in case.expect)


def evaluate(service: FactService, cases: Iterable[Case]) -> Evaluation:
    results = []
    for case in cases:
        answer = service.ask(case.question)
        results.append(CaseResult(case, answer, passes(case, answer)))
    return Evaluation(tuple(results))


# -- reading a question set ------------------------------------------------------------------------


def _case_lines(text: str) -> list[int]:
    """The line each case starts on (1-based), from the YAML's node tree; [] if there is no list."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "cases" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _alternatives(raw: Any) -> tuple[str, ...] | None:
    if not isinstance(raw, list) or not raw:
        return None
    if not all(isinstance(a, str | int | float) and not isinstance(a, bool) and str(a).strip() for a in raw):
        return None
    return tuple(str(a) for a in raw)


def _case(raw: Any, where: str) -> tuple[Case | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where}: a case is a mapping with q, cat and expect or abstain"]
    problems = [f"{where}: unknown key {key!r} (a case has {', '.join(sorted(CASE_KEYS))})"
                for key in raw if key not in CASE_KEYS]
    question, category = raw.get("q"), raw.get("cat")
    if not isinstance(question, str) or not question.strip():
        problems.append(f"{where}: q must be the question, as text")
    if not isinstance(category, str | int) or isinstance(category, bool) or not str(category).strip():
        problems.append(f"{where}: cat must name the case's category")
    abstain, expect = raw.get("abstain", False), raw.get("expect")
    groups: list[tuple[str, ...]] = []
    if not isinstance(abstain, bool):
        problems.append(f"{where}: abstain must be true or false")
    elif abstain:
        if expect is not None:
            problems.append(f"{where}: a case has expect or abstain: true, not both")
    elif expect is None or expect == []:
        problems.append(f"{where}: write what the answer must contain (expect: [[word, other word], ...]) "
                        "or abstain: true if the bot must decline")
    elif not isinstance(expect, list):
        problems.append(f"{where}: expect is a list of groups, e.g. [[paris, france], [1900, 'in may']]")
    else:
        for number, group in enumerate(expect, 1):
            alternatives = _alternatives(group)
            if alternatives is None and isinstance(group, list) and any(isinstance(a, bool) for a in group):
                problems.append(
                    f"{where}: expect group {number}: YAML reads a bare yes, no, true or false as a "
                    'truth value, not a word; quote it: ["yes"]'
                )
            elif alternatives is None:
                problems.append(f"{where}: expect group {number} must be a non-empty list of texts")
            else:
                groups.append(alternatives)
    if problems:
        return None, problems
    return Case(question=str(question), category=str(category), expect=tuple(groups), abstain=abstain), []


def load_question_set(path: Path) -> list[Case]:
    """The cases of the question set at `path`; `QuestionSetError` listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise QuestionSetError([f"{path}: cannot be read: {reason}"]) from exc
    try:
        data = yaml.safe_load(text)
        lines = _case_lines(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise QuestionSetError([f"{path}:{line}: YAML syntax: {exc.problem or exc}"]) from exc
    except yaml.YAMLError as exc:
        raise QuestionSetError([f"{path}:1: YAML syntax: {exc}"]) from exc
    raw_cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(raw_cases, list) or not raw_cases:
        raise QuestionSetError([f"{path}:1: a question set is a mapping with a non-empty list of cases"])
    cases, problems = [], []
    for index, raw in enumerate(raw_cases):
        line = lines[index] if index < len(lines) else 1
        case, found = _case(raw, f"{path}:{line}")
        problems += found
        if case is not None:
            cases.append(Case(case.question, case.category, case.expect, case.abstain, line))
    if problems:
        raise QuestionSetError(problems)
    return cases


# -- output ---------------------------------------------------------------------------------------


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MISS_CHARS else flat[: MISS_CHARS - 1] + "…"


def _miss_json(result: CaseResult) -> dict[str, object]:
    case, answer = result.case, result.answer
    entry: dict[str, object] = {"q": case.question, "cat": case.category, "line": case.line}
    if case.abstain:
        entry["abstain"] = True
    else:
        entry["expect"] = [list(group) for group in case.expect]
    entry |= {"outcome": answer.outcome.value, "answer": answer.text, "fact_ids": list(answer.fact_ids)}
    return entry


def render_text(evaluation: Evaluation) -> str:
    lines = []
    for result in evaluation.misses:
        case, answer = result.case, result.answer
        if case.abstain:
            wanted = "should have declined"
        else:
            wanted = "expected " + " and ".join("(" + " or ".join(group) + ")" for group in case.expect)
        lines.append(f"miss [{case.category}] {case.question!r} (line {case.line}): {wanted}; "
                     f"{answer.outcome.value}: {_shown(answer.text)!r}")
    if lines:
        lines.append("")
    answerable = evaluation.tally(r for r in evaluation.results if not r.case.abstain)
    declinable = evaluation.tally(r for r in evaluation.results if r.case.abstain)
    overall = evaluation.overall
    lines.append("per category: " + ", ".join(f"{name} {t.passed}/{t.total}"
                                              for name, t in evaluation.categories.items()))
    lines.append(f"answered right {answerable.share:.1%} · declined right {declinable.share:.1%} · "
                 f"overall {overall.share:.1%} ({overall.passed}/{overall.total})")
    return "\n".join(lines)
