"""The health endpoint tells a monitor when the beat or worker stopped, or work is stuck."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review, State
from models._base import utcnow
from services import health
from tests.conftest import login
from tests.integration.journey import confirm, submit_review

pytestmark = pytest.mark.integration


def test_health_follows_the_sweep_and_stuck_work(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    first = client.get("/gezondheid")
    assert first.status_code == 503  # no sweep has run yet: the beat or worker is not running
    assert first.get_json()["last_sweep_seconds"] is None
    health.beat(settings)
    ok = client.get("/gezondheid")
    assert ok.status_code == 200, ok.get_json()
    assert ok.get_json()["database"] is True
    submit_review(client)
    confirm(client, settings)  # no worker: the review waits in `submitted`
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        assert review.state == State.SUBMITTED
        review.state_changed_at = utcnow() - timedelta(hours=1)
        session.add(review)
        session.commit()
    stuck = client.get("/gezondheid")
    assert stuck.status_code == 503
    assert stuck.get_json()["stuck"] == 1
    moderator = client.application.test_client()
    login(moderator, accounts["moderator"])
    dashboard = moderator.get("/redactie/dashboard").text
    assert 'id="stuck"' in dashboard  # the redactie sees it too
    assert "1 ingestuurde teksten wachten langer dan" in dashboard
