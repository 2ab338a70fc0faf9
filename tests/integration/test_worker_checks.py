"""The worker runs the real checks with the Redis-backed LSH index and the database history."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import FindingRow, ModerationReport, Review, State
from tests.integration.journey import confirm, submit_review, wait_state

pytestmark = pytest.mark.integration

STORY = (
    "De juffen zijn warm en geduldig, we krijgen elke dag een verslagje met foto's via de "
    "app en het eten is vers. Enige minpunt is het parkeren aan de ingang 's morgens."
)


def _reviews(engine: Any) -> list[Review]:
    with Session(engine) as session:
        return list(session.exec(select(Review).order_by(col(Review.id))))


def test_copy_from_another_reviewer_is_flagged_with_the_original(
    client: Any, engine: Any, settings: Any, worker: Any
) -> None:
    submit_review(client, story=STORY, email="eerste@example.be")
    confirm(client, settings)
    first = _reviews(engine)[0]
    assert first.id is not None
    wait_state(engine, Review, first.id, State.AWAITING_MODERATION)

    other = client.application.test_client()
    submit_review(
        other, facility_id=2, story=STORY.replace("vers", "lekker"), email="tweede@example.be"
    )
    confirm(other, settings)
    second = _reviews(engine)[1]
    assert second.id is not None
    wait_state(engine, Review, second.id, State.AWAITING_MODERATION)
    with Session(engine) as session:
        reports = {r.subject_id: r for r in session.exec(select(ModerationReport))}
        dup = session.exec(select(FindingRow).where(FindingRow.check == "near_duplicate")).all()
    assert "near_duplicate" not in reports[first.id].flag_list
    assert "near_duplicate" in reports[second.id].flag_list
    assert [f.related_id for f in dup] == [f"review:{first.id}"]
