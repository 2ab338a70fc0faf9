"""Celery tasks: thin shims that open a session and call the logic elsewhere."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from celery import shared_task
from sqlmodel import Session

from services import health, notices, outbox, retention, reviews
from workers.batches import BATCH_SIZE, BATCH_WAIT_SECONDS, BatchTask
from workers.moderation_job import run_moderation, run_moderation_batch

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def _task(**options: Any) -> Callable[[F], F]:
    """Celery's `shared_task`, typed: the decorated function keeps its signature."""
    return cast(Callable[[F], F], shared_task(**options))


def _runtime(task: Any) -> Any:
    return task.app.runtime


@_task(
    name="zr.moderate_submission",
    base=BatchTask,
    bind=True,
    acks_late=True,
    flush_every=BATCH_SIZE,
    flush_interval=BATCH_WAIT_SECONDS,
)
def moderate_submission(self: Any, requests: list[Any]) -> int:
    """Moderate the reviews and replies named by a batch of tasks (kind, id), together.

    Each task names one submission (text never travels through Redis); the worker hands this
    task the ones it received together (`run_moderation_batch`). If the batch fails, each is
    sent again on its own.
    """
    rt = _runtime(self)
    items = [item for r in requests if (item := _item(r.args)) is not None]
    try:
        with Session(rt.engine, expire_on_commit=False) as session:
            outcomes = run_moderation_batch(session, items, rt.duplicate_index, rt.policy)
    except Exception as exc:  # noqa: BLE001  (each one again, with its own retries)
        log.warning("moderation batch failed (%s); its items go one by one", type(exc).__name__)
        for item in items:  # a broker that is down now: the sweeper sends them later
            self.app.send_task("zr.moderate_one", args=list(item))
        return 0
    for item, outcome in outcomes.items():
        if outcome.queued:  # the escalation notice goes out now (the sweeper would send it later)
            outbox.publish_outbox(rt.engine, self.app, subject=item)
    return sum(map(bool, outcomes.values()))


def _item(args: Any) -> tuple[str, int] | None:
    """The (kind, id) a moderation task names, or None for a malformed one (logged)."""
    if isinstance(args, list | tuple) and len(args) == 2:
        kind, subject_id = args
        if isinstance(kind, str) and isinstance(subject_id, int):
            return kind, subject_id
    log.warning("moderation task with unusable arguments ignored")
    return None


@_task(
    name="zr.moderate_one",
    bind=True,
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def moderate_one(self: Any, kind: str, subject_id: int) -> bool:
    """Moderate one review or reply by id, with retries (what a failed batch falls back to)."""
    rt = _runtime(self)
    with Session(rt.engine, expire_on_commit=False) as session:
        outcome = run_moderation(session, kind, subject_id, rt.duplicate_index, rt.policy)
    if outcome.queued:
        outbox.publish_outbox(rt.engine, self.app, subject=(kind, subject_id))
    return outcome.done


@_task(name="zr.sweep", bind=True)
def sweep(self: Any) -> int:
    """Re-enqueue outbox rows not yet sent and submissions stuck in submitted/checking."""
    rt = _runtime(self)
    moved = outbox.sweep(rt.engine, self.app, rt.settings.stuck_after_minutes)
    figures = health.check(rt.engine, rt.settings)
    if figures.stuck or figures.unsent_outbox:
        log.warning(
            "stuck work: %s in submitted/checking, %s outbox rows unsent",
            figures.stuck,
            figures.unsent_outbox,
        )
    health.beat(rt.settings)
    return moved


@_task(name="zr.purge_originals", bind=True)
def purge_originals(self: Any) -> int:
    """Delete originals and e-mail addresses after the retention period."""
    rt = _runtime(self)
    return retention.purge_originals(rt.engine, rt.settings.retention_days)


@_task(
    name="zr.notify",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify(self: Any, kind: str, subject_id: int) -> bool:
    """Send the author the e-mail that goes with the submission's current state."""
    rt = _runtime(self)
    return notices.notify(rt.engine, rt.settings, kind, subject_id)


@_task(name="zr.notify_waiting", bind=True)
def notify_waiting(self: Any) -> int:
    """Tell authors whose review waits more than three working days."""
    rt = _runtime(self)
    return notices.notify_waiting(rt.engine, rt.settings)


@_task(
    name="zr.confirm_mail",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def confirm_mail(self: Any, kind: str, subject_id: int) -> bool:
    """Send a confirmation link that is owed (the web could not, or the author asked again)."""
    rt = _runtime(self)
    with Session(rt.engine) as session:
        return reviews.send_owed_confirmation(session, rt.settings, subject_id)
