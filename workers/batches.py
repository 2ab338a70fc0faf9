"""Celery tasks that take the messages a worker received together as one call (celery-batches).

Moderating thirty reviews in one transaction costs a fraction of thirty transactions: the
loads, the commits and the claim are shared. A worker hands `BATCH_SIZE` moderation messages
over together, or after `BATCH_WAIT_SECONDS` when fewer came, so a lone review waits at most
that long; it holds two batches per process (the prefetch, see `create_celery`), so the next
is gathered while one runs.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from celery_batches import Batches, SimpleRequest
from celery_batches.trace import apply_batches_task

#: Messages per call; the worker's prefetch multiplier is twice this.
BATCH_SIZE = 16
#: How long the first message of a batch that is not full waits for more.
BATCH_WAIT_SECONDS = 0.05


class BatchTask(Batches):  # type: ignore[misc]
    """`Batches` whose messages go back to the queue when the process running them dies.

    celery-batches acknowledges a batch's messages when its call returns (with `acks_late`);
    if the pool process is killed half-way it never returns, and the messages would stay
    unacknowledged, holding the worker's prefetch until the broker gives them back (an
    hour). Here the pool's error callback rejects them with requeue, as Celery does for an
    ordinary task under `task_reject_on_worker_lost`.
    """

    def Strategy(self, task: Any, app: Any, consumer: Any) -> Any:  # noqa: N802  (Celery's name)
        """celery-batches' strategy, for a consumer that may be a new one.

        A worker's consumer starts again when the broker comes back, and the new one clears
        the timer that held the batches' flush entry. celery-batches keeps that entry (it
        starts a timer only when it has none), so the messages of a batch that is not full
        waited until `BATCH_SIZE` came, however long (seen with a Redis restart under load).
        Dropped here, the next message starts a new timer.
        """
        # celery-batches leaves the entry untyped
        entry: Any = getattr(self, "_tref", None)
        if entry is not None:
            entry.cancel()
        self._tref = None
        return super().Strategy(task, app, consumer)

    def flush(self, requests: Collection[Any]) -> Any:
        """Run the batch in the pool; acknowledge after it returns, requeue if it was lost."""
        late = [r for r in requests if r.task.acks_late]
        early = [r for r in requests if not r.task.acks_late]
        batch = ([SimpleRequest.from_request(r) for r in requests],)

        def accepted(*_: Any) -> None:
            for request in early:
                request.acknowledge()

        def returned(*_: Any) -> None:
            for request in late:
                request.acknowledge()

        def lost(*_: Any) -> None:
            for request in late:
                request.reject(requeue=True)

        return self._pool.apply_async(
            apply_batches_task,
            (self, batch, 0, None),
            accept_callback=accepted,
            callback=returned,
            error_callback=lost,
        )
