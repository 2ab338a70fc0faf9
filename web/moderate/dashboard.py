"""Figures for the moderators' dashboard: queue, turnaround, decisions, flags, sectors."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models import AuditEvent, Facility, ModerationReport, Review, State
from models._base import utcnow
from models.queries import queue


@dataclass
class Bar:
    """One bar of a chart: a label, a value and its share of the largest bar."""

    label: str
    value: float
    share: float


def bars(counts: dict[str, float]) -> list[Bar]:
    """Bars scaled to the largest value (for server-rendered SVG)."""
    top = max(counts.values(), default=0) or 1
    return [Bar(k, v, v / top) for k, v in counts.items()]


def _hours(a: datetime, b: datetime) -> float:
    return (a - b).total_seconds() / 3600


def figures(session: Session, days: int = 90) -> dict[str, object]:
    """Everything the dashboard shows, over the last `days` days."""
    now = utcnow()
    since = now - timedelta(days=days)
    waiting = queue(session, include_escalated=True, limit=10_000)
    ages = [_hours(now, i.submitted_at) for i in waiting]
    decided = session.exec(
        select(Review.submitted_at, Review.decided_at).where(
            col(Review.decided_at) >= since, col(Review.submitted_at).is_not(None)
        )
    ).all()
    turnaround = [_hours(d, s) for s, d in decided if s is not None and d is not None]
    reasons = Counter(
        code or "zonder reden"
        for code, to_state in session.exec(
            select(AuditEvent.reason_code, AuditEvent.to_state).where(
                col(AuditEvent.at) >= since,
                col(AuditEvent.to_state).in_([State.RETURNED, State.REJECTED, State.ESCALATED]),
            )
        )
        if to_state
    )
    weekly: dict[str, Counter[str]] = defaultdict(Counter)
    for created, flags in session.exec(
        select(ModerationReport.created_at, ModerationReport.flags).where(
            col(ModerationReport.created_at) >= since
        )
    ):
        week = f"{created.isocalendar().year}-W{created.isocalendar().week:02d}"
        weekly[week].update(flags.split())
    per_week = {w: float(sum(c.values())) for w, c in sorted(weekly.items())[-12:]}
    shares: dict[str, float] = {}
    for sector, state in session.exec(
        select(Facility.sector, Review.state)
        .join(Review, col(Review.facility_id) == Facility.id)
        .where(col(Review.decided_at) >= since)
    ):
        shares.setdefault(sector, 0.0)
        shares[sector + ":n"] = shares.get(sector + ":n", 0) + 1
        shares[sector] += state == State.PUBLISHED
    share = {s: round(100 * v / shares[s + ":n"]) for s, v in shares.items() if ":n" not in s}
    return {
        "queue_size": len(waiting),
        "oldest_hours": max(ages, default=0.0),
        "median_age_hours": statistics.median(ages) if ages else 0.0,
        "median_turnaround_hours": statistics.median(turnaround) if turnaround else None,
        "reasons": bars(dict(reasons.most_common(8))),
        "flags_per_week": bars(per_week),
        "published_share": bars({k: float(v) for k, v in sorted(share.items())}),
        "flag_totals": dict(sum(weekly.values(), Counter()).most_common()),
    }
