"""Behaviour that differs between SQLite and PostgreSQL unless the code takes care."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from models import Facility, Review, Reviewer
from models.queries import search_facilities

pytestmark = pytest.mark.integration

HUGE = 2**31  # beyond PostgreSQL's `integer`; SQLite does not mind


@pytest.mark.parametrize(
    "path",
    [
        f"/voorziening/{HUGE}",
        f"/voorziening/{2**64}",
        f"/voorziening/{HUGE}/waardering",
        f"/api/v1/facilities/{HUGE}",
        f"/api/v1/facilities/{HUGE}/reviews",
    ],
)
def test_ids_beyond_32_bits_are_not_found(client: Any, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/zoeken?q=Rups%00je",
        "/zoeken?type=%00",
        "/zoeken?sector=%00",
        "/api/v1/facilities?q=%00",
        "/api/v1/facilities?sector=%00",
        f"/zoeken?pagina={2**70}",
        f"/voorziening/1?pagina={2**70}",
        f"/voorziening/1?thema={2**70}",
        f"/api/v1/facilities?page={2**70}",
    ],
)
def test_odd_query_strings_do_not_break_the_database(client: Any, path: str) -> None:
    assert client.get(path).status_code in (200, 400, 404)


def _review(session: Session, reviewer_id: int, key: str, submitted_at: datetime | None) -> Review:
    review = Review(
        facility_id=1,
        reviewer_id=reviewer_id,
        form_key=key,
        author_token=key,
        submitted_at=submitted_at,
    )
    session.add(review)
    session.flush()
    return review


def test_datetimes_come_back_as_the_same_instant_in_utc(engine: Any) -> None:
    summer_night = datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Brussels"))
    with Session(engine) as session:
        reviewer = Reviewer(email_hmac="a" * 64)
        session.add(reviewer)
        session.flush()
        assert reviewer.id is not None
        review_id = _review(session, reviewer.id, "k1", summer_night).id
        session.commit()
    with Session(engine) as session:
        review = session.get(Review, review_id)
        assert review is not None
        assert review.submitted_at is not None
        assert review.submitted_at == summer_night
        assert review.submitted_at.utcoffset() == timedelta(0)


def test_reviewer_history_lists_unconfirmed_reviews_last(engine: Any) -> None:
    from web.moderate.routes import reviewer_history

    now = datetime.now(UTC)
    with Session(engine) as session:
        reviewer = Reviewer(email_hmac="b" * 64)
        session.add(reviewer)
        session.flush()
        assert reviewer.id is not None
        older = _review(session, reviewer.id, "k1", now - timedelta(days=30))
        unconfirmed = _review(session, reviewer.id, "k2", None)
        newer = _review(session, reviewer.id, "k3", now - timedelta(days=1))
        subject = _review(session, reviewer.id, "k4", now)
        session.commit()
        total, latest = reviewer_history(session, subject)
    assert total == 3
    assert [r.id for r in latest] == [newer.id, older.id, unconfirmed.id]


def test_search_pages_list_every_facility_once_when_names_tie(engine: Any) -> None:
    with Session(engine) as session:
        for n in range(25):
            session.add(
                Facility(
                    name="Kinderdagverblijf", sector="kinderopvang", type="x", municipality=f"G{n}"
                )
            )
        session.commit()
        seen = [
            f.id
            for offset in range(0, 25, 10)
            for f in search_facilities(session, "kinderdagverblijf", limit=10, offset=offset)
        ]
    assert sorted(seen) == sorted(set(seen))
    assert len(seen) == 25


def test_only_the_workers_commit_without_waiting_for_the_disk(make_settings: Any) -> None:
    """Web commits (accepted reviews, decisions) wait for the disk; a worker's need not."""
    from workers.celery_app import create_celery
    from workers.runtime import Runtime

    settings = make_settings()
    web_engine = Runtime(settings).engine
    worker_engine = create_celery(settings).runtime.engine
    try:
        with web_engine.connect() as web, worker_engine.connect() as worker:
            if web_engine.dialect.name == "sqlite":
                assert web.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert worker.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            else:  # the test server runs with synchronous_commit=off: ask who set it
                query = "SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'"
                assert tuple(worker.exec_driver_sql(query).one()) == ("off", "session")
                assert web.exec_driver_sql(query).one()[1] != "session"
    finally:
        web_engine.dispose()
        worker_engine.dispose()
