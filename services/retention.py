"""Retention: originals, finding excerpts, notes and e-mail addresses are deleted on schedule.

Every state has a rule. Decided items (published, rejected, withdrawn, removed, and returned
ones the author left alone) lose their originals `retention_days` after their last change; an
unconfirmed review loses its texts once its link has long expired. Nothing a pending decision
still needs is touched: items in the queue keep their texts, and an address stays while any
review of that person may still need a mail.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import (
    AuditEvent,
    FindingRow,
    ModerationReport,
    Reply,
    Review,
    ReviewAnswer,
    Reviewer,
    State,
)
from models._base import utcnow
from services.errors import Conflict, atomic

# Purged once the last change is older than the retention period.
PURGED_STATES = (
    State.PUBLISHED,
    State.REJECTED,
    State.WITHDRAWN,
    State.REMOVED,
    State.RETURNED,
    State.UNCONFIRMED,
)
# A reviewer's address is kept while any of their reviews waits here, or changed recently.
NEEDS_ADDRESS = (State.SUBMITTED, State.CHECKING, State.AWAITING_MODERATION, State.ESCALATED)
PURGED_MESSAGE = "Tekstfragment verwijderd na de bewaartermijn."
PURGED_NOTE = "Notitie verwijderd na de bewaartermijn."


def _last_change(model: type[Review] | type[Reply]) -> object:
    return func.coalesce(model.decided_at, model.state_changed_at)


def _forget_excerpts(session: Session, kind: str, subject_id: int) -> None:
    """Finding messages may quote the original text: keep the kind and span, drop the words."""
    reports = select(ModerationReport.id).where(
        ModerationReport.subject_kind == kind, ModerationReport.subject_id == subject_id
    )
    session.execute(
        update(FindingRow)
        .where(col(FindingRow.report_id).in_(reports), col(FindingRow.message).contains("„"))
        .values(message=PURGED_MESSAGE)
        .execution_options(synchronize_session=False)
    )


def _forget_notes(session: Session, kind: str, subject_ids: object) -> None:
    """Notes in the audit log may name people: keep who did what and when, drop the words.

    The one sanctioned change to the append-only log: a Core UPDATE of the note alone (the
    ORM guard refuses every other change).
    """
    session.execute(
        update(AuditEvent)
        .where(
            col(AuditEvent.subject_kind) == kind,
            col(AuditEvent.subject_id).in_(subject_ids),  # type: ignore[arg-type]
            col(AuditEvent.note).is_not(None),
            col(AuditEvent.note) != PURGED_NOTE,
        )
        .values(note=PURGED_NOTE)
        .execution_options(synchronize_session=False)
    )


@atomic
def _purge_review(session: Session, review: Review) -> None:
    unconfirmed = review.state == State.UNCONFIRMED
    review.story = "" if unconfirmed else review.story_redacted or ""
    for answer in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == review.id)):
        answer.text = "" if unconfirmed else answer.text_redacted or ""
        session.add(answer)
    review.originals_purged = True
    session.add(review)
    _forget_excerpts(session, "review", review.id or 0)
    _forget_notes(session, "review", [review.id or 0])
    session.commit()


@atomic
def _purge_reply(session: Session, reply: Reply) -> None:
    reply.text = reply.text_redacted or ""
    reply.originals_purged = True
    session.add(reply)
    _forget_excerpts(session, "reply", reply.id or 0)
    _forget_notes(session, "reply", [reply.id or 0])
    session.commit()


def _forget_addresses(session: Session, limit: datetime) -> None:
    """Drop each sealed address that no review of its owner may still need."""
    still_needed = select(Review.reviewer_id).where(
        col(Review.state).in_(NEEDS_ADDRESS) | (_last_change(Review) >= limit)  # type: ignore[operator]
    )
    session.execute(
        update(Reviewer)
        .where(col(Reviewer.email_for_notice).is_not(None), col(Reviewer.id).not_in(still_needed))
        .values(email_for_notice=None)
        .execution_options(synchronize_session=False)
    )
    # Notes about a person go with the last review that may still need them.
    _forget_notes(
        session, "reviewer", select(Reviewer.id).where(col(Reviewer.id).not_in(still_needed))
    )
    session.commit()


def purge_originals(engine: Engine, retention_days: int) -> int:
    """Apply the retention rules once; return how many reviews and replies were purged."""
    limit = utcnow() - timedelta(days=retention_days)
    purged = 0
    with Session(engine, expire_on_commit=False) as session:
        reviews = session.exec(
            select(Review).where(
                col(Review.state).in_(PURGED_STATES),
                _last_change(Review) < limit,  # type: ignore[operator]
                col(Review.originals_purged).is_(False),
            )
        ).all()
        for review in reviews:
            try:
                _purge_review(session, review)
            except Conflict:  # changed meanwhile: the next run looks again
                continue
            purged += 1
        replies = session.exec(
            select(Reply).where(
                col(Reply.state).in_(PURGED_STATES),
                _last_change(Reply) < limit,  # type: ignore[operator]
                col(Reply.originals_purged).is_(False),
            )
        ).all()
        for reply in replies:
            try:
                _purge_reply(session, reply)
            except Conflict:
                continue
            purged += 1
        _forget_addresses(session, limit)
    return purged
