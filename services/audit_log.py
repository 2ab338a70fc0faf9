"""Move a submission to a new state and write the audit event in the same transaction."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from models import AuditEvent, Reply, Review
from models._base import utcnow
from models.db import table_of
from models.states import can_move
from services.errors import Conflict

_AUDIT = table_of(AuditEvent)
_NEW_EVENTS = insert(_AUDIT)  # built once: its cache key and compiled form are kept


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


@dataclass(frozen=True)
class Move:
    """One submission's move for `move_all`, with the other columns written with it."""

    subject: Review | Reply
    to_state: str
    reason_code: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def move_all(session: Session, kind: str, moves: Sequence[Move], actor: str) -> None:
    """`move` for many submissions of one kind as statements, for a batch: one UPDATE a row
    (sent together, each conditional on the version read), one INSERT of the audit events;
    the caller commits. Afterwards the objects hold what the rows hold (nothing to flush).

    A move the state machine does not allow raises `Conflict`; a row changed meanwhile
    raises `StaleDataError`, as the ORM's flush would, and nothing is kept.
    """
    if not moves:
        return
    table = table_of(Review if kind == "review" else Reply)
    now = utcnow()
    events: list[dict[str, Any]] = []
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for m in moves:
        if not can_move(m.subject.state, m.to_state):
            raise Conflict()
        events.append(
            {
                "subject_kind": kind,
                "subject_id": m.subject.id,
                "actor": actor,
                "from_state": m.subject.state,
                "to_state": m.to_state,
                "reason_code": m.reason_code,
                "note": None,
                "at": now,
            }
        )
        params = {"id_": m.subject.id, "version_": m.subject.version, "state": m.to_state}
        groups.setdefault(tuple(sorted(m.values)), []).append(
            {**params, "state_changed_at": now, **m.values}
        )
    conn = session.connection()
    for columns, rows in groups.items():
        if conn.execute(_move_statement(table, columns), rows).rowcount != len(rows):
            raise StaleDataError(f"a {kind} changed while it was moved")
    conn.execute(_NEW_EVENTS, events)
    for m in moves:  # as the rows now are
        for name, value in {**m.values, "state": m.to_state, "state_changed_at": now}.items():
            set_committed_value(m.subject, name, value)
        set_committed_value(m.subject, "version", m.subject.version + 1)


@functools.cache
def _move_statement(table: Table, columns: tuple[str, ...]) -> Any:
    """The compare-and-set UPDATE of `move_all` for rows that also write `columns`."""
    return (
        update(table)
        .where(table.c.id == bindparam("id_"), table.c.version == bindparam("version_"))
        .values(
            state=bindparam("state"),
            state_changed_at=bindparam("state_changed_at"),
            version=table.c.version + 1,
            **{name: bindparam(name) for name in columns},
        )
    )


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
