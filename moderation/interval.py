"""The re-review interval: when one person may review the same facility again."""

from __future__ import annotations

import calendar
from datetime import datetime


def add_months(when: datetime, months: int) -> datetime:
    """The same day `months` later (clamped to the month's last day)."""
    month0 = when.month - 1 + months
    year, month = when.year + month0 // 12, month0 % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def next_review_allowed(last_review_at: datetime, months: int) -> datetime:
    """The first moment a new review is allowed after one given at `last_review_at`.

    The form (before anything is stored) and the worker (the interval flag) both ask this,
    so they never disagree by a few days.
    """
    return add_months(last_review_at, months)
