"""Nothing accepted is lost: a broker that is down, a redelivered task, the sweeper."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from models import ModerationReport, Outbox, Review, State
from services.outbox import MODERATE, sweep
from tests.integration.journey import confirm, state_of, submit_review, wait_state
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.integration


def test_review_survives_a_broker_that_is_down_and_is_moderated_later(
    make_settings: Any, redis_server: Any, tmp_path: Any
) -> None:
    from celery.contrib.testing.worker import start_worker

    from models import Facility
    from models.db import make_engine, upgrade
    from models.themes import seed_theme_questions
    from web import create_app

    down = make_settings()  # the broker URL points at a closed port
    engine = make_engine(down.database_url)
    upgrade(engine)
    with Session(engine) as session:
        seed_theme_questions(session)
        session.add(
            Facility(name="De Rupsjes", sector="kinderopvang", type="x", municipality="Gent")
        )
        session.commit()
    app = create_app(down)
    client = app.test_client()
    assert submit_review(client).status_code == 302
    page = confirm(client, down)
    assert page.status_code == 200  # the family is not bothered by our broker
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        outbox = session.exec(select(Outbox).where(Outbox.task == MODERATE)).one()
    assert review.state == State.SUBMITTED
    assert outbox.sent_at is None

    up = make_settings(redis_server.url)
    app_up = create_app(up)
    celery = app_up.extensions["zr_celery"]
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        assert sweep(engine, celery, stuck_after_minutes=0) == 1
        assert review.id is not None
        wait_state(engine, Review, review.id, State.AWAITING_MODERATION)


def test_moderation_is_idempotent(client: Any, engine: Any, settings: Any) -> None:
    submit_review(client)
    confirm(client, settings)  # no worker: the row waits in `submitted`
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        assert review.id is not None
        first = run_moderation(session, "review", review.id)
        assert first.done is True
        assert first.queued is False  # no notice owed: the task publishes nothing
        assert run_moderation(session, "review", review.id).done is False
        reports = session.exec(select(ModerationReport)).all()
    assert len(reports) == 1
    assert state_of(engine, Review, review.id) == State.AWAITING_MODERATION


def test_unknown_submission_is_ignored(engine: Any) -> None:
    with Session(engine) as session:
        assert run_moderation(session, "review", 999).done is False
        assert run_moderation(session, "nonsense", 1).done is False


def test_sweeper_picks_up_a_review_left_in_checking_by_a_dead_worker(
    client: Any, engine: Any, settings: Any, worker: Any
) -> None:
    from datetime import timedelta

    from models._base import utcnow

    app_celery = worker
    submit_review(client)
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        review.state = State.CHECKING  # as if the worker died half-way
        review.submitted_at = review.state_changed_at = utcnow() - timedelta(minutes=30)
        session.add(review)
        session.commit()
        assert review.id is not None
    assert sweep(engine, app_celery, stuck_after_minutes=10) == 1
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    assert sweep(engine, app_celery, stuck_after_minutes=10) == 0
