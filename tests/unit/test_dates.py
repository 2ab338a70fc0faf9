"""Date arithmetic behind the interval notice and the turnaround message."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.interval import add_months
from services.notices import working_days_between


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2026, 3, 3), 12, datetime(2027, 3, 3)),
        (datetime(2026, 1, 31), 1, datetime(2026, 2, 28)),
        (datetime(2024, 2, 29), 12, datetime(2025, 2, 28)),
        (datetime(2026, 11, 15), 3, datetime(2027, 2, 15)),
    ],
)
def test_add_months(start: datetime, months: int, expected: datetime) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime(2026, 11, 20), datetime(2026, 11, 23), 1),  # Friday -> Monday
        (datetime(2026, 11, 23), datetime(2026, 11, 27), 4),  # Monday -> Friday
        (datetime(2026, 11, 23), datetime(2026, 11, 23), 0),
        (datetime(2026, 11, 16), datetime(2026, 11, 30), 10),
    ],
)
def test_working_days_between(start: datetime, end: datetime, expected: int) -> None:
    assert working_days_between(start, end) == expected


def _walked(start: datetime, end: datetime) -> int:
    """The definition, day by day: weekdays after start's date, up to end's."""
    days, day = 0, start.date()
    while day < end.date():
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


@given(
    start=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
    span=st.timedeltas(min_value=timedelta(days=-20), max_value=timedelta(days=400)),
)
def test_working_days_between_counts_as_walking_the_days(start: datetime, span: timedelta) -> None:
    assert working_days_between(start, start + span) == _walked(start, start + span)
