"""The outbox: tasks written with the data they are about, sent to the broker after commit."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Outbox, Reply, Review, State
from models._base import utcnow

log = logging.getLogger(__name__)

MODERATE = "zr.moderate_submission"
NOTIFY = "zr.notify"


def add_to_outbox(session: Session, kind: str, subject_id: int, task: str = MODERATE) -> Outbox:
    """Add an outbox row in the caller's transaction."""
    row = Outbox(task=task, subject_kind=kind, subject_id=subject_id)
    session.add(row)
    return row


def publish_outbox(
    engine: Engine,
    celery: Any,
    only: list[int] | None = None,
    subject: tuple[str, int] | None = None,
    countdown: int = 0,
) -> int:
    """Send unsent outbox rows (all, `only` these ids, or one subject's) to the broker.

    Rows stay unsent if the broker is down; the sweeper sends them later.
    """
    sent = 0
    with Session(engine, expire_on_commit=False) as session:
        query = select(Outbox).where(col(Outbox.sent_at).is_(None))
        if only is not None:
            query = query.where(col(Outbox.id).in_(only))
        if subject is not None:
            query = query.where(Outbox.subject_kind == subject[0], Outbox.subject_id == subject[1])
        for row in session.exec(query.order_by(col(Outbox.id))).all():
            row.attempts += 1
            try:
                celery.send_task(
                    row.task, args=[row.subject_kind, row.subject_id], countdown=countdown or None
                )
            except Exception as exc:  # the broker is down: keep the row for the sweeper
                log.warning(
                    "outbox %s not sent (%s); the sweeper retries", row.id, type(exc).__name__
                )
                session.add(row)
                session.commit()
                break
            row.sent_at = utcnow()
            session.add(row)
            session.commit()
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


def commit_and_enqueue(
    session: Session, engine: Engine, celery: Any, rows: list[Outbox], countdown: int = 0
) -> None:
    """Commit the caller's transaction, then hand its outbox rows to the broker.

    A broker that is down leaves the rows for the sweeper: the change itself is kept.
    """
    session.commit()
    ids = [r.id for r in rows if r.id is not None]
    if ids:
        publish_outbox(engine, celery, only=ids, countdown=countdown)
