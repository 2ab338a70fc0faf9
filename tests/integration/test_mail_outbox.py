"""Every mail is owed through the outbox: sent once, never early, and again on request."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from sqlmodel import Session, col, select

from models import Outbox, Review, State
from models._base import utcnow
from services.outbox import CONFIRM_MAIL, add_to_outbox, sweep
from tests.conftest import csrf_from, mails, wait_for
from tests.integration.conftest import FAULT_TABLE
from tests.integration.journey import submit_review

pytestmark = pytest.mark.integration


def _owed(engine: Any) -> list[Outbox]:
    with Session(engine) as session:
        return list(session.exec(select(Outbox).where(Outbox.task == CONFIRM_MAIL)))


def test_a_confirmation_mail_that_failed_is_sent_once_by_the_outbox(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app

    settings = make_settings(redis_server.url, confirm_mail_grace_seconds=0)
    app = create_app(settings)
    blocked = Path(settings.mail_dir)
    blocked.write_text("the disk is full")  # a file where the mail folder should be
    family = app.test_client()
    answer = submit_review(family, email="vol@example.be")
    assert answer.status_code == 302  # accepted: the mail is owed, not lost
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
    assert review.state == State.UNCONFIRMED
    assert [r.sent_at for r in _owed(engine)] == [None]
    blocked.unlink()  # space again
    celery = app.extensions["zr_celery"]
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        sweeps = [threading.Thread(target=sweep, args=(engine, celery, 10)) for _ in range(2)]
        for t in sweeps:
            t.start()
        for t in sweeps:
            t.join(30)
        wait_for(lambda: len(mails(settings)) >= 1)
        assert [m["Subject"] for m in mails(settings)] == ["Bevestig je waardering"]

        page = family.get("/waardering/verstuurd").text
        unknown = family.post(
            "/waardering/link-opnieuw",
            data={"csrf_token": csrf_from(page), "email": "niemand@example.be"},
        )
        known = family.post(
            "/waardering/link-opnieuw",
            data={"csrf_token": csrf_from(page), "email": "vol@example.be"},
        )
        assert known.status_code == unknown.status_code == 302
        assert known.location == unknown.location
        wait_for(lambda: len(mails(settings)) >= 2)
    assert [m["To"] for m in mails(settings)] == ["vol@example.be", "vol@example.be"]
    app.extensions["zr_runtime"].engine.dispose()
    db = "postgresql" if settings.database_url.startswith("postgresql") else "sqlite"
    FAULT_TABLE.append(
        ("mail disk full, then two sweeps at once", db, 1, 1, 0, 0, "the owed mail sent once")
    )


def test_the_sweeper_never_sends_a_mail_before_it_is_due(engine: Any) -> None:
    sent: list[tuple[str, int | None]] = []

    class Broker:
        def send_task(self, name: str, args: list[Any], countdown: int | None = None) -> None:
            sent.append((name, countdown))

    with Session(engine) as session:
        add_to_outbox(session, "review", 1, task="zr.notify", due_in=600)  # the undo window
        add_to_outbox(session, "review", 2, task="zr.notify")
        session.commit()
    assert sweep(engine, Broker(), 10) == 1
    assert sent == [("zr.notify", None)]
    with Session(engine) as session:
        waiting = session.exec(select(Outbox).where(col(Outbox.sent_at).is_(None))).one()
        assert waiting.subject_id == 1
        # Held in the database, not as a countdown in Redis: a broker restart cannot lose it.
        waiting.due_at = utcnow() - timedelta(seconds=1)
        session.add(waiting)
        session.commit()
    assert sweep(engine, Broker(), 10) == 1
    assert sweep(engine, Broker(), 10) == 0
    assert sent == [("zr.notify", None), ("zr.notify", None)]
