"""Move a submission to a new state and write the audit event in the same transaction."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models import AuditEvent, Reply, Review
from models._base import utcnow
from models.states import can_move
from services.errors import Conflict


def move(
    session: Session,
    kind: str,
    subject: Review | Reply,
    to_state: str,
    actor: str,
    reason_code: str | None = None,
    note: str | None = None,
) -> None:
    """Change the state and append the audit event; the caller commits.

    A move the state machine does not allow raises `Conflict`. The row's version makes the
    UPDATE conditional, so a concurrent change makes the caller's commit fail instead of win.
    """
    assert subject.id is not None
    if not can_move(subject.state, to_state):
        raise Conflict()
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


def add_note(
    session: Session, kind: str, subject_id: int, state: str, actor: str, note: str, code: str
) -> None:
    """Append an audit event that changes no state (a note, a handled report)."""
    session.add(
        AuditEvent(
            subject_kind=kind,
            subject_id=subject_id,
            actor=actor,
            from_state=state,
            to_state=state,
            reason_code=code,
            note=note or None,
        )
    )


def last_decision(session: Session, kind: str, subject_id: int) -> AuditEvent | None:
    """The last state change of an item (a note or handled report, from == to, is none)."""
    return session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.subject_kind == kind,
            AuditEvent.subject_id == subject_id,
            col(AuditEvent.from_state) != col(AuditEvent.to_state),
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
