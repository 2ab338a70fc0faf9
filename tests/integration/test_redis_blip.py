"""Redis stops for a few seconds while a decision's mail waits for its undo window.

The mail waits in the outbox (the database), not as a Celery countdown in the worker: the
worker holds no delayed task through the outage, nothing is lost, nothing is sent twice.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from sqlmodel import Session, col, select

from models import Outbox, Review, State
from services.outbox import sweep
from tests.conftest import csrf_from, login, mails, wait_for
from tests.integration.conftest import FAULT_TABLE
from tests.integration.journey import confirm, submit_review
from workers.moderation_job import run_moderation
from workers.redis_server import RedisServer

pytestmark = pytest.mark.integration


def test_a_delayed_mail_survives_a_redis_restart(
    make_settings: Any, engine: Any, accounts: Any, tmp_path: Path
) -> None:
    from web import create_app

    redis = RedisServer(workdir=tmp_path / "redis", persist=True).start()
    try:
        settings = make_settings(redis.url, notify_delay_seconds=2)
        app = create_app(settings)
        family = app.test_client()
        submit_review(family)
        confirm(family, settings)
        with Session(engine) as session:
            rid = session.exec(select(Review.id)).one() or 0
            run_moderation(session, "review", rid)
        moderator = app.test_client()
        login(moderator, accounts["moderator"])
        page = moderator.get(f"/redactie/review/{rid}").text
        moderator.post(
            f"/redactie/review/{rid}/beslissing",
            data={"csrf_token": csrf_from(page), "action": "publish"},
        )
        with Session(engine) as session:
            assert session.get(Review, rid).state == State.PUBLISHED  # type: ignore[union-attr]
            owed = session.exec(select(Outbox).where(Outbox.task == "zr.notify")).one()
        assert owed.sent_at is None  # not handed to Redis as a countdown
        celery = app.extensions["zr_celery"]
        with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            redis.stop()  # the blip, while the mail waits for its undo window
            time.sleep(3)
            redis.start()
            wait_for(lambda: sweep(engine, celery, 10) >= 0 and _mailed(settings), timeout=60)
            time.sleep(2)  # anything sent twice would arrive now
        online = [m for m in mails(settings) if m["Subject"] == "Je waardering staat online"]
        assert len(online) == 1
        with Session(engine) as session:
            due = session.exec(select(Outbox).where(col(Outbox.id) == owed.id)).one()
        assert due.sent_at is not None
        assert due.due_at is not None
        assert due.sent_at.replace(tzinfo=None) >= due.due_at.replace(tzinfo=None)  # never early
        db = "postgresql" if settings.database_url.startswith("postgresql") else "sqlite"
        FAULT_TABLE.append(
            ("redis stops while a mail waits", db, 1, 1, 0, 0, "mailed once, after its delay")
        )
        app.extensions["zr_runtime"].engine.dispose()
    finally:
        redis.stop()


def _mailed(settings: Any) -> bool:
    return any(m["Subject"] == "Je waardering staat online" for m in mails(settings))
