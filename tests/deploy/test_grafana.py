"""deploy/grafana/pactbot.json: importable as it is, and every query asks for series the bot exports.

Each panel's PromQL is parsed by promql-parser (the Rust parser's Python bindings, in the test
extra), so a syntax error fails here rather than as an empty panel. Every selector must name a series
`bot.metrics.Metrics` exports, with labels it has and, where a label takes a known set of values
(outcome, vote, result), one of those values; every `by (...)` must group by labels its series carry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import promql_parser
import pytest

from bot.metrics import OUTCOMES, RECORD_RESULTS, Metrics

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "pactbot.json"
# What Grafana puts in place of its own variables before a query is sent, near enough for parsing.
GRAFANA_BUILTINS = {"__rate_interval": "5m", "__interval": "1m", "__range": "1d"}
KNOWN_VALUES = {"outcome": set(OUTCOMES), "vote": {"up", "down"}, "result": set(RECORD_RESULTS)}
SERIES_SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}


def exported_series() -> dict[str, set[str]]:
    """Every series name the bot's /metrics can carry, with the label names each has."""
    series: dict[str, set[str]] = {}
    for metric in vars(Metrics()).values():
        kind = getattr(metric, "_type", None)
        if kind not in SERIES_SUFFIXES:
            continue
        labels = set(metric._labelnames)
        for suffix in SERIES_SUFFIXES[kind]:
            series[metric._name + suffix] = labels | ({"le"} if suffix == "_bucket" else set())
    return series


def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def panels(board: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for panel in board["panels"]:
        yield panel
        yield from panel.get("panels", [])  # a collapsed row keeps its panels inside


def queries(board: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for panel in panels(board):
        for target in panel.get("targets", []):
            yield panel["title"], target["expr"]


def variables(board: dict[str, Any]) -> dict[str, str]:
    """Each dashboard variable with a value that stands for all of its values."""
    return {v["name"]: v.get("allValue", ".*") for v in board["templating"]["list"]} | GRAFANA_BUILTINS


def problems_in(expr: str, series: dict[str, set[str]], values: dict[str, str]) -> list[str]:
    """What is wrong with one panel query; [] when every selector and grouping is one the bot exports."""
    names = set(re.findall(r"\$\{?(\w+)", expr))
    unknown = sorted(names - values.keys())
    if unknown:
        return [f"undefined dashboard variable(s) {unknown}"]
    concrete = re.sub(r"\$\{?(\w+)\}?", lambda m: values[m.group(1)], expr)
    try:
        tree = promql_parser.parse(concrete)
    except ValueError as exc:
        return [f"PromQL does not parse: {exc}"]
    found: list[str] = []

    def check(node: promql_parser.Expr) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            labels = series.get(node.name or "")
            if labels is None:
                found.append(f"{node.name} is not a series the bot exports")
                return
            for matcher in node.matchers.matchers:
                if matcher.name not in labels:
                    found.append(f"{node.name} has no label {matcher.name!r}")
                allowed = KNOWN_VALUES.get(matcher.name)
                if allowed is None or matcher.value == ".*":  # a variable standing for all values
                    continue
                regex = matcher.op is promql_parser.MatchOp.Re
                wanted = matcher.value.split("|") if regex else [matcher.value]
                found.extend(f"{matcher.name}={v!r} never occurs" for v in wanted if v not in allowed)
        if isinstance(node, promql_parser.AggregateExpr) and node.modifier is not None:
            inner: list[set[str]] = []
            promql_parser.walk(node.expr, lambda n: inner.append(series.get(n.name or "", set()))
                               if isinstance(n, promql_parser.VectorSelector) else None)
            for label in node.modifier.labels:
                if not any(label in labels for labels in inner):
                    found.append(f"grouped by {label!r}, which none of its series carries")

    promql_parser.walk(tree, check)
    return found


def test_the_dashboard_is_a_grafana_dashboard_ready_to_import() -> None:
    board = dashboard()
    assert board["title"] == "pactbot" and board["uid"] and isinstance(board["schemaVersion"], int)
    assert board.get("id") is None  # an exported id would clash with the importing Grafana's own
    (source,) = [v for v in board["templating"]["list"] if v["type"] == "datasource"]
    assert source["query"] == "prometheus"
    ids = [p["id"] for p in panels(board)]
    assert len(ids) == len(set(ids))
    for panel in panels(board):
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24 and grid["h"] > 0, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": f"${{{source['name']}}}"}, panel["title"]
        refs = [t["refId"] for t in panel["targets"]]
        assert refs and len(refs) == len(set(refs)), panel["title"]
        assert all(t["datasource"] == panel["datasource"] for t in panel["targets"]), panel["title"]


def test_every_query_asks_for_series_and_labels_the_bot_exports() -> None:
    board = dashboard()
    series, values = exported_series(), variables(board)
    assert {"pactbot_questions_total", "pactbot_answer_seconds_bucket", "pactbot_backend_up"} <= series.keys()
    checked = 0
    for title, expr in queries(board):
        assert problems_in(expr, series, values) == [], (title, expr)
        checked += 1
    assert checked >= 15


def test_the_dashboard_shows_what_operators_asked_for() -> None:
    shown = " ".join(expr for _, expr in queries(dashboard()))
    for wanted in ("pactbot_questions_total", 'outcome="declined"', "pactbot_answer_seconds_bucket",
                   "pactbot_votes_total", "pactbot_fact_reloads_total", "pactbot_fact_reload_failures_total",
                   "pactbot_backend_up", "pactbot_records_total", "pactbot_reconnects_total"):
        assert wanted in shown, wanted


@pytest.mark.parametrize(("expr", "problem"), [
    ("sum(rate(pactbot_question_total[5m]))", "pactbot_question_total is not a series the bot exports"),
    ("sum(rate(pactbot_answer_seconds[5m]))", "pactbot_answer_seconds is not a series"),
    ('sum(rate(pactbot_questions_total{shard="1"}[5m]))', "pactbot_questions_total has no label 'shard'"),
    ('sum(rate(pactbot_questions_total{outcome="refused"}[5m]))', "outcome='refused' never occurs"),
    ('sum(rate(pactbot_questions_total{outcome=~"answered|skipped"}[5m]))', "outcome='skipped' never occurs"),
    ("sum by (vote) (rate(pactbot_questions_total[5m]))", "grouped by 'vote', which none of its series"),
    ("sum(rate(pactbot_questions_total[$interval]))", "undefined dashboard variable(s) ['interval']"),
    ("sum(rate(pactbot_questions_total[5m])", "PromQL does not parse"),
])
def test_the_check_catches_what_would_leave_a_panel_empty(expr: str, problem: str) -> None:
    found = problems_in(expr, exported_series(), variables(dashboard()))
    assert any(p.startswith(problem) for p in found), found
