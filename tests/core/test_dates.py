"""Dates: reading them in questions (a month or day written as 00 is no date, not January or the 1st),
and the time between two of them in the unit asked."""

from __future__ import annotations

import pytest

from bot.core.dates import AskedDate, DateReader, PartialDate, format_between
from bot.core.language import language
from bot.core.normalize import fold

READER = DateReader({"september": 9, "january": 1})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what happened on 1926-09-28", AskedDate(1926, 9, 28)),
        # 00 is no month and no day: what is left of the date is its year.
        ("what happened on 1926-00-28", AskedDate(1926)),
        ("what happened on 1926-09-00", AskedDate(1926)),
        ("what happened on 0 September 1926", AskedDate(1926, 9)),
        ("what happened on September 0 1926", AskedDate(1926)),
    ],
)
def test_month_and_day_zero_are_not_read_as_dates(question: str, expected: AskedDate) -> None:
    assert READER.find(fold(question)) == expected


@pytest.mark.parametrize(
    ("start", "end", "unit", "expected"),
    [
        # asked in years, a span nearer the next year gives the rounded figure too
        ((1920, 7, 12), (1940, 6, 15), "year", "about 20 years (19 years, 11 months and 3 days)"),
        ((1926, 11, 9), (1931, 5, 6), "year", "4 years, 5 months and 27 days"),
        # asked in months, more than a year gives the whole months too
        ((1926, 9, 28), (1931, 5, 6), "month", "55 months (4 years, 7 months and 8 days)"),
        ((1926, 9, 28), (1927, 3, 4), "month", "5 months and 4 days"),
        # ... and a span closer to the next month, the rounded figure
        ((1933, 7, 5), (1934, 4, 4), "month", "about 9 months (8 months and 30 days)"),
    ],
)
def test_a_span_is_given_in_the_unit_asked(
    start: tuple[int, int, int], end: tuple[int, int, int], unit: str, expected: str
) -> None:
    table = language("en").table
    assert format_between(PartialDate(*start), PartialDate(*end), unit, table) == expected
