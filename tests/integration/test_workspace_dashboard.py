"""The moderators' dashboard counts decisions that stand: an undone decision is not counted."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session

from models import Review
from tests.conftest import csrf_from, login
from tests.integration.journey import queued_review

pytestmark = pytest.mark.integration


def _queued(client: Any, engine: Any, settings: Any, email: str) -> int:
    return queued_review(client, engine, settings, email=email)


def test_dashboard_counts_standing_decisions_and_the_target(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    published, returned, undone, waiting = (
        _queued(client, engine, settings, f"{n}@example.be") for n in "abcd"
    )
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    token = csrf_from(mod.get("/redactie/").text)

    def decide(rid: int, action: str, reason: str = "") -> None:
        mod.get(f"/redactie/review/{rid}")
        data = {"csrf_token": token, "action": action, "reason": reason}
        mod.post(f"/redactie/review/{rid}/beslissing", data=data)

    decide(published, "publish")
    decide(returned, "return", "taal")
    decide(undone, "reject", "reclame")
    mod.post(f"/redactie/review/{undone}/ongedaan", data={"csrf_token": token})

    # Fix the arrival times against the decision times: one on time, one four days late.
    with Session(engine) as session:
        for rid, back in ((published, timedelta(0)), (returned, timedelta(days=4))):
            review = session.get(Review, rid)
            assert review is not None
            assert review.decided_at is not None
            review.submitted_at = review.decided_at - back
            session.add(review)
        session.commit()

    page = mod.get("/redactie/dashboard").text
    label = re.search(r'aria-label="Beslissingen per reden \(90 dagen\): ([^"]*)"', page)
    assert label is not None
    assert sorted(label.group(1).split(", ")) == ["gepubliceerd 1", "taal 1"]
    assert "reclame" not in page  # undone within the window: not a decision that stands
    # Two items wait: the one never touched and the undone one; both are young.
    assert re.search(r"In de wachtrij: <strong>2</strong>", page)
    assert "<td>minder dan 4 uur</td><td>2</td>" in page
    assert '<strong id="on-time">50%</strong>' in page
    weeks = re.search(r'aria-label="Signalen per week: ([^"]*)"', page)
    assert weeks is not None
    assert len(weeks.group(1).split(", ")) == 12  # weeks without flags are shown too
    assert page.count("<details>") == 3  # every chart also as a table
    assert waiting
