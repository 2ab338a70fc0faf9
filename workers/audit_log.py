"""Move a submission to a new state and write the audit event in the same transaction."""

from __future__ import annotations

from sqlmodel import Session

from models import AuditEvent, Reply, Review
from models._base import utcnow


def move(
    session: Session,
    kind: str,
    subject: Review | Reply,
    to_state: str,
    actor: str,
    reason_code: str | None = None,
    note: str | None = None,
) -> None:
    """Change the state and append the audit event; the caller commits."""
    assert subject.id is not None
    session.add(
        AuditEvent(
            subject_kind=kind,
            subject_id=subject.id,
            actor=actor,
            from_state=subject.state,
            to_state=to_state,
            reason_code=reason_code,
            note=note,
        )
    )
    subject.state = to_state
    subject.state_changed_at = utcnow()
    session.add(subject)
