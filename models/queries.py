"""Queries that several adapters share: search, averages, published reviews, the queue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from models._base import utcnow
from models.audit import AuditEvent
from models.facility import Facility, ThemeQuestion
from models.moderation_report import ModerationReport
from models.reply import Reply
from models.review import Review, ReviewAnswer
from models.states import State


def visible() -> Any:
    """Published reviews whose publication moment has come (a notice period may delay it)."""
    return and_(col(Review.state) == State.PUBLISHED, col(Review.published_at) <= utcnow())


def search_facilities(
    session: Session,
    q: str = "",
    sector: str = "",
    limit: int = 50,
    offset: int = 0,
    kind: str = "",
) -> list[Facility]:
    """Facilities whose name, municipality or postcode contains `q`, by sector and type."""
    query = select(Facility).where(col(Facility.listed).is_(True))
    q = q.strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(Facility.name).like(like),
                func.lower(Facility.municipality).like(like),
                col(Facility.postcode).like(f"{q}%"),
            )
        )
    if sector:
        query = query.where(Facility.sector == sector)
    if kind:
        query = query.where(Facility.type == kind)
    # The id breaks ties, so that pages neither repeat nor skip a facility on PostgreSQL.
    query = query.order_by(col(Facility.name), col(Facility.id))
    return list(session.exec(query.offset(offset).limit(limit)))


def public_facility(session: Session, facility_id: int) -> Facility | None:
    """A facility the public may see (a sign-up waits for an admin's approval)."""
    fac = session.get(Facility, facility_id)
    return fac if fac is not None and fac.listed else None


def facility_types(session: Session) -> list[str]:
    """The types of facility that exist (groepsopvang, woonzorgcentrum...)."""
    return sorted(t for t in session.exec(select(Facility.type).distinct()) if t)


def theme_questions(session: Session, sector: str) -> list[ThemeQuestion]:
    """The eight questions of a sector, in theme order."""
    return list(
        session.exec(
            select(ThemeQuestion)
            .where(ThemeQuestion.sector == sector)
            .order_by(col(ThemeQuestion.number))
        )
    )


@dataclass
class ThemeScore:
    """The average and distribution of one theme's published answers."""

    number: int
    title: str
    average: float | None
    count: int
    distribution: dict[int, int] = field(default_factory=dict)


def theme_scores(session: Session, facility: Facility, years: int = 4) -> list[ThemeScore]:
    """Per-theme averages over published reviews of the last `years` years."""
    since = utcnow() - timedelta(days=365 * years)
    rows = session.exec(
        select(ReviewAnswer.theme, ReviewAnswer.score, func.count())
        .join(Review, col(Review.id) == ReviewAnswer.review_id)
        .where(
            Review.facility_id == facility.id,
            visible(),
            col(Review.published_at) >= since,
        )
        .group_by(col(ReviewAnswer.theme), col(ReviewAnswer.score))
    ).all()
    dist: dict[int, dict[int, int]] = defaultdict(dict)
    for theme, score, n in rows:
        dist[theme][score] = n
    out = []
    for q in theme_questions(session, facility.sector):
        d = dist.get(q.number, {})
        n = sum(d.values())
        avg = sum(s * c for s, c in d.items()) / n if n else None
        out.append(ThemeScore(q.number, q.title, avg, n, {s: d.get(s, 0) for s in range(1, 6)}))
    return out


def published_reviews(
    session: Session,
    facility_id: int,
    limit: int = 20,
    offset: int = 0,
    theme: int | None = None,
) -> list[Review]:
    """Published reviews of a facility, newest first (only those that answered `theme`)."""
    query = select(Review).where(Review.facility_id == facility_id, visible())
    if theme is not None:
        answered = select(ReviewAnswer.review_id).where(ReviewAnswer.theme == theme)
        query = query.where(col(Review.id).in_(answered))
    return list(
        session.exec(
            query.order_by(col(Review.published_at).desc(), col(Review.id).desc())
            .offset(offset)
            .limit(limit)
        )
    )


def published_period(session: Session, facility_id: int) -> tuple[datetime, datetime] | None:
    """The first and last publication date of a facility's reviews."""
    first, last = session.exec(
        select(func.min(Review.published_at), func.max(Review.published_at)).where(
            Review.facility_id == facility_id, visible()
        )
    ).one()
    return (first, last) if first and last else None


def count_published(session: Session, facility_id: int) -> int:
    """How many reviews of a facility are published."""
    return int(
        session.exec(
            select(func.count())
            .select_from(Review)
            .where(Review.facility_id == facility_id, visible())
        ).one()
    )


def answers_by_review(session: Session, review_ids: list[int]) -> dict[int, list[ReviewAnswer]]:
    """The answers of several reviews, in theme order."""
    out: dict[int, list[ReviewAnswer]] = defaultdict(list)
    if review_ids:
        for a in session.exec(
            select(ReviewAnswer)
            .where(col(ReviewAnswer.review_id).in_(review_ids))
            .order_by(col(ReviewAnswer.theme))
        ):
            out[a.review_id].append(a)
    return out


def published_replies(session: Session, review_ids: list[int]) -> dict[int, list[Reply]]:
    """Published replies per review."""
    out: dict[int, list[Reply]] = defaultdict(list)
    if review_ids:
        for r in session.exec(
            select(Reply)
            .where(col(Reply.review_id).in_(review_ids), Reply.state == State.PUBLISHED)
            .order_by(col(Reply.published_at))
        ):
            out[r.review_id].append(r)
    return out


@dataclass
class QueueItem:
    """One line of the moderator's queue."""

    kind: str
    id: int
    facility: str
    submitted_at: datetime
    state: str
    route: str
    flags: list[str]


def _queue_rows(
    session: Session,
    model: Any,
    kind: str,
    include_escalated: bool,
    limit: int | None,
    columns: tuple[Any, ...],
    sector: str = "",
    flag: str = "",
    facility: str = "",
    older_than_hours: int = 0,
) -> list[Any]:
    """Rows of one kind in the queue, escalations first then oldest first, in SQL."""
    states = [State.AWAITING_MODERATION] + ([State.ESCALATED] if include_escalated else [])
    # The newest report through an indexed correlated subquery: cheap however many reviews
    # the database holds.
    latest = (
        select(func.max(ModerationReport.id))
        .where(
            col(ModerationReport.subject_kind) == kind,
            col(ModerationReport.subject_id) == model.id,
        )
        .correlate(model)
        .scalar_subquery()
    )
    query = (
        sa_select(*columns)
        .select_from(model)
        .join(Facility, col(Facility.id) == model.facility_id)
        .join(ModerationReport, col(ModerationReport.id) == latest, isouter=True)
        .where(col(model.state).in_(states))
    )
    if sector:
        query = query.where(col(Facility.sector) == sector)
    if flag:
        query = query.where(col(ModerationReport.flags).contains(flag))
    if facility:
        query = query.where(func.lower(Facility.name).contains(facility.lower()))
    if older_than_hours:
        query = query.where(col(model.submitted_at) < utcnow() - timedelta(hours=older_than_hours))
    if not include_escalated:
        query = query.where(
            or_(col(ModerationReport.route).is_(None), col(ModerationReport.route) != "escalate")
        )
    escalated = or_(col(model.state) == State.ESCALATED, col(ModerationReport.route) == "escalate")
    query = query.order_by(case((escalated, 0), else_=1), col(model.submitted_at), col(model.id))
    if limit is not None:
        query = query.limit(limit)
    return list(session.execute(query).all())


def queue(
    session: Session,
    include_escalated: bool,
    limit: int = 200,
    sector: str = "",
    flag: str = "",
    facility: str = "",
    older_than_hours: int = 0,
) -> list[QueueItem]:
    """Items awaiting a decision: escalations first, then oldest first (at most `limit`)."""
    items: list[QueueItem] = []
    for model, kind in ((Review, "review"), (Reply, "reply")):
        columns = (
            model.id,
            Facility.name,
            model.submitted_at,
            model.created_at,
            model.state,
            ModerationReport.route,
            ModerationReport.flags,
        )
        for subject_id, facility_name, submitted, created, state, route, flags in _queue_rows(
            session,
            model,
            kind,
            include_escalated,
            limit,
            columns,
            sector,
            flag,
            facility,
            older_than_hours,
        ):
            items.append(
                QueueItem(
                    kind=kind,
                    id=subject_id,
                    facility=facility_name,
                    submitted_at=submitted or created,
                    state=state,
                    route=route or "review",
                    flags=(flags or "").split(),
                )
            )
    items.sort(
        key=lambda i: (
            0 if (i.route == "escalate" or i.state == State.ESCALATED) else 1,
            i.submitted_at,
        )
    )
    return items[:limit]


def queue_flag_counts(session: Session, include_escalated: bool) -> dict[str, int]:
    """How many items in the whole queue carry each flag."""
    counts: dict[str, int] = defaultdict(int)
    for model, kind in ((Review, "review"), (Reply, "reply")):
        rows = _queue_rows(session, model, kind, include_escalated, None, (ModerationReport.flags,))
        for (flags,) in rows:
            for flag in (flags or "").split():
                counts[flag] += 1
    return dict(counts)


def queue_size(session: Session, include_escalated: bool) -> int:
    """How many items wait for a decision."""
    total = 0
    for model, kind in ((Review, "review"), (Reply, "reply")):
        total += len(_queue_rows(session, model, kind, include_escalated, None, (model.id,)))
    return total


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
