"""Reading dates in questions: a month or day written as 00 is no date, not January or the 1st."""

from __future__ import annotations

import pytest

from bot.core.dates import AskedDate, DateReader
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
