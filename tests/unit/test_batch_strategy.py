"""A worker's consumer that starts again (the broker came back) gets a batch flush timer again."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from celery import Celery

from workers.batches import BatchTask


class _Entry:
    """A timer entry as kombu's timer returns it."""

    cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def _consumer() -> Any:
    return SimpleNamespace(
        pool=SimpleNamespace(apply_async=lambda *_, **__: None),
        hostname="test@host",
        connection_errors=(),
        event_dispatcher=None,
        timer=SimpleNamespace(call_repeatedly=lambda *_: _Entry()),
    )


def test_a_new_consumer_drops_the_flush_entry_of_the_timer_it_replaced() -> None:
    app = Celery("batch-strategy-test", set_as_current=False)

    @app.task(base=BatchTask, bind=True, flush_every=16, flush_interval=0.05, shared=False)
    def batch(self: Any, requests: list[Any]) -> int:
        return len(requests)

    batch.Strategy(batch, app, _consumer())
    old = _Entry()
    batch._tref = old  # a partial batch waited on the first consumer's timer
    handler = batch.Strategy(batch, app, _consumer())  # the broker came back: a new consumer
    assert callable(handler)
    assert batch._tref is None  # the next message starts a timer on the new consumer's
    assert old.cancelled
