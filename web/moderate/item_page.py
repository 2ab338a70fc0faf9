"""What the moderator's item page shows beside the text: history, originals, notes."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, func, select

from models import AuditEvent, FindingRow, Reply, Review, State
from services.composition import compose
from services.subjects import load_subject, parse_core_id, subject_parts


def decided_state(subject: Review | Reply) -> bool:
    """Whether the item has left the queue."""
    return subject.state not in (State.AWAITING_MODERATION, State.ESCALATED)


def reviewer_history(session: Any, subject: Review | Reply) -> tuple[int, list[Review]]:
    """How many other reviews the reviewer wrote, and the latest 20 (never the address)."""
    if not isinstance(subject, Review):
        return 0, []
    others = (Review.reviewer_id == subject.reviewer_id, Review.id != subject.id)
    total = session.exec(select(func.count()).select_from(Review).where(*others)).one()
    latest = session.exec(
        select(Review)
        .where(*others)
        # Unconfirmed ones have no submitted_at: last, as on SQLite (PostgreSQL puts NULL first).
        .order_by(col(Review.submitted_at).desc().nulls_last(), col(Review.id).desc())
        .limit(20)
    )
    return total, list(latest)


def duplicate_originals(session: Any, findings: list[FindingRow]) -> list[tuple[str, str]]:
    """(id, text) of the originals that near-duplicate findings point to, for side by side."""
    out = []
    for f in findings:
        parsed = parse_core_id(f.related_id or "") if f.check == "near_duplicate" else None
        original = load_subject(session, *parsed) if parsed else None
        if parsed and original is not None:
            out.append(
                (f.related_id or "", compose(subject_parts(session, parsed[0], original))[0])
            )
    return out


def notes_for(session: Any, kind: str, subject_id: int) -> list[AuditEvent]:
    """Private moderator notes on an item (kept as audit events: append-only)."""
    return list(
        session.exec(
            select(AuditEvent)
            .where(
                AuditEvent.subject_kind == kind,
                AuditEvent.subject_id == subject_id,
                AuditEvent.reason_code == "note",
            )
            .order_by(col(AuditEvent.id))
        )
    )
