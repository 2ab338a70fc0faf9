"""Steps of the review journey through the Flask test client, shared by the integration tests."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from models import Reply, Review
from tests.conftest import confirm_link, csrf_from, wait_for


def review_form(client: Any, facility_id: int = 1) -> dict[str, str]:
    """Open the form and return its hidden fields (CSRF token and form key)."""
    page = client.get(f"/voorziening/{facility_id}/waardering")
    assert page.status_code == 200
    import re

    key = re.search(r'name="form_key" type="hidden" value="([^"]+)"', page.text)
    assert key
    return {"csrf_token": csrf_from(page.text), "form_key": key.group(1)}


def submit_review(client: Any, facility_id: int = 1, **fields: str) -> Any:
    """Post a review with sensible defaults overridden by `fields`."""
    data = review_form(client, facility_id)
    data.update(
        {
            "score_1": "4",
            "score_2": "5",
            "text_1": "De begeleiding is heel warm.",
            "story": "We zijn tevreden over de opvang.",
            "email": "ouder@example.be",
        }
    )
    data.update(fields)
    return client.post(f"/voorziening/{facility_id}/waardering", data=data)


def confirm(client: Any, settings: Any) -> Any:
    """Follow the confirmation link of the newest review, once the outbox delivered it."""
    return client.get(confirm_link(settings, client.application))


def state_of(engine: Any, model: type, subject_id: int) -> str:
    """The current state of a review or reply."""
    with Session(engine) as session:
        row = session.get(model, subject_id)
        assert row is not None
        return str(row.state)


def wait_state(engine: Any, model: type, subject_id: int, state: str) -> None:
    """Wait for the worker to move a submission to `state`."""
    wait_for(lambda: state_of(engine, model, subject_id) == state)


def queued_review(client: Any, engine: Any, settings: Any, **fields: str) -> int:
    """A family submits and confirms a review; the checks run in-process; its id."""
    from workers.moderation_job import run_moderation

    family = client.application.test_client()
    submit_review(family, **fields)
    confirm(family, settings)
    with Session(engine) as session:
        review = session.exec(select(Review).order_by(col(Review.id).desc())).first()
        assert review is not None
        assert review.id is not None
        run_moderation(session, "review", review.id)
        return review.id


def publish_reviews(
    engine: Any, stories: list[str], scores: dict[int, int], facility_id: int = 1
) -> list[int]:
    """Store published reviews straight in the database (one per story, same theme scores)."""
    import secrets

    from models import ReviewAnswer, Reviewer, State
    from models._base import utcnow

    ids = []
    with Session(engine) as session:
        for story in stories:
            reviewer = Reviewer(email_hmac=secrets.token_hex(32))
            session.add(reviewer)
            session.flush()
            review = Review(
                facility_id=facility_id,
                reviewer_id=reviewer.id or 0,
                state=State.PUBLISHED,
                story=story,
                story_redacted=story,
                form_key=secrets.token_hex(8),
                author_token=secrets.token_hex(8),
                submitted_at=utcnow(),
                published_at=utcnow(),
            )
            session.add(review)
            session.flush()
            for theme, score in scores.items():
                session.add(ReviewAnswer(review_id=review.id or 0, theme=theme, score=score))
            ids.append(review.id or 0)
        session.commit()
    return ids


__all__ = [
    "Reply",
    "Review",
    "confirm",
    "publish_reviews",
    "queued_review",
    "review_form",
    "state_of",
    "submit_review",
    "wait_state",
]


def decide(moderator: Any, kind: str, subject_id: int, action: str, **extra: Any) -> Any:
    """A logged-in moderator opens an item and takes a decision on it."""
    item = moderator.get(f"/redactie/{kind}/{subject_id}")
    return moderator.post(
        f"/redactie/{kind}/{subject_id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": action, **extra},
    )
