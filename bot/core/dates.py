"""Dates in questions and answers: finding "14 March 1850", "1850-03-14" or "in 1855" in a
question, writing a date the way a language writes it, and spans like "13 years and 7 months".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.language import PrefixIndex

_YEAR = r"(1[0-9]{3}|20[0-9]{2})"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date whose month and day may be unknown ("1850-10", "1855"): an event's date in a fact file,
    or the date or year a question names. It stands for every day from `first_day` to `last_day`."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return self.first_day
        if self.month is not None:
            return dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)


AskedDate = PartialDate  # the same thing, named for where a question's date is read


def date_problem(year: int, month: int | None, day: int | None) -> str | None:
    """Why `year`-`month`-`day` (month and day optional) is no calendar date, or None if it is one."""
    try:  # not `month or 1`: that would read month 00 as January and day 00 as the 1st
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as exc:
        return str(exc)
    return None


def _valid(year: int, month: int | None, day: int | None) -> bool:
    return date_problem(year, month, day) is None


class DateReader:
    """Finds dates in folded question text, with the month words of every known language."""

    def __init__(self, month_words: Mapping[str, int]) -> None:
        # The month slot takes any word and is checked against the month words afterwards: a regex
        # alternation of every month form in every language takes long to compile at start-up.
        word = r"([^\W\d_]+)"
        self._month_words = PrefixIndex(month_words.items())
        self._iso = re.compile(rf"\b{_YEAR} (\d{{1,2}}) (\d{{1,2}})\b")
        self._with_day = (
            (re.compile(rf"\b(\d{{1,2}}) (?:of )?{word} {_YEAR}\b"), "dmy"),
            (re.compile(rf"\b{word} (\d{{1,2}})(?:st|nd|rd|th)? {_YEAR}\b"), "mdy"),
            (re.compile(rf"\b{_YEAR}(?: m)? {word} (\d{{1,2}})\b"), "ymd"),
        )
        self._without_day = (
            (re.compile(rf"\b{word} (?:of )?{_YEAR}\b"), "my"),
            (re.compile(rf"\b{_YEAR}(?: m)? {word}\b"), "ym"),  # "1939 m. rugsėjo mėn.", "1939 сентябрь"
        )
        self._year = re.compile(rf"\b{_YEAR}\b")

    def _month(self, word: str) -> int | None:
        return self._month_words.get(word)

    def days(self, folded: str) -> set[tuple[int, int, int]]:
        """Every whole date (year, month, day) in `folded` text."""
        return set(self._whole_dates(folded))

    def _whole_dates(self, folded: str) -> Iterator[tuple[int, int, int]]:
        """The whole dates in `folded` text, ISO ones first, each as (year, month, day)."""
        for match in self._iso.finditer(folded):
            if _valid(int(match[1]), int(match[2]), int(match[3])):
                yield int(match[1]), int(match[2]), int(match[3])
        for pattern, order in self._with_day:
            for match in pattern.finditer(folded):
                groups = dict(zip(order, match.groups(), strict=True))
                named_month = self._month(groups["m"])
                year, day = int(groups["y"]), int(groups["d"])
                if named_month and _valid(year, named_month, day):
                    yield year, named_month, day

    def months(self, folded: str) -> set[tuple[int, int]]:
        """Every month of a year (year, month) in `folded` text, with or without its day."""
        return {(year, month) for year, month, _ in self._whole_dates(folded)} | set(
            self.months_without_day(folded)
        )

    def months_without_day(self, folded: str) -> Iterator[tuple[int, int]]:
        """The months named with a year but no day in `folded` text, each as (year, month)."""
        for pattern, order in self._without_day:
            for match in pattern.finditer(folded):
                groups = dict(zip(order, match.groups(), strict=True))
                named_month = self._month(groups["m"])
                if named_month:
                    yield int(groups["y"]), named_month

    def find(self, folded: str) -> AskedDate | None:
        """The most specific date in `folded` text (already passed through `fold`), if any."""
        year = self._year.search(folded)
        if year is None:
            return None  # every date the patterns below read has a year
        whole = next(self._whole_dates(folded), None)
        if whole is not None:
            return AskedDate(*whole)
        month = next(self.months_without_day(folded), None)
        if month is not None:
            return AskedDate(*month)
        return AskedDate(int(year[1]))


def format_date(day: dt.date, table: Mapping[str, Any]) -> str:
    months: Sequence[str] = table["month_names"]
    return str(table["date_format"]).format(day=day.day, month=months[day.month - 1], year=day.year)


def format_asked(asked: AskedDate, table: Mapping[str, Any]) -> str:
    if asked.day is not None:
        return format_date(asked.first_day, table)
    if asked.month is not None:
        months: Sequence[str] = (
            table["month_names_standalone"] if "month_names_standalone" in table else table["month_names"]
        )
        return str(table["month_format"]).format(month=months[asked.month - 1], year=asked.year)
    return str(table.get("year_format", "{year}")).format(year=asked.year)


def span_parts(start: dt.date, end: dt.date) -> tuple[int, int, int]:
    """Whole years, months and days from `start` to `end` (calendar arithmetic, not 365-day years)."""
    years = end.year - start.year
    months = end.month - start.month
    days = end.day - start.day
    if days < 0:
        months -= 1
        previous_month_end = end.replace(day=1) - dt.timedelta(days=1)
        days += previous_month_end.day
    if months < 0:
        years -= 1
        months += 12
    return years, months, days


def plural(count: int, forms: Sequence[str], rule: str = "en") -> str:
    """The word form for `count`: English (one/many), or the Slavic/Baltic three-form rules."""
    if rule == "ru" and len(forms) >= 3:
        if count % 10 == 1 and count % 100 != 11:
            return forms[0]
        if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
            return forms[1]
        return forms[2]
    if rule == "lt" and len(forms) >= 3:
        if count % 10 == 1 and count % 100 != 11:
            return forms[0]
        if count % 10 == 0 or 11 <= count % 100 <= 19:
            return forms[2]
        return forms[1]
    return forms[0] if count == 1 else forms[-1]


def format_span(start: dt.date, end: dt.date, table: Mapping[str, Any]) -> str:
    templates = table["templates"]
    rule = str(table.get("plural_rule", "en"))
    years, months, days = span_parts(start, end)
    parts = [
        f"{n} {plural(n, templates[unit], rule)}"
        for n, unit in ((years, "years"), (months, "months"), (days, "days"))
        if n
    ]
    if not parts:
        return f"0 {plural(0, templates['days'], rule)}"
    if years == 0 and months == 0:
        return parts[0]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {templates['and']} " + parts[-1]


# The units a span can be counted in, and how many days each is (months and years are calendar spans).
UNIT_DAYS = {"day": 1.0, "week": 7.0}
# Asked in years or months, a span this far past its whole units rounds up ("about 20 years"), as
# anyone counting would: half a year, half a month.
MONTHS_TO_ROUND_UP = 6
DAYS_TO_ROUND_UP = 15


def _months_later(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole `months`, kept within the month it lands in (31 January + 1: 28 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    last = calendar.monthrange(target_year, target_month)[1]
    return dt.date(target_year, target_month, min(day.day, last))


def format_between(start: PartialDate, end: PartialDate, unit: str | None, table: Mapping[str, Any]) -> str:
    """The time from `start` to `end` in the unit asked ("day", "week", "month", "year"), with the
    exact span beside it; for dates known only to the month or year, a rounded figure ("about 6 years")."""
    templates = table["templates"]
    rule = str(table.get("plural_rule", "en"))

    def counted(count: int, key: str) -> str:
        return f"{count} {plural(count, templates[key], rule)}"

    if start.day is None or end.day is None:
        # A date known only to the month or year: whole months, or whole years, are all it supports.
        if start.month is None or end.month is None:
            return str(templates["span_about"]).format(span=counted(end.year - start.year, "years"))
        months = (end.year - start.year) * 12 + end.month - start.month
        if months < 12:
            return str(templates["span_about"]).format(span=counted(months, "months"))
        return str(templates["span_about"]).format(span=counted(round(months / 12), "years"))
    days = (end.first_day - start.first_day).days
    natural = format_span(start.first_day, end.first_day, table)
    if unit is None or unit == "day":
        return counted(days, "days") if unit == "day" or days < 32 else f"{natural} ({counted(days, 'days')})"
    if unit in ("month", "year"):
        # "13 years, 7 months and 6 days" leads with the whole years. Asked in years, a span closer to
        # the next year also gives that rounded figure; asked in months, more than a year also gives
        # the whole months ("55 months (4 years, 7 months and 8 days)"), and a span closer to the next
        # month the rounded figure ("about 9 months (8 months and 30 days)").
        first, last = start.first_day, end.first_day
        months = (last.year - first.year) * 12 + last.month - first.month - (last.day < first.day)
        about = str(templates["span_about"])
        if unit == "year" and months % 12 >= MONTHS_TO_ROUND_UP:
            return f"{about.format(span=counted(months // 12 + 1, 'years'))} ({natural})"
        if unit == "month":
            since = _months_later(first, months)
            if (last - since).days >= DAYS_TO_ROUND_UP:
                return f"{about.format(span=counted(months + 1, 'months'))} ({natural})"
            if months >= 12:
                return f"{counted(months, 'months')} ({natural})"
        return natural
    weeks = days / UNIT_DAYS["week"]
    shown = (
        counted(round(weeks), "weeks")
        if abs(weeks - round(weeks)) < 0.05
        else f"{weeks:.1f} " + str(plural(int(weeks), templates["weeks"], rule))
    )
    return f"{shown} ({counted(days, 'days')})"
