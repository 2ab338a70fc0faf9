"""What the interval rule, reports and the facility dashboard read of past reviews."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models._base import utcnow
from models.audit import AuditEvent
from models.facility import Facility
from models.review import Review, ReviewAnswer
from models.states import State

COUNTED_STATES = [
    State.SUBMITTED,
    State.CHECKING,
    State.AWAITING_MODERATION,
    State.PUBLISHED,
    State.ESCALATED,
    State.RETURNED,
]


def last_review_by(session: Session, reviewer_id: int, facility_id: int) -> Review | None:
    """The newest review this reviewer gave this facility that counts for the interval rule."""
    return session.exec(
        select(Review)
        .where(
            Review.reviewer_id == reviewer_id,
            Review.facility_id == facility_id,
            col(Review.state).in_(COUNTED_STATES),
        )
        .order_by(col(Review.submitted_at).desc())
    ).first()


@dataclass
class ReportedReview:
    """A published review that a facility reported to the moderators."""

    review_id: int
    facility: str
    reported_at: datetime
    reason: str


def reported_reviews(session: Session) -> list[ReportedReview]:
    """Open reports: a 'report' audit event on a published review with no handling after it."""
    events = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.subject_kind == "review",
            col(AuditEvent.reason_code).in_(["report", "report_handled"]),
        )
        .order_by(col(AuditEvent.id))
    ).all()
    open_reports: dict[int, AuditEvent] = {}
    for event in events:
        if event.reason_code == "report":
            open_reports.setdefault(event.subject_id, event)
        else:
            open_reports.pop(event.subject_id, None)
    out = []
    for review_id, event in open_reports.items():
        row = session.exec(
            select(Review.state, Facility.name)
            .join(Facility, col(Facility.id) == Review.facility_id)
            .where(Review.id == review_id)
        ).first()
        if row is not None and row[0] == State.PUBLISHED:
            out.append(ReportedReview(review_id, row[1], event.at, event.note or ""))
    return sorted(out, key=lambda r: r.reported_at)


def scores_over_time(
    session: Session, facility_id: int, quarters: int = 8
) -> list[tuple[str, float, int]]:
    """(quarter, average score over all themes, number of answers) for published reviews."""
    since = utcnow() - timedelta(days=92 * quarters)
    rows = session.exec(
        select(Review.published_at, ReviewAnswer.score)
        .join(ReviewAnswer, col(ReviewAnswer.review_id) == Review.id)
        .where(
            Review.facility_id == facility_id,
            Review.state == State.PUBLISHED,
            col(Review.published_at) >= since,
        )
    ).all()
    buckets: dict[str, list[int]] = defaultdict(list)
    for published, score in rows:
        if published is not None:
            buckets[f"{published.year} K{(published.month - 1) // 3 + 1}"].append(score)
    return [(q, sum(v) / len(v), len(v)) for q, v in sorted(buckets.items())]
