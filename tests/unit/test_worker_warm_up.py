"""The worker's main process loads the models, so the forked children share their pages."""

from __future__ import annotations

import gc

from celery.signals import worker_init, worker_process_init

from workers import celery_app


def _receivers(signal: object) -> list[object]:
    return [ref() for _, ref in signal.receivers]  # type: ignore[attr-defined]


def test_models_load_in_the_main_process_before_the_pool_forks() -> None:
    assert celery_app._warm_up in _receivers(worker_init)
    assert celery_app._warm_up not in _receivers(worker_process_init)


def test_a_pool_child_freezes_what_it_inherited() -> None:
    assert celery_app._keep_shared in _receivers(worker_process_init)
    assert celery_app._keep_shared not in _receivers(worker_init)  # not in a solo worker
    assert gc.get_freeze_count() == 0
    try:
        celery_app._keep_shared()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
