"""The worker's main process loads the models, so the forked children share their pages."""

from __future__ import annotations

from celery.signals import worker_init, worker_process_init

from workers import celery_app


def test_models_load_in_the_main_process_before_the_pool_forks() -> None:
    def receivers(signal: object) -> list[object]:
        return [ref() for _, ref in signal.receivers]  # type: ignore[attr-defined]

    assert celery_app._warm_up in receivers(worker_init)
    assert celery_app._warm_up in receivers(worker_process_init)  # cheap again in each child
