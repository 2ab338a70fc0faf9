"""Retention: originals and e-mail addresses are deleted on schedule."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Reply, Review, Reviewer, State
from models._base import utcnow


def purge_originals(engine: Engine, retention_days: int) -> int:
    """Replace originals by their redacted text and drop e-mail addresses after retention."""
    limit = utcnow() - timedelta(days=retention_days)
    final = [State.PUBLISHED, State.REJECTED, State.WITHDRAWN, State.REMOVED]
    purged = 0
    with Session(engine) as session:
        from models import ReviewAnswer

        reviews = session.exec(
            select(Review).where(
                col(Review.state).in_(final),
                col(Review.decided_at) < limit,
                col(Review.originals_purged).is_(False),
            )
        ).all()
        for review in reviews:
            review.story = review.story_redacted or ""
            for answer in session.exec(
                select(ReviewAnswer).where(ReviewAnswer.review_id == review.id)
            ):
                answer.text = answer.text_redacted or ""
                session.add(answer)
            review.originals_purged = True
            session.add(review)
            reviewer = session.get(Reviewer, review.reviewer_id)
            if reviewer is not None:
                reviewer.email_for_notice = None
                session.add(reviewer)
            purged += 1
        replies = session.exec(
            select(Reply).where(
                col(Reply.state).in_(final),
                col(Reply.decided_at) < limit,
                col(Reply.originals_purged).is_(False),
            )
        ).all()
        for reply in replies:
            reply.text = reply.text_redacted or ""
            reply.originals_purged = True
            session.add(reply)
            purged += 1
        session.commit()
    return purged
