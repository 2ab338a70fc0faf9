"""Every mail is owed through the outbox: sent once, never early, and again on request."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from sqlmodel import Session, col, select

from models import Outbox, Review, State
from models._base import utcnow
from services.outbox import CONFIRM_MAIL, add_to_outbox, sweep
from tests.conftest import confirm_link, csrf_from, deliver_outbox, mails, wait_for
from tests.integration.conftest import FAULT_TABLE
from tests.integration.journey import submit_review

pytestmark = pytest.mark.integration


def _owed(engine: Any) -> list[Outbox]:
    with Session(engine) as session:
        return list(session.exec(select(Outbox).where(Outbox.task == CONFIRM_MAIL)))


def _confirmations(settings: Any) -> list[str]:
    return [str(m["To"]) for m in mails(settings) if m["Subject"] == "Bevestig je waardering"]


def test_with_the_broker_down_the_review_is_kept_and_the_sweeper_sends_its_mail_once(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app
    from workers.celery_app import create_celery

    down = make_settings(confirm_mail_grace_seconds=0)  # the broker: a closed port
    app = create_app(down)
    family = app.test_client()
    answer = submit_review(family, email="later@example.be")
    assert answer.status_code == 302  # accepted: the mail is owed, not lost
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
    assert review.state == State.UNCONFIRMED
    assert [r.sent_at for r in _owed(engine)] == [None]
    assert _confirmations(down) == []
    # The broker is back: the beat's sweeps (two at once) hand the row to a real worker.
    celery = create_celery(make_settings(redis_server.url, confirm_mail_grace_seconds=0))
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        sweeps = [threading.Thread(target=sweep, args=(engine, celery, 10)) for _ in range(2)]
        for t in sweeps:
            t.start()
        for t in sweeps:
            t.join(30)
        wait_for(lambda: _confirmations(down))
        time.sleep(1)  # room for a second mail, if one were sent
    assert _confirmations(down) == ["later@example.be"]
    assert [r.attempts for r in _owed(engine)] == [1]  # claimed by one sweep only
    page = family.get(confirm_link(down))
    assert page.status_code == 200
    with Session(engine) as session:
        assert session.exec(select(Review)).one().state == State.SUBMITTED
    app.extensions["zr_runtime"].engine.dispose()
    celery.runtime.engine.dispose()
    db = "postgresql" if down.database_url.startswith("postgresql") else "sqlite"
    FAULT_TABLE.append(
        ("broker down at submit, then two sweeps", db, 1, 1, 0, 0, "the owed mail sent once")
    )


def test_a_confirmation_task_the_broker_lost_is_sent_again_when_due_not_before(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app

    settings = make_settings(redis_server.url, confirm_mail_grace_seconds=2)
    app = create_app(settings)
    celery = app.extensions["zr_celery"]
    assert submit_review(app.test_client(), email="kwijt@example.be").status_code == 302
    redis.Redis.from_url(redis_server.url).flushdb()  # a Redis restart without its data
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        assert sweep(engine, celery, 10) == 0  # not due yet: a slow worker is not resent
        wait_for(lambda: sweep(engine, celery, 10) == 1)
        wait_for(lambda: _confirmations(settings))
        time.sleep(1)  # room for a second mail, if one were sent
    assert _confirmations(settings) == ["kwijt@example.be"]
    assert [r.attempts for r in _owed(engine)] == [1]
    app.extensions["zr_runtime"].engine.dispose()


def test_a_late_confirmation_task_and_the_sweepers_copy_of_it_mail_once(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    """A worker that holds the early task past the grace: the sweeper sends the row again,
    both tasks run, and the family gets one mail; asking for the link again still mails."""
    from web import create_app

    settings = make_settings(redis_server.url, confirm_mail_grace_seconds=0)
    app = create_app(settings)
    celery = app.extensions["zr_celery"]
    assert submit_review(app.test_client(), email="traag@example.be").status_code == 302
    assert sweep(engine, celery, 10) == 1  # due at once: the sweeper's copy of the early task
    with Session(engine) as session:
        review_id = session.exec(select(Review.id)).one()
    task = celery.tasks[CONFIRM_MAIL]
    assert task.apply(args=["review", review_id], throw=True).get() is True
    assert task.apply(args=["review", review_id], throw=True).get() is False
    assert _confirmations(settings) == ["traag@example.be"]
    assert all(r.done_at is not None for r in _owed(engine))
    with Session(engine) as session:
        add_to_outbox(session, "review", review_id or 0, task=CONFIRM_MAIL)  # asked again
        session.commit()
    assert task.apply(args=["review", review_id], throw=True).get() is True
    assert _confirmations(settings) == ["traag@example.be", "traag@example.be"]
    app.extensions["zr_runtime"].engine.dispose()


def test_a_mail_the_worker_could_not_write_is_retried_and_sent_once(
    client: Any, settings: Any, engine: Any, worker: Any
) -> None:
    blocked = Path(settings.mail_dir)
    blocked.write_text("the disk is full")  # a file where the mail folder should be
    assert submit_review(client, email="vol@example.be").status_code == 302
    time.sleep(1)  # the worker's first attempt meets the full disk
    assert _confirmations(settings) == []
    assert [r.sent_at for r in _owed(engine)] == [None]  # not settled: still owed
    blocked.unlink()  # space again; the task retries with backoff
    wait_for(lambda: _confirmations(settings))
    wait_for(lambda: all(r.sent_at is not None for r in _owed(engine)))
    assert _confirmations(settings) == ["vol@example.be"]

    page = client.get("/waardering/verstuurd").text
    unknown = client.post(
        "/waardering/link-opnieuw",
        data={"csrf_token": csrf_from(page), "email": "niemand@example.be"},
    )
    known = client.post(
        "/waardering/link-opnieuw",
        data={"csrf_token": csrf_from(page), "email": "vol@example.be"},
    )
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    wait_for(lambda: len(_confirmations(settings)) >= 2)
    assert _confirmations(settings) == ["vol@example.be", "vol@example.be"]


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


def test_a_review_and_its_owed_mail_take_one_commit_and_no_mail_in_the_request(
    client: Any, settings: Any
) -> None:
    from sqlalchemy import event

    from tests.integration.journey import review_form

    data = review_form(client)
    data.update({"score_1": "4", "email": "snel@example.be"})
    commits: list[int] = []
    web_engine = client.application.extensions["zr_runtime"].engine
    event.listen(web_engine, "commit", lambda _conn: commits.append(1))
    assert client.post("/voorziening/1/waardering", data=data).status_code == 302
    assert len(commits) == 1  # the review, its answers and the outbox row, durable at once
    assert mails(settings) == []  # the mail is the worker's
    assert deliver_outbox(client.application) == 1
    assert _confirmations(settings) == ["snel@example.be"]
    assert deliver_outbox(client.application) == 0  # settled: not owed twice


def test_a_mail_still_owed_does_not_hold_back_a_stuck_review(
    make_settings: Any, engine: Any
) -> None:
    from web import create_app

    sent: list[str] = []

    class Broker:
        def send_task(self, name: str, args: list[Any]) -> None:
            sent.append(name)

    app = create_app(make_settings())  # the broker down: the mail's row stays unsent
    assert submit_review(app.test_client()).status_code == 302
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        review.state = State.CHECKING  # as if a worker died half-way
        review.state_changed_at = utcnow() - timedelta(minutes=30)
        session.add(review)
        session.commit()
    assert [r.sent_at for r in _owed(engine)] == [None]
    assert sweep(engine, Broker(), 10) == 1
    assert sent == ["zr.moderate_submission"]
    app.extensions["zr_runtime"].engine.dispose()
