"""The policy is data: one file, loaded once; the form and the worker share one interval rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from moderation import Submission
from moderation.history import InMemoryHistory
from moderation.interval import next_review_allowed
from moderation.policy import PolicyError, load_policy, parse_policy
from moderation.reliability.history_rules import interval


def test_the_shipped_policy_file_loads() -> None:
    policy = load_policy()
    assert policy.reliability.interval_for("kinderopvang") == 12


def test_one_sector_interval_is_one_line() -> None:
    policy = parse_policy("[reliability.interval_months_per_sector]\nouderenzorg = 6\n")
    assert policy.reliability.interval_for("ouderenzorg") == 6
    assert policy.reliability.interval_for("jeugdhulp") == 12


@pytest.mark.parametrize(
    "text",
    [
        "[reliability]\nintervalmonths = 6\n",  # a typo must not be ignored
        "[privacy]\nx = 1\n",
        '[reliability]\ninterval_months = "zes"\n',
    ],
)
def test_a_wrong_policy_file_fails_at_start_up(text: str) -> None:
    with pytest.raises(PolicyError):
        parse_policy(text)


def _review(n: int, at: datetime) -> Submission:
    return Submission(
        id=f"review:{n}",
        kind="review",
        facility_id="1",
        facility_name="De Rupsjes",
        sector="ouderenzorg",
        municipality="Gent",
        reviewer_id="reviewer:1",
        submitted_at=at,
        text="Goede zorg en vriendelijke mensen.",
        ratings={"1": 4},
    )


@pytest.mark.parametrize("months", [1, 6, 12])
@pytest.mark.parametrize(
    "first", [datetime(2026, 1, 31, 9, tzinfo=UTC), datetime(2026, 8, 31, 9, tzinfo=UTC)]
)
def test_the_worker_flags_exactly_until_the_day_the_form_allows(
    months: int, first: datetime
) -> None:
    policy = parse_policy(f"[reliability.interval_months_per_sector]\nouderenzorg = {months}\n")
    allowed = next_review_allowed(first, months)
    history = InMemoryHistory()
    history.remember(_review(1, first), ())
    just_before = _review(2, allowed - timedelta(minutes=1))
    on_the_day = _review(3, allowed)
    assert interval(just_before, history, policy.reliability)
    assert not interval(on_the_day, history, policy.reliability)
