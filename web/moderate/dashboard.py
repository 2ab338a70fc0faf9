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
from models.states import DECISION_LIST
from web.moderate.target import aware, due_at


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


REASON_WORDS: dict[str, str] = {d.to_state.value: d.done for d in DECISION_LIST}


def standing_decisions(session: Session, since: datetime) -> list[AuditEvent]:
    """Each item's last decision since `since`, unless it was undone afterwards."""
    last: dict[tuple[str, int], AuditEvent] = {}
    for e in session.exec(
        select(AuditEvent)
        .where(col(AuditEvent.at) >= since, col(AuditEvent.from_state) != col(AuditEvent.to_state))
        .order_by(col(AuditEvent.id))
    ):
        key = (e.subject_kind, e.subject_id)
        if e.reason_code == "undo":
            last.pop(key, None)
        elif e.to_state in REASON_WORDS and e.actor.startswith("account:"):
            last[key] = e
    return list(last.values())


def _last_weeks(now: datetime, n: int) -> list[str]:
    """ISO weeks ending with the current one, oldest first (weeks without flags included)."""
    weeks = []
    for back in range(max(n, 1) - 1, -1, -1):
        iso = (now - timedelta(weeks=back)).isocalendar()
        weeks.append(f"{iso.year}-W{iso.week:02d}")
    return weeks


def _age_buckets(ages: list[float]) -> list[tuple[str, int]]:
    """How many queued items fall in each age band."""
    bands = [
        ("minder dan 4 uur", 4),
        ("4 tot 8 uur", 8),
        ("8 tot 24 uur", 24),
        ("1 tot 3 dagen", 72),
    ]
    out, low = [], 0.0
    for label, high in bands:
        out.append((label, sum(low <= a < high for a in ages)))
        low = high
    out.append(("meer dan 3 dagen", sum(a >= low for a in ages)))
    return out


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
        REASON_WORDS[e.to_state]
        if e.to_state == State.PUBLISHED or not e.reason_code
        else e.reason_code
        for e in standing_decisions(session, since)
    )
    on_time = [aware(d) <= due_at(s) for s, d in decided if s is not None and d is not None]
    weekly: dict[str, Counter[str]] = defaultdict(Counter)
    for created, flags in session.exec(
        select(ModerationReport.created_at, ModerationReport.flags).where(
            col(ModerationReport.created_at) >= since
        )
    ):
        week = f"{created.isocalendar().year}-W{created.isocalendar().week:02d}"
        weekly[week].update(flags.split())
    per_week = {w: float(sum(weekly[w].values())) for w in _last_weeks(now, min(12, days // 7))}
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
        "on_time_share": round(100 * sum(on_time) / len(on_time)) if on_time else None,
        "late_now": sum(now > due_at(i.submitted_at) for i in waiting),
        "age_buckets": _age_buckets(ages),
        "reasons": bars(dict(reasons.most_common(8))),
        "flags_per_week": bars(per_week),
        "published_share": bars({k: float(v) for k, v in sorted(share.items())}),
        "flag_totals": dict(sum(weekly.values(), Counter()).most_common()),
    }
