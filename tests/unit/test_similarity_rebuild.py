"""A fresh near-duplicate index is filled again from the stored, moderated submissions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, SQLModel, create_engine

from models import ModerationReport, Reply, Review, ReviewAnswer
from moderation.reliability import NearDuplicateIndex
from workers.db_history import rebuild_index

STORY = "De kinesist komt twee keer per week langs en neemt echt de tijd voor ons moeke."


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


def _review(session: Session, n: int, story: str, reported: bool) -> int:
    review = Review(
        facility_id=1,
        reviewer_id=n,
        story=story,
        form_key=f"form-{n}",
        author_token=f"token-{n}",
        submitted_at=datetime(2026, 4, n, tzinfo=UTC),
    )
    session.add(review)
    session.flush()
    assert review.id is not None
    session.add(ReviewAnswer(review_id=review.id, theme=1, score=4, text="Vriendelijk."))
    if reported:
        session.add(
            ModerationReport(
                subject_kind="review", subject_id=review.id, content_hash=f"h{n}", route="publish"
            )
        )
    return review.id


def test_moderated_reviews_and_replies_are_indexed_once(session: Session) -> None:
    first = _review(session, 1, STORY, reported=True)
    _review(session, 2, "Een tekst die nog op zijn moderatie wacht, over de tuin.", reported=False)
    reply = Reply(review_id=first, facility_id=1, account_id=1, text="Bedankt!", form_key="r1")
    session.add(reply)
    session.flush()
    assert reply.id is not None
    session.add(
        ModerationReport(
            subject_kind="reply", subject_id=reply.id, content_hash="r", route="review"
        )
    )
    session.commit()
    index = NearDuplicateIndex()
    assert rebuild_index(session, index, batch=1) == 2
    copy = "Vriendelijk.\n\n" + STORY.replace("twee keer", "2 keer")
    assert index.candidates(copy) == [f"review:{first}"]
    assert f"reply:{reply.id}" in index.lsh
    assert rebuild_index(session, index) == 2  # offered again, stored once
    assert len(index.candidates(copy)) == 1
