"""The Celery app factory: every process builds its app from one `Settings`."""

from __future__ import annotations

import gc
import os
from typing import Any

from celery import Celery
from celery.signals import worker_init, worker_process_init

from models.settings import Settings
from workers.batches import BATCH_SIZE
from workers.runtime import Runtime

TASK_MODULES = ["workers.tasks"]


class ZrCelery(Celery):  # type: ignore[misc]
    """A Celery app that carries the process's `Runtime` (settings, engine, index)."""

    runtime: Runtime


#: The worker's main process, set when it starts: the pool's children are other processes.
_main_pid: int | None = None


@worker_init.connect  # type: ignore[untyped-decorator]
def _warm_up(**_: Any) -> None:
    """Load the moderation models before the first task.

    In the worker's main process first: the pool's children are forked from it and share the
    loaded models' pages (copy-on-write) instead of each loading its own. The models are pure
    data (no connections), so they are safe to fork.
    """
    global _main_pid
    import moderation

    _main_pid = os.getpid()
    moderation.warm_up()


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _keep_shared(**_: Any) -> None:
    """In a forked pool child: load what is not loaded yet, then keep the inherited pages shared.

    `gc.freeze` moves every object the child has into the collector's permanent generation,
    so its collections no longer write to those objects' headers, which would copy each page
    they sit on. A solo pool sends this signal in the main process itself: nothing is shared
    there, and nothing is frozen.
    """
    import moderation

    moderation.warm_up()
    if _main_pid is not None and os.getpid() != _main_pid:
        gc.freeze()


def create_celery(settings: Settings, **overrides: Any) -> ZrCelery:
    """Build the Celery app for these settings."""
    app = ZrCelery("zorgreviews", set_as_current=True)
    # The engine is only opened by tasks (the web enqueues through this app but writes through
    # its own runtime): a worker's writes are all redone by the sweeper if a power cut undoes
    # them, so its commits need not wait for the disk.
    app.runtime = Runtime(settings, durable_commits=False)
    app.conf.update(
        broker_url=settings.redis_url,
        result_backend=None,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # A moderation batch is the messages a process holds. It holds two: the next batch
        # is gathered while one runs (with one, the process waited for the next batch's
        # messages after every batch: 2 processes drained 89-105 reviews/s, not 134-186).
        worker_prefetch_multiplier=2 * BATCH_SIZE,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 3600},
        # A web request must not hang when Redis is down: the outbox keeps the task.
        broker_connection_timeout=2,
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        beat_schedule={
            "sweep-outbox": {"task": "zr.sweep", "schedule": 60.0},
            "purge-originals": {"task": "zr.purge_originals", "schedule": 3600.0},
            "notify-waiting": {"task": "zr.notify_waiting", "schedule": 3600.0},
        },
        worker_hijack_root_logger=False,
        # Each child loads the language models before its first task (several seconds):
        # Celery must not take that start-up for a hung child and kill it (4 s by default).
        worker_proc_alive_timeout=120,
        # A task running when Redis goes away is redelivered (they are idempotent), not lost.
        worker_cancel_long_running_tasks_on_connection_loss=True,
    )
    app.conf.update(overrides)
    import workers.tasks  # noqa: F401  (registers the shared tasks)

    return app
