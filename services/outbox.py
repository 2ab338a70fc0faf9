"""The outbox: tasks written with the data they are about, sent to the broker after commit."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Outbox, Reply, Review, State
from models._base import utcnow
from models.db import table_of

log = logging.getLogger(__name__)

MODERATE = "zr.moderate_submission"
NOTIFY = "zr.notify"
CONFIRM_MAIL = "zr.confirm_mail"


class OwedTask(NamedTuple):
    """A task written to the outbox as owed at least once (`add_owed_task`)."""

    task: str
    subject_kind: str
    subject_id: int


_TABLE = table_of(Outbox)
_NEW_ROW = insert(_TABLE)  # built once: its cache key and compiled form are kept


def _due(due_in: int) -> datetime | None:
    return utcnow() + timedelta(seconds=due_in) if due_in > 0 else None


def add_to_outbox(
    session: Session, kind: str, subject_id: int, task: str = MODERATE, due_in: int = 0
) -> Outbox:
    """Add an outbox row in the caller's transaction; its task runs `due_in` seconds later.

    The due time is stored, so that a resend by the sweeper (after a broker outage or a
    restart) never comes early, e.g. inside a moderator's undo window.
    """
    row = Outbox(task=task, subject_kind=kind, subject_id=subject_id, due_at=_due(due_in))
    session.add(row)
    return row


def add_owed_task(session: Session, kind: str, subject_id: int, task: str, due_in: int) -> OwedTask:
    """Insert an outbox row for work owed at least once, in the caller's transaction.

    For `commit_and_send_early`, which needs neither the row's id nor an ORM object: a
    prepared INSERT on the session's connection, nothing for a flush to do (the submit's).
    """
    session.connection().execute(
        _NEW_ROW,
        {"task": task, "subject_kind": kind, "subject_id": subject_id, "due_at": _due(due_in)},
    )
    return OwedTask(task, kind, subject_id)


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
                pending = session.exec(  # its moderation task, not a mail still owed
                    select(Outbox.id).where(
                        Outbox.task == MODERATE,
                        Outbox.subject_kind == kind,
                        Outbox.subject_id == subject_id,
                        col(Outbox.sent_at).is_(None),
                    )
                ).first()
                if pending is None:
                    add_to_outbox(session, kind, subject_id)
        session.commit()
    return publish_outbox(engine, celery)


def commit_and_enqueue(session: Session, celery: Any, rows: list[Outbox]) -> None:
    """Commit the caller's transaction, then hand its outbox rows that are due to the broker.

    They are claimed in that same transaction, one commit instead of two: no sweep can see
    them before it. A broker that is down gets them unclaimed again, for the sweeper; rows due
    later wait for it anyway. The change itself is kept either way.
    """
    now = utcnow()
    due = [r for r in rows if r.due_at is None or r.due_at <= now]
    for row in due:
        row.sent_at, row.attempts = now, row.attempts + 1
    session.flush()
    ready = [(r.id, r.task, r.subject_kind, r.subject_id) for r in due]
    session.commit()
    for n, (row_id, task, kind, subject_id) in enumerate(ready):
        try:
            celery.send_task(task, args=[kind, subject_id])
        except Exception as exc:  # the broker is down: keep this row and the rest for the sweeper
            log.warning("outbox %s not sent (%s); the sweeper retries", row_id, type(exc).__name__)
            for left, *_ in ready[n:]:
                if left is not None:
                    _unclaim(session, left)
            return


def commit_and_send_early(session: Session, celery: Any, rows: Sequence[OwedTask | Outbox]) -> None:
    """Commit, then send the rows' tasks before they are due, unclaimed: each task settles them.

    For work owed at least once (a confirmation mail): if the broker is down, or this process
    or the worker dies before the task is done, the row is still unsent when it falls due, and
    the sweeper sends it then. The price is a second run when a worker is slower than that.
    The rows: `add_owed_task`'s, or ORM rows (read before the commit expires them).
    """
    ready = [(r.task, r.subject_kind, r.subject_id) for r in rows]
    session.commit()
    for task, kind, subject_id in ready:
        try:
            celery.send_task(task, args=[kind, subject_id])
        except Exception as exc:  # the broker is down: the sweeper sends it when it is due
            log.warning("%s not sent now (%s); the sweeper sends it", task, type(exc).__name__)
            return


# A task's rows for one subject, and what settling them writes: built once (these run for
# every confirmation mail a worker sends), SQLAlchemy keeps their cache keys and compiled forms.
_ROWS_OF = and_(
    _TABLE.c.task == bindparam("of_task"),
    _TABLE.c.subject_kind == bindparam("of_kind"),
    _TABLE.c.subject_id == bindparam("of_subject"),
)
_SETTLE_SENT = (
    update(_TABLE)
    .where(_ROWS_OF, _TABLE.c.sent_at.is_(None))
    .values(sent_at=bindparam("now"), attempts=_TABLE.c.attempts + 1)
)
_SETTLE_DONE = (
    update(_TABLE).where(_ROWS_OF, _TABLE.c.done_at.is_(None)).values(done_at=bindparam("now"))
)
_OWED = select(_TABLE.c.id).where(_ROWS_OF, _TABLE.c.done_at.is_(None)).limit(1)


def settle(session: Session, task: str, kind: str, subject_id: int) -> None:
    """The task's work for this subject is done: its rows are not for the sweeper, nor for a
    second task sent for them (a copy the sweeper sent when this one was late)."""
    rows = {"of_task": task, "of_kind": kind, "of_subject": subject_id, "now": utcnow()}
    conn = session.connection()
    conn.execute(_SETTLE_SENT, rows)
    conn.execute(_SETTLE_DONE, rows)


def owed(session: Session, task: str, kind: str, subject_id: int) -> bool:
    """Whether a row of this task for this subject waits for its work (none settled it)."""
    rows = {"of_task": task, "of_kind": kind, "of_subject": subject_id}
    return session.connection().scalar(_OWED, rows) is not None
