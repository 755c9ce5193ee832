"""Loading fact files: every shipped file loads, and every kind of mistake is reported with its line."""

from pathlib import Path

import pytest

from bot.core.errors import FactFileError
from bot.core.factfile import LIMITS, load_fact_file
from tests.hostile_facts import amplifier

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "facts").glob("*.yaml"))
DATA = Path(__file__).resolve().parent / "data"

GOOD = """\
schema: 1
languages: [en]
topic:
  id: t
  name: {en: Treaty}
  summary: {en: A treaty.}
  parties: [a]
  sources: [s]
sources:
  - {id: s, title: S, url: "https://example.org"}
entities:
  - {id: a, kind: state, name: {en: Alpha}, aliases: {en: [Alpha]}, description: {en: A party.}}
  - {id: b, kind: person, name: {en: Bo}, aliases: {en: [Bo]}, description: {en: Signer.},
     role: signatory, side: a}
events:
  - {id: e, date: 1900-01-02, text: {en: Signed.}}
facts:
  - id: f
    title: {en: T}
    answer: {en: X}
    phrasings: {en: [q]}
    related: [g]
  - id: g
    title: {en: G}
    compute: timeline
    phrasings: {en: [timeline]}
"""


def load_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = load_text(tmp_path, text)
    with pytest.raises(FactFileError) as caught:
        load_fact_file(path)
    return [str(p).replace(str(path), "FILE") for p in caught.value.problems]


@pytest.mark.parametrize("path", [*SHIPPED, DATA / "northwind.yaml"], ids=lambda p: p.name)
def test_every_shipped_fact_file_loads(path: Path) -> None:
    facts = load_fact_file(path)
    assert facts.facts and facts.sources
    assert "en" in facts.languages
    for fact in facts.facts.values():
        assert fact.phrasings.get("en"), fact.id
        assert fact.answer.get("en") or fact.compute, fact.id


def test_good_file_loads(tmp_path: Path) -> None:
    facts = load_fact_file(load_text(tmp_path, GOOD))
    assert set(facts.facts) == {"f", "g"}
    assert facts.entities["b"].side == "a"
    assert facts.events[0].date.iso() == "1900-01-02"


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FactFileError) as caught:
        load_fact_file(tmp_path / "nope.yaml")
    assert "nope.yaml:0: no such fact file" in str(caught.value)


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    broken = GOOD.replace("    answer: {en: X}", "    answer: {en: X")
    [message] = problems(tmp_path, broken)
    assert message.startswith("FILE:21: YAML syntax:")
    assert "expected ',' or '}'" in message


def test_missing_field(tmp_path: Path) -> None:
    assert "FILE:18: fact 'f': missing field 'answer' (needed unless 'compute' is set)" in problems(
        tmp_path, GOOD.replace("    answer: {en: X}\n", "")
    )


def test_scheduled_must_be_true_or_false(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("text: {en: Signed.}}", "text: {en: Signed.}, scheduled: soon}"))
    assert "FILE:16: event 'e': scheduled: 'soon' is not one of false, true" in found


def test_unknown_field(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("    answer: {en: X}", "    answer: {en: X}\n    anwser: typo"))
    assert any(m.startswith("FILE:21: facts[0]: unknown field 'anwser'") for m in found)


def test_duplicate_id(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("  - id: g\n", "  - id: f\n"))
    assert any(m.startswith("FILE:23: duplicate fact id 'f' (first at line 18)") for m in found)


def test_dangling_reference(tmp_path: Path) -> None:
    assert "FILE:18: fact 'f': related: unknown fact 'nope'" in problems(
        tmp_path, GOOD.replace("related: [g]", "related: [nope]")
    )


def test_dangling_side(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("side: a}", "side: zz}"))
    assert "FILE:13: entity 'b': side: unknown entity 'zz'" in found


def test_bad_date(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("date: 1900-01-02", "date: 1900-02-30"))
    assert any(m.startswith("FILE:16: event 'e': date: '1900-02-30' is not a valid date") for m in found)
    found = problems(tmp_path, GOOD.replace("date: 1900-01-02", "date: 2nd of Jan"))
    assert any("is not a date" in m and m.startswith("FILE:16:") for m in found)


def test_alias_claimed_by_two_entities(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("aliases: {en: [Bo]}", "aliases: {en: [Bo, alpha]}"))
    assert "FILE:13: entity 'b': alias 'alpha' is also claimed by entity 'a'" in found


def test_missing_english_text(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        GOOD.replace("languages: [en]", "languages: [en, lt]").replace("title: {en: T}", "title: {lt: T}"),
    )
    assert "FILE:19: fact 'f': title: missing English text (en)" in found


def test_bad_compute_and_kind(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("compute: timeline", "compute: horoscope"))
    assert any(m.startswith("FILE:25: fact 'g': compute: 'horoscope' is not one of") for m in found)


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    broken = GOOD.replace("related: [g]", "related: [nope]").replace("date: 1900-01-02", "date: soon")
    assert len(problems(tmp_path, broken)) >= 2


def test_empty_and_non_mapping_files(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == ["FILE:1: the fact file is empty"]
    assert problems(tmp_path, "- just\n- a list\n") == ["FILE:1: fact file: expected a mapping"]


def test_missing_language_is_a_warning_not_an_error(tmp_path: Path) -> None:
    facts = load_fact_file(load_text(tmp_path, GOOD.replace("languages: [en]", "languages: [en, lt]")))
    assert any("has no 'lt' text" in w for w in facts.warnings)


@pytest.mark.parametrize("date", ["1900-00-02", "1900-01-00", "1900-00"])
def test_month_or_day_00_is_not_a_date(tmp_path: Path, date: str) -> None:
    found = problems(tmp_path, GOOD.replace("date: 1900-01-02", f"date: {date}"))
    assert any(m.startswith(f"FILE:16: event 'e': date: '{date}' is not a valid date") for m in found), found
    summary = "  summary: {en: A treaty.}"
    found = problems(tmp_path, GOOD.replace(summary, f"{summary}\n  signed: {date}"))
    assert any(m.startswith(f"FILE:7: topic.signed: '{date}'") for m in found), found


# --- what a file may be, and expand to ----------------------------------------------------------------


def test_the_amplifier_is_refused_before_anything_is_expanded(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        amplifier(GOOD.replace("phrasings: {en: [q]}", "phrasings: {en: [q]}\n    keywords:\n      en: [k]")),
    )
    # 6,000 uses of one alias: both the alias count and the expanded size are over their limits, and
    # the anchored keyword is far longer than a keyword may be; each at a line of its own.
    assert "FILE:23: more than 1,000 uses of YAML aliases (*name) in one fact file (5,999)" in found
    assert any(
        m.startswith("FILE:23: with its YAML aliases written out the fact file holds 600,000,")
        and m.endswith("the value anchored here is repeated 5,999 times")
        for m in found
    ), found


def test_nested_aliases_are_measured_without_being_expanded(tmp_path: Path) -> None:
    # "Billion laughs": nine levels of ten aliases each would be 10^9 values; measuring is instant.
    levels = ["  l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    laughs = GOOD.replace("events:\n", "x-laughs:\n" + "\n".join(levels) + "\nevents:\n")
    found = problems(tmp_path, laughs)
    too_many = f"characters, more than the {LIMITS.expanded_size:,} allowed"
    assert any(m.startswith("FILE:") and too_many in m for m in found)


def test_an_alias_inside_its_own_anchor_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("phrasings: {en: [q]}", "phrasings: &loop {en: [q, *loop]}"))
    assert found == ["FILE:21: a YAML alias here refers to a value that contains it"]


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    shared = GOOD.replace("phrasings: {en: [q]}", "phrasings: {en: [q]}\n    keywords: &kw {en: [k, kk]}")
    shared = shared.replace("phrasings: {en: [timeline]}", "phrasings: {en: [timeline]}\n    keywords: *kw")
    facts = load_fact_file(load_text(tmp_path, shared))
    assert facts.facts["g"].keywords == facts.facts["f"].keywords == {"en": ("k", "kk")}


@pytest.mark.parametrize(
    ("field", "value", "most"),
    [
        ("answer: {en: X}", "answer: {en: %s}", 2000),
        ("title: {en: T}", "title: {en: %s}", 300),
        ("phrasings: {en: [q]}", "phrasings: {en: [%s]}", 300),
    ],
)
def test_each_value_has_a_length_limit(tmp_path: Path, field: str, value: str, most: int) -> None:
    load_fact_file(load_text(tmp_path, GOOD.replace(field, value % ("y" * most))))
    found = problems(tmp_path, GOOD.replace(field, value % ("y" * (most + 1))))
    assert any(
        m.startswith(("FILE:19:", "FILE:20:", "FILE:21:"))
        and m.endswith(f": {most + 1:,} characters, more than the {most:,} allowed here")
        for m in found
    ), found


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = GOOD + "#" + "x" * LIMITS.file_bytes + "\n"
    assert problems(tmp_path, big) == [
        f"FILE:0: larger than {LIMITS.file_bytes:,} bytes, the most a fact file may be"
    ]


def test_a_directory_is_not_a_fact_file(tmp_path: Path) -> None:
    with pytest.raises(FactFileError) as caught:
        load_fact_file(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}:0: not a regular file (a directory); a fact file must be a plain file"
    )


# --- problems the YAML reader finds without a line: we find the line ------------------------------------


def test_bytes_that_are_not_utf8_are_reported_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("answer: {en: X}", "answer: {en: Xé}").encode("latin-1"))
    with pytest.raises(FactFileError) as caught:
        load_fact_file(path)
    assert str(caught.value) == (
        f"{path}:20: not UTF-8 (byte 0xe9: invalid continuation byte); save the fact file as UTF-8"
    )


def test_control_characters_are_reported_at_their_lines(tmp_path: Path) -> None:
    broken = GOOD.replace("title: {en: T}", "title: {en: T\x01}")
    broken = broken.replace("answer: {en: X}", "answer: {en: \x7fX}")
    assert problems(tmp_path, broken) == [
        "FILE:19: control character U+0001 is not allowed in a fact file",
        "FILE:20: control character U+007F is not allowed in a fact file",
    ]


def test_a_language_the_bot_does_not_speak_is_named_with_those_it_does(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("languages: [en]", "languages: [en, de]"))
    assert found == ["FILE:2: languages: 'de' is not a language the bot speaks (it speaks en, lt, ru)"]


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        ("seat_of: zz}", "entity 'c': seat_of: unknown entity 'zz'"),
        ("seat_of: b}", "entity 'c': seat_of 'b' is no state"),
    ],
)
def test_a_seat_of_government_names_a_state(tmp_path: Path, entity: str, message: str) -> None:
    city = "  - {id: c, kind: place, name: {en: Cee}, aliases: {en: [Cee]}, description: {en: A city.}, "
    found = problems(tmp_path, GOOD.replace("events:\n", f"{city}{entity}\nevents:\n"))
    assert f"FILE:15: {message}" in found


def test_only_a_place_is_a_seat_of_government(tmp_path: Path) -> None:
    found = problems(
        tmp_path, GOOD.replace("role: signatory, side: a}", "role: signatory, side: a, seat_of: a}")
    )
    assert "FILE:13: entity 'b': seat_of is only for a place" in found
