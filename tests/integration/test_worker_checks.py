"""The worker runs the real checks with the Redis-backed LSH index and the database history."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import FindingRow, ModerationReport, Review, State
from tests.integration.journey import confirm, submit_review, wait_state

pytestmark = pytest.mark.integration

STORY = (
    "De juffen zijn warm en geduldig, we krijgen elke dag een verslagje met foto's via de "
    "app en het eten is vers. Enige minpunt is het parkeren aan de ingang 's morgens."
)


def _reviews(engine: Any) -> list[Review]:
    with Session(engine) as session:
        return list(session.exec(select(Review).order_by(col(Review.id))))


def test_copy_from_another_reviewer_is_flagged_with_the_original(
    client: Any, engine: Any, settings: Any, worker: Any
) -> None:
    submit_review(client, story=STORY, email="eerste@example.be")
    confirm(client, settings)
    first = _reviews(engine)[0]
    assert first.id is not None
    wait_state(engine, Review, first.id, State.AWAITING_MODERATION)

    other = client.application.test_client()
    submit_review(
        other, facility_id=2, story=STORY.replace("vers", "lekker"), email="tweede@example.be"
    )
    confirm(other, settings)
    second = _reviews(engine)[1]
    assert second.id is not None
    wait_state(engine, Review, second.id, State.AWAITING_MODERATION)
    with Session(engine) as session:
        reports = {r.subject_id: r for r in session.exec(select(ModerationReport))}
        dup = session.exec(select(FindingRow).where(FindingRow.check == "near_duplicate")).all()
    assert "near_duplicate" not in reports[first.id].flag_list
    assert "near_duplicate" in reports[second.id].flag_list
    assert [f.related_id for f in dup] == [f"review:{first.id}"]


def test_a_copy_paste_flood_costs_each_check_a_bounded_number_of_loads(
    client: Any, engine: Any, settings: Any
) -> None:
    """Forty copies: every copy names the first original, and a check loads few candidates."""
    from workers import db_history
    from workers.moderation_job import run_moderation
    from workers.runtime import Runtime

    copies = db_history.MAX_CANDIDATES + 24
    for i in range(copies):
        submit_review(client.application.test_client(), story=STORY, email=f"kopie{i}@example.be")
        confirm(client, settings)
    index = Runtime(settings).duplicate_index
    loads: list[int] = []
    original = db_history.DBHistory._past

    def counted(self: Any, kind: str, subject_id: int) -> Any:
        loads[-1] += 1
        return original(self, kind, subject_id)

    db_history.DBHistory._past = counted  # type: ignore[method-assign]
    try:
        for review in _reviews(engine):
            assert review.id is not None
            loads.append(0)
            with Session(engine, expire_on_commit=False) as session:
                assert run_moderation(session, "review", review.id, index)
    finally:
        db_history.DBHistory._past = original  # type: ignore[method-assign]
    first = _reviews(engine)[0]
    with Session(engine) as session:
        related = {f.related_id for f in session.exec(select(FindingRow)) if f.related_id}
        flagged = [
            r for r in session.exec(select(ModerationReport)) if "near_duplicate" in r.flag_list
        ]
    assert related == {f"review:{first.id}"}
    assert len(flagged) == copies - 1
    assert max(loads) <= db_history.MAX_CANDIDATES
    assert loads[-1] == db_history.MAX_CANDIDATES  # the cap was reached, so it was tested


def _glowing(client: Any, i: int) -> None:
    scores = {f"score_{t}": "5" for t in range(1, 9)}
    story = f"Fantastisch, de allerbeste opvang van het land, nummer {i} zegt het ook."
    submit_review(
        client.application.test_client(), email=f"fan{i}@example.be", story=story, **scores
    )
    confirm(client, settings=client.application.config["ZR_SETTINGS_FOR_TESTS"])


def test_a_burst_is_flagged_with_its_members_and_its_queries_do_not_grow_with_it(
    client: Any, engine: Any, settings: Any
) -> None:
    """Glowing reviews from new reviewers: flagged, earlier members too; queries stay flat."""
    from sqlalchemy import event

    from workers.moderation_job import run_moderation

    client.application.config["ZR_SETTINGS_FOR_TESTS"] = settings
    statements: list[int] = []

    def count(*_: Any) -> None:
        if statements:
            statements[-1] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        for i in range(24):
            _glowing(client, i)
        for review in _reviews(engine):
            assert review.id is not None
            statements.append(0)
            with Session(engine, expire_on_commit=False) as session:
                assert run_moderation(session, "review", review.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    with Session(engine) as session:
        flagged = [r for r in session.exec(select(ModerationReport)) if "burst" in r.flag_list]
    assert len(flagged) == 24  # from the 4th on, and the first three by a retro flag
    # The 5th and the 24th review check a burst of 4 and of 23: the same number of queries.
    assert statements[4] == statements[23]


def test_the_history_questions_of_one_review_take_at_most_two_queries(
    client: Any, engine: Any, settings: Any
) -> None:
    """Prefetched, the interval, burst and count questions cost one query; asked one by one,
    more (and the report is the same either way)."""
    from sqlalchemy import event

    from moderation import Policy, moderate
    from services.subjects import load_subject, to_submission
    from workers.db_history import DBHistory
    from workers.moderation_job import run_moderation

    client.application.config["ZR_SETTINGS_FOR_TESTS"] = settings
    for i in range(6):
        _glowing(client, i)
    *earlier, last = _reviews(engine)
    for review in earlier:
        assert review.id is not None
        with Session(engine, expire_on_commit=False) as session:
            assert run_moderation(session, "review", review.id)
    assert last.id is not None
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    reports = []
    for prefetched in (True, False):
        with Session(engine) as session:
            subject = load_subject(session, "review", last.id)
            assert subject is not None
            sub = to_submission(session, "review", subject)
            history = DBHistory(session, None, current=sub.id)
            statements.clear()
            event.listen(engine, "before_cursor_execute", count)
            try:
                if prefetched:
                    history.prefetch(sub, Policy().reliability.burst_window_hours)
                reports.append(moderate(sub, history))
            finally:
                event.remove(engine, "before_cursor_execute", count)
            if prefetched:
                assert len(statements) <= 2, statements
            else:
                assert len(statements) > 2  # so the bound above is a real one
    assert "burst" in reports[0].flags  # the burst questions were asked and answered
    assert reports[0] == reports[1]
