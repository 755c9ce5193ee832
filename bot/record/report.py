"""`pactbot report`: what people asked over a period, read back from the record.

Per platform and language: questions asked and the share answered. Per fact: how often it answered,
its 👍 and 👎, and the questions behind each 👎. And the questions the bot declined, near-duplicates
merged (rapidfuzz), counted, the newest wording shown: what the fact file is missing. The counting
is SQL that runs alike on SQLite and PostgreSQL; only the merging of near-duplicates happens here.
Rendered as a terminal table, JSON, Markdown, or (`--todo`) a question set for `pactbot eval`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml
from rapidfuzz import fuzz, process, utils

from bot.evaluation import fold
from bot.record.model import RecordOutcome
from bot.record.store import Store

DEFAULT_SINCE = "7d"
# token_sort_ratio (0-100) at or above which two declined questions count as one: typos, punctuation
# and word order merge ("whats the weather in Paris?" / "what is the weather in paris" score 93), a
# different name mostly does not ("president of france" / "president of finland" score 89; names a
# letter or two apart, as chile and china, still merge).
SAME_QUESTION = 90.0
TABLE_FACTS = 15  # the terminal and Markdown show this many facts and unanswered groups; JSON all
TABLE_UNANSWERED = 25
VARIANTS_SHOWN = 5  # other wordings listed per unanswered group
_PERIOD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$")
_UNITS = {"m": 60.0, "h": 3600.0, "d": 86400.0, "w": 7 * 86400.0}


def parse_since(text: str, now: float) -> float:
    """The start of a period as Unix seconds: `7d`, `12h`, `30m`, `2w` before `now`, or a date or
    date and time (`2026-11-01`, `2026-11-01T08:00`; UTC unless it names an offset)."""
    match = _PERIOD.match(text.casefold())
    if match:
        return now - float(match.group(1)) * _UNITS[match.group(2)]
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"a period like 7d, 12h, 30m or 2w, or a date like 2026-11-01, not {text!r}") \
            from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Questions from one platform in one language."""

    platform: str
    lang: str
    outcomes: Mapping[str, int]

    @property
    def asked(self) -> int:
        return sum(self.outcomes.values())

    @property
    def answered(self) -> int:
        return self.outcomes.get(RecordOutcome.ANSWERED.value, 0)

    @property
    def declined(self) -> int:
        return self.outcomes.get(RecordOutcome.DECLINED.value, 0)


@dataclass(frozen=True, slots=True)
class FactLine:
    fact_id: str
    title: str
    asked: int
    up: int
    down: int
    down_questions: tuple[tuple[str, int], ...] = ()  # the questions behind the 👎s, with how many each


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    question: str  # the newest wording
    count: int
    last_asked: float
    variants: tuple[str, ...] = ()  # the other wordings merged into this group, most asked first


@dataclass(frozen=True, slots=True)
class Report:
    since: float
    until: float
    breakdown: tuple[Breakdown, ...]
    facts: tuple[FactLine, ...]
    unanswered: tuple[UnansweredGroup, ...]
    platform: str | None = None
    lang: str | None = None

    @property
    def asked(self) -> int:
        return sum(b.asked for b in self.breakdown)

    @property
    def answered(self) -> int:
        return sum(b.answered for b in self.breakdown)

    @property
    def declined(self) -> int:
        return sum(b.declined for b in self.breakdown)

    def to_json(self) -> dict[str, object]:
        return {
            "since": _iso(self.since),
            "until": _iso(self.until),
            "platform": self.platform,
            "lang": self.lang,
            "asked": self.asked,
            "answered": self.answered,
            "answered_share": _share(self.answered, self.asked),
            "breakdown": [
                {"platform": b.platform, "lang": b.lang, "asked": b.asked, "answered": b.answered,
                 "answered_share": _share(b.answered, b.asked), "outcomes": dict(b.outcomes)}
                for b in self.breakdown
            ],
            "facts": [
                {"fact_id": f.fact_id, "title": f.title, "asked": f.asked, "up": f.up, "down": f.down,
                 "down_questions": [{"question": q, "count": n} for q, n in f.down_questions]}
                for f in self.facts
            ],
            "unanswered": [
                {"question": g.question, "count": g.count, "last_asked": _iso(g.last_asked),
                 "variants": list(g.variants)}
                for g in self.unanswered
            ],
        }


# -- reading the record ---------------------------------------------------------------------------


def build_report(store: Store, since: float, until: float, *, platform: str | None = None,
                 lang: str | None = None, titles: Mapping[str, str] | None = None) -> Report:
    """The report over questions asked in [since, until), optionally of one platform and language;
    `titles` names the facts (by id) where the fact file still has them."""
    where = "q.asked_at >= ? AND q.asked_at < ?"
    params: list[Any] = [since, until]
    for column, value in (("platform", platform), ("lang", lang)):
        if value is not None:
            where += f" AND q.{column} = ?"
            params.append(value)

    counts: dict[tuple[str, str], dict[str, int]] = {}
    for plat, language, outcome, count in store.query(
        f"SELECT q.platform, q.lang, q.outcome, COUNT(*) FROM questions q WHERE {where}"
        " GROUP BY q.platform, q.lang, q.outcome", params
    ):
        counts.setdefault((plat, language), {})[outcome] = int(count)
    breakdown = tuple(Breakdown(p, language, dict(sorted(outcomes.items())))
                      for (p, language), outcomes in sorted(counts.items()))

    asked: dict[str, int] = dict(store.query(
        f"SELECT f.fact_id, COUNT(*) FROM question_facts f JOIN questions q ON q.id = f.question_id"
        f" WHERE {where} AND q.outcome = 'answered' GROUP BY f.fact_id", params
    ))
    votes = {fact_id: (int(up or 0), int(down or 0)) for fact_id, up, down in store.query(
        "SELECT f.fact_id, SUM(CASE WHEN v.value > 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN v.value < 0 THEN 1 ELSE 0 END)"
        " FROM votes v JOIN questions q ON q.id = v.question_id JOIN question_facts f ON f.question_id = q.id"
        f" WHERE {where} GROUP BY f.fact_id", params
    )}
    behind_down: dict[str, list[tuple[str, int]]] = {}
    for fact_id, question, count in store.query(
        "SELECT f.fact_id, q.question, COUNT(*) FROM votes v JOIN questions q ON q.id = v.question_id"
        f" JOIN question_facts f ON f.question_id = q.id WHERE {where} AND v.value < 0"
        " GROUP BY f.fact_id, q.question", params
    ):
        behind_down.setdefault(fact_id, []).append((question, int(count)))
    names = titles or {}
    facts = tuple(sorted(
        (FactLine(fact_id, names.get(fact_id, ""), int(asked.get(fact_id, 0)), *votes.get(fact_id, (0, 0)),
                  down_questions=tuple(sorted(behind_down.get(fact_id, []), key=lambda qn: (-qn[1], qn[0]))))
         for fact_id in asked.keys() | votes.keys()),
        key=lambda f: (-f.asked, -f.down, f.fact_id),
    ))

    declined = store.query(
        f"SELECT q.question, COUNT(*), MAX(q.asked_at) FROM questions q WHERE {where}"
        " AND q.outcome = 'declined' GROUP BY q.question", params
    )
    unanswered = group_unanswered([(str(q), int(n), float(last)) for q, n, last in declined])
    return Report(since, until, breakdown, facts, unanswered, platform, lang)


def _comparable(text: str) -> str:
    return str(utils.default_process(fold(text)))


def group_unanswered(rows: Sequence[tuple[str, int, float]]) -> tuple[UnansweredGroup, ...]:
    """Merge near-duplicate wordings (question, times asked, last asked): each group is counted,
    named by its newest wording, and the groups come most asked first."""
    members: list[list[tuple[str, int, float]]] = []
    keys: list[str] = []
    for row in sorted(rows, key=lambda r: (-r[1], -r[2], r[0])):  # the most asked wording founds a group
        key = _comparable(row[0])
        found = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=SAME_QUESTION,
                                   processor=None) if key else None
        if found is not None:
            members[found[2]].append(row)
        else:
            keys.append(key)
            members.append([row])
    groups = []
    for wordings in members:
        newest = max(wordings, key=lambda r: (r[2], r[1]))
        groups.append(UnansweredGroup(
            question=newest[0],
            count=sum(r[1] for r in wordings),
            last_asked=newest[2],
            variants=tuple(r[0] for r in wordings if r is not newest),
        ))
    return tuple(sorted(groups, key=lambda g: (-g.count, -g.last_asked, g.question)))


# -- output ---------------------------------------------------------------------------------------


def _period(report: Report) -> str:
    days = (report.until - report.since) / 86400
    scope = "".join(f", {name} {value}" for name, value in (("platform", report.platform),
                                                             ("language", report.lang)) if value)
    return f"{_iso(report.since)} to {_iso(report.until)} ({days:.3g} days{scope})"


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[bool]) -> list[str]:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        padded = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)]
        lines.append("  ".join(padded).rstrip())
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _breakdown_rows(report: Report) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [b.platform, b.lang or "?", b.asked, _percent(b.answered, b.asked), b.declined,
         b.asked - b.answered - b.declined]
        for b in report.breakdown
    ]
    rows.append(["all", "", report.asked, _percent(report.answered, report.asked), report.declined,
                 report.asked - report.answered - report.declined])
    return rows


BREAKDOWN_HEADER = ("platform", "language", "asked", "answered", "declined", "other")


def render_text(report: Report) -> str:
    """The report as a terminal shows it."""
    out = [f"Questions asked {_period(report)}", ""]
    if not report.asked:
        out.append("Nothing was recorded in this period.")
        return "\n".join(out)
    out += _table(BREAKDOWN_HEADER, _breakdown_rows(report), (False, False, True, True, True, True))
    out += ["", "(other: help, cooldown notes, empty questions and errors)", ""]
    out.append(f"Most asked facts ({min(len(report.facts), TABLE_FACTS)} of {len(report.facts)})")
    rows = [[f.fact_id, _one_line(f.title, 40), f.asked, f.up, f.down] for f in report.facts[:TABLE_FACTS]]
    out += _table(("fact", "title", "asked", "up", "down"), rows, (False, False, True, True, True))
    downvoted = [f for f in report.facts if f.down_questions]
    if downvoted:
        out += ["", "Questions behind the thumbs-down"]
        for fact in downvoted:
            out.append(f"  {fact.fact_id}:")
            out += [f"    {count} x {_one_line(question)!r}" for question, count in fact.down_questions]
    out += ["", f"Unanswered questions ({min(len(report.unanswered), TABLE_UNANSWERED)} of "
                f"{len(report.unanswered)} groups, near-duplicates merged)"]
    rows = [
        [g.count, _iso(g.last_asked)[:16].replace("T", " "),
         _one_line(g.question) + (f"  (+{len(g.variants)} similar)" if g.variants else "")]
        for g in report.unanswered[:TABLE_UNANSWERED]
    ]
    if not rows:
        return "\n".join([*out, "  none"])
    return "\n".join(out + _table(("count", "last asked", "newest wording"), rows, (True, False, False)))


def _md(text: object) -> str:
    """A table cell of Markdown from any text: one line, no table or code markup of its own."""
    return _one_line(str(text), 120).replace("|", "\\|").replace("`", "'")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def render_markdown(report: Report) -> str:
    """The report as Markdown, for pasting into an issue."""
    out = [f"## Questions asked {_period(report)}", ""]
    if not report.asked:
        return "\n".join([*out, "Nothing was recorded in this period."])
    out += _md_table(BREAKDOWN_HEADER, [[_md(c) for c in row] for row in _breakdown_rows(report)])
    out += ["", "### Most asked facts", ""]
    out += _md_table(("fact", "title", "asked", "👍", "👎", "questions behind 👎"), [
        [f"`{f.fact_id}`", _md(f.title), str(f.asked), str(f.up), str(f.down),
         "; ".join(f"{_md(q)} ({n})" for q, n in f.down_questions)]
        for f in report.facts[:TABLE_FACTS]
    ])
    out += ["", "### Unanswered questions", ""]
    if not report.unanswered:
        return "\n".join([*out, "None."])
    out += _md_table(("count", "last asked", "newest wording", "also asked as"), [
        [str(g.count), _iso(g.last_asked)[:10], _md(g.question),
         "; ".join(_md(v) for v in g.variants[:VARIANTS_SHOWN])]
        for g in report.unanswered[:TABLE_UNANSWERED]
    ])
    return "\n".join(out)


def _quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar on one line, whatever it holds."""
    return str(yaml.safe_dump(text, allow_unicode=True, default_style='"', width=math.inf)).strip()


def render_todo(report: Report) -> str:
    """The unanswered groups as a question set for `pactbot eval`, each `expect` left for the fact
    writer to fill in (eval refuses an empty one, so nothing passes unfilled)."""
    out = [
        f"# Questions the bot declined, {_period(report)}, most asked first.",
        "# For each one worth answering write what the answer must contain in expect (groups of",
        "# alternatives, e.g. [[paris, france], [1900]]), or abstain: true where the bot should keep",
        "# declining; delete the rest, move the cases into your question set and run pactbot eval",
        "# (facts/README.md).",
        "cases:",
    ]
    for group in report.unanswered:
        times = "once" if group.count == 1 else f"{group.count} times"
        out.append(f"  # asked {times}, last {_iso(group.last_asked)}")
        out += [f"  #   also as {_quoted(variant)}" for variant in group.variants[:VARIANTS_SHOWN]]
        out += [f"  - q: {_quoted(group.question)}", "    cat: unanswered", "    expect: []"]
    if not report.unanswered:
        out[-1] = "cases: []  # nothing went unanswered in this period"
    return "\n".join(out) + "\n"
