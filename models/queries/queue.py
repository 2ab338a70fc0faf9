"""What the redactie reads: the queue, its flag counts and size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from models._base import utcnow
from models.facility import Facility
from models.moderation_report import ModerationReport
from models.reply import Reply
from models.review import Review
from models.states import State


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
