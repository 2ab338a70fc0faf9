"""A facility's operations on a published review: reply, report it to the moderators."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col, select

from models import Reply, Review, State
from services.audit_log import add_note, move
from services.errors import Conflict, atomic
from services.language import known
from services.outbox import add_to_outbox, commit_and_enqueue
from services.platform import Platform

NOT_ONLINE = "Deze waardering staat niet meer online: je reactie werd niet bewaard."


def lock_published(session: Session, review_id: int) -> None:
    """Hold the review's row (its lock) while it is still published, or raise `Conflict`.

    The conditional write takes the row lock (PostgreSQL) or the write lock (SQLite): a
    removal or withdrawal at the same moment either waits for this transaction or has
    already made the review unpublished, and then this matches no row.
    """
    held = session.execute(
        update(Review)
        .where(col(Review.id) == review_id, col(Review.state) == State.PUBLISHED)
        .values(state=State.PUBLISHED)
        .execution_options(synchronize_session=False)
    )
    if held.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Conflict(NOT_ONLINE)


@atomic
def submit_reply(
    session: Session,
    platform: Platform,
    review: Review,
    account_id: int,
    text: str,
    form_key: str,
    language: str = "nl",
) -> Reply | None:
    """Store a reply to a review that is still published; None if this form was sent before."""
    if session.exec(select(Reply).where(Reply.form_key == form_key)).first() is not None:
        return None
    assert review.id is not None
    lock_published(session, review.id)
    new = Reply(
        review_id=review.id,
        facility_id=review.facility_id,
        account_id=account_id,
        text=text,
        form_key=form_key,
        state=State.SUBMITTED,
        language=known(language),
    )
    session.add(new)
    session.flush()
    assert new.id is not None
    move(session, "reply", new, State.SUBMITTED, f"account:{account_id}")
    row = add_to_outbox(session, "reply", new.id)
    commit_and_enqueue(session, platform.celery, [row])
    return new


def report_review(session: Session, review: Review, account_id: int, reason: str) -> None:
    """Report a published review to the moderators (an audit event; the review stays online)."""
    add_note(
        session, "review", review.id or 0, review.state, f"account:{account_id}", reason, "report"
    )
    session.commit()
