"""The worker's main process loads the models, so the forked children share their pages."""

from __future__ import annotations

import gc
import os

import pytest
from celery.signals import worker_init, worker_process_init

from workers import celery_app


def _receivers(signal: object) -> list[object]:
    return [ref() for _, ref in signal.receivers]  # type: ignore[attr-defined]


def test_models_load_in_the_main_process_before_the_pool_forks() -> None:
    assert celery_app._warm_up in _receivers(worker_init)
    assert celery_app._warm_up not in _receivers(worker_process_init)
    assert celery_app._keep_shared in _receivers(worker_process_init)


def test_a_solo_worker_freezes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(celery_app, "_main_pid", os.getpid())  # the signal in the main process
    before = gc.get_freeze_count()
    celery_app._keep_shared()
    assert gc.get_freeze_count() == before


def test_a_forked_pool_child_freezes_what_it_inherited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(celery_app, "_main_pid", os.getpid())
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the pool child: frozen objects, or a nonzero exit
        try:
            before = gc.get_freeze_count()
            celery_app._keep_shared()
            os.write(write, b"1" if gc.get_freeze_count() > before else b"0")
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.close(read)
    os.waitpid(child, 0)
    assert answer == b"1"
