"""The outbox: tasks written with the data they are about, sent to the broker after commit."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Outbox, Reply, Review, State
from models._base import utcnow

log = logging.getLogger(__name__)

MODERATE = "zr.moderate_submission"
NOTIFY = "zr.notify"
CONFIRM_MAIL = "zr.confirm_mail"


def add_to_outbox(
    session: Session, kind: str, subject_id: int, task: str = MODERATE, due_in: int = 0
) -> Outbox:
    """Add an outbox row in the caller's transaction; its task runs `due_in` seconds later.

    The due time is stored, so that a resend by the sweeper (after a broker outage or a
    restart) never comes early, e.g. inside a moderator's undo window.
    """
    due = utcnow() + timedelta(seconds=due_in) if due_in > 0 else None
    row = Outbox(task=task, subject_kind=kind, subject_id=subject_id, due_at=due)
    session.add(row)
    return row


def _claim(session: Session, row_id: int) -> bool:
    """Mark a row sent unless another process (a second sweep) claimed it first."""
    claimed = session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row_id, col(Outbox.sent_at).is_(None))
        .values(sent_at=utcnow(), attempts=Outbox.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def mark_done(session: Session, row: Outbox) -> None:
    """The caller did the row's work itself (e.g. sent its mail): nothing is left to send."""
    if row.id is not None:
        _claim(session, row.id)


def _unclaim(session: Session, row_id: int) -> None:
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row_id)
        .values(sent_at=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()


def publish_outbox(
    engine: Engine,
    celery: Any,
    only: list[int] | None = None,
    subject: tuple[str, int] | None = None,
) -> int:
    """Send the due, unsent outbox rows (all, `only` these ids, or one subject's) to the broker.

    Each row is claimed before it is sent, so two sweeps at once send it once. A row whose due
    time has not come stays in the database, not in a worker's memory as a Celery countdown:
    the sweeper sends it when it is due, so a Redis restart cannot lose it (and a worker does
    not hold delayed tasks through a broker outage). Rows stay unsent if the broker is down.
    """
    sent = 0
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        query = select(Outbox).where(col(Outbox.sent_at).is_(None))
        if only is not None:
            query = query.where(col(Outbox.id).in_(only))
        if subject is not None:
            query = query.where(Outbox.subject_kind == subject[0], Outbox.subject_id == subject[1])
        query = query.where(col(Outbox.due_at).is_(None) | (col(Outbox.due_at) <= now))
        for row in session.exec(query.order_by(col(Outbox.id))).all():
            if row.id is None or not _claim(session, row.id):
                continue
            try:
                celery.send_task(row.task, args=[row.subject_kind, row.subject_id])
            except Exception as exc:  # the broker is down: keep the row for the sweeper
                log.warning(
                    "outbox %s not sent (%s); the sweeper retries", row.id, type(exc).__name__
                )
                _unclaim(session, row.id)
                break
            sent += 1
    return sent


def sweep(engine: Engine, celery: Any, stuck_after_minutes: int) -> int:
    """Re-enqueue submissions stuck in submitted/checking and publish unsent outbox rows."""
    limit = utcnow() - timedelta(minutes=stuck_after_minutes)
    with Session(engine) as session:
        models: tuple[tuple[type[Review] | type[Reply], str], ...] = (
            (Review, "review"),
            (Reply, "reply"),
        )
        for model, kind in models:
            stuck = session.exec(
                select(model.id).where(
                    col(model.state).in_([State.SUBMITTED, State.CHECKING]),
                    col(model.state_changed_at) < limit,
                )
            ).all()
            for subject_id in stuck:
                if subject_id is None:
                    continue
                pending = session.exec(
                    select(Outbox.id).where(
                        Outbox.subject_kind == kind,
                        Outbox.subject_id == subject_id,
                        col(Outbox.sent_at).is_(None),
                    )
                ).first()
                if pending is None:
                    add_to_outbox(session, kind, subject_id)
        session.commit()
    return publish_outbox(engine, celery)


def commit_and_enqueue(session: Session, engine: Engine, celery: Any, rows: list[Outbox]) -> None:
    """Commit the caller's transaction, then hand its outbox rows to the broker.

    A broker that is down leaves the rows for the sweeper: the change itself is kept.
    """
    session.commit()
    ids = [r.id for r in rows if r.id is not None]
    if ids:
        publish_outbox(engine, celery, only=ids)
