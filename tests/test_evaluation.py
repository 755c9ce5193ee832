"""`pactbot eval`: question sets read with clear errors, graded as the project's scorer grades them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.core.answer import Answer, Outcome
from bot.evaluation import Case, QuestionSetError, fold, load_question_set, passes
from tests.processes import ROOT, clean_env, pactbot

NORTHWIND = ROOT / "tests" / "core" / "data" / "northwind.yaml"
SMALL_SET = """\
cases:
  - {cat: signing, q: "where was it signed", expect: [[saltmarsh], [castle, fortress]]}
  - {cat: signing, q: "who signed the treaty", expect: [[morrow], [vos]]}
  - {cat: signing, q: "when was it signed", expect: [["1851", "the year after"]]}
  - {cat: negative, q: "what is the capital of mars", abstain: true}
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*pactbot(), *args], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=clean_env(), check=False)


def write(tmp_path: Path, text: str, name: str = "questions.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def answer(text: str, outcome: Outcome = Outcome.ANSWERED) -> Answer:
    return Answer(question="q", outcome=outcome, text=text)


def test_fold_strips_diacritics_case_and_long_dashes() -> None:
    assert fold("Sleževičius") == "slezevicius"
    assert fold("STRAßE") == "strasse"
    assert fold("1926\u20131940 \u2014 x") == "1926-1940 - x"


def test_every_group_needs_one_of_its_alternatives() -> None:
    case = Case("who signed", "c", expect=(("chicherin",), ("baltrusaitis", "baltrušaitis")))
    assert passes(case, answer("Čičerin? No: CHICHERIN and Jurgis Baltrušaitis signed."))
    assert not passes(case, answer("Chicherin signed."))


def test_a_declined_or_help_answer_never_passes_an_expect_case_and_always_passes_abstain() -> None:
    expect = Case("q", "c", expect=(("moscow",),))
    abstain = Case("q", "c", abstain=True)
    for outcome in (Outcome.DECLINED, Outcome.HELP, Outcome.EMPTY):
        assert not passes(expect, answer("Moscow is mentioned but this is no answer", outcome))
        assert passes(abstain, answer("anything", outcome))
    assert not passes(abstain, answer("Moscow"))


def test_a_question_set_loads_with_the_line_of_each_case(tmp_path: Path) -> None:
    cases = load_question_set(write(tmp_path, "# comment\n" + SMALL_SET))
    assert [c.line for c in cases] == [3, 4, 5, 6]
    expect = (("saltmarsh",), ("castle", "fortress"))
    assert cases[0] == Case("where was it signed", "signing", expect, abstain=False, line=3)
    assert cases[3].abstain and cases[3].expect == ()


def test_numbers_in_expect_are_compared_as_text(tmp_path: Path) -> None:
    (case,) = load_question_set(write(tmp_path, "cases:\n  - {cat: c, q: when, expect: [[1850]]}\n"))
    assert case.expect == (("1850",),)


@pytest.mark.parametrize(("text", "problem"), [
    ("cases:\n  - {cat: c, q: x, expected: [[a]]}\n",
     "questions.yaml:2: unknown key 'expected' (a case has abstain, cat, expect, q)"),
    ("cases:\n  - {cat: c, expect: [[a]]}\n", "questions.yaml:2: q must be the question, as text"),
    ("cases:\n  - {q: x, expect: [[a]]}\n", "questions.yaml:2: cat must name the case's category"),
    ("cases:\n  - {cat: c, q: x}\n", "questions.yaml:2: write what the answer must contain"),
    ("cases:\n  - {cat: c, q: x, expect: []}\n", "questions.yaml:2: write what the answer must contain"),
    ("cases:\n  - {cat: c, q: x, expect: [[a]], abstain: true}\n",
     "questions.yaml:2: a case has expect or abstain: true, not both"),
    ("cases:\n  - {cat: c, q: x, abstain: maybe}\n", "questions.yaml:2: abstain must be true or false"),
    ("cases:\n  - {cat: c, q: x, expect: moscow}\n", "questions.yaml:2: expect is a list of groups"),
    ("cases:\n\n  - {cat: c, q: x, expect: [[a], []]}\n", "questions.yaml:3: expect group 2 must be a"),
    ("cases:\n  - {cat: c, q: x, expect: [[a, {b: c}]]}\n", "questions.yaml:2: expect group 1 must be"),
    ("cases:\n  - {cat: c, q: x, expect: [[yes]]}\n", "questions.yaml:2: expect group 1: YAML reads a bare"),
    ("cases:\n  - just a question\n", "questions.yaml:2: a case is a mapping"),
    ("cases: []\n", "questions.yaml:1: a question set is a mapping with a non-empty list of cases"),
    ("- q: x\n", "questions.yaml:1: a question set is a mapping with a non-empty list of cases"),
    ("", "questions.yaml:1: a question set is a mapping with a non-empty list of cases"),
    ("cases:\n  - {cat: c, q: [unclosed\n", "questions.yaml:3: YAML syntax"),
])
def test_each_problem_is_reported_with_its_line(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(QuestionSetError) as caught:
        load_question_set(write(tmp_path, text))
    first = caught.value.problems[0]
    assert first.startswith(f"{tmp_path}/{problem}"), first


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = "cases:\n  - {cat: c, q: x}\n  - {cat: c, q: y, expect: [[a]]}\n  - {q: z, abstain: true}\n"
    with pytest.raises(QuestionSetError) as caught:
        load_question_set(write(tmp_path, text))
    assert [p.rsplit("/", 1)[1].split(":")[1] for p in caught.value.problems] == ["2", "4"]


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(QuestionSetError, match=r"nothing\.yaml: cannot be read: No such file"):
        load_question_set(tmp_path / "nothing.yaml")


def test_eval_prints_per_category_scores_and_each_miss_with_the_answer_given(tmp_path: Path) -> None:
    result = run("eval", "--facts", str(NORTHWIND), str(write(tmp_path, SMALL_SET)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("miss [signing] 'when was it signed' (line 4): expected (1851 or the year after); "
                        "answered: 'The Treaty of Northwind was signed on 14 March 1850.'")
    assert "per category: signing 2/3, negative 1/1" in lines
    assert lines[-1] == "answered right 66.7% · declined right 100.0% · overall 75.0% (3/4)"


def test_eval_exits_1_below_min_and_0_at_or_above(tmp_path: Path) -> None:
    questions = str(write(tmp_path, SMALL_SET))
    assert run("eval", "--facts", str(NORTHWIND), questions, "--min", "0.75").returncode == 0
    below = run("eval", "--facts", str(NORTHWIND), questions, "--min", "0.76")
    assert below.returncode == 1 and "overall 75.0%" in below.stdout


def test_eval_json_for_machines(tmp_path: Path) -> None:
    result = run("eval", "--json", "--facts", str(NORTHWIND), str(write(tmp_path, SMALL_SET)))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("questions", "passed", "score", "answered_right", "declined_right")} == {
        "questions": 4, "passed": 3, "score": 0.75, "answered_right": 0.6667, "declined_right": 1.0}
    assert data["categories"] == {"signing": {"passed": 2, "total": 3, "score": 0.6667},
                                  "negative": {"passed": 1, "total": 1, "score": 1.0}}
    (miss,) = data["misses"]
    signed = "The Treaty of Northwind was signed on 14 March 1850."
    assert miss == {"q": "when was it signed", "cat": "signing", "line": 4,
                    "expect": [["1851", "the year after"]],
                    "outcome": "answered", "fact_ids": ["signing-date"], "answer": signed}


def test_eval_of_a_broken_question_set_lists_the_problems_and_exits_2(tmp_path: Path) -> None:
    broken = write(tmp_path, "cases:\n  - {cat: c, q: x}\n")
    result = run("eval", "--facts", str(NORTHWIND), str(broken))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{broken}:2: write what the answer must contain")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["1.5", "-0.1", "most"])
def test_eval_min_is_a_score_from_0_to_1(tmp_path: Path, value: str) -> None:
    result = run("eval", str(write(tmp_path, SMALL_SET)), "--min", value)
    assert result.returncode == 2 and "a score from 0 to 1" in result.stderr
