"""The worker's per-process caches (candidate texts, stored signatures) never give stale answers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from models import ModerationReport, Review, ReviewAnswer
from moderation import PastSubmission, Policy
from services.subjects import load_subject, to_submission
from tests.integration.journey import confirm, submit_review

pytestmark = pytest.mark.integration

STORY = (
    "De juffen zijn warm en geduldig, we krijgen elke dag een verslagje met foto's via de "
    "app en het eten is vers. Enige minpunt is het parkeren aan de ingang 's morgens."
)
OTHER = "Een heel ander verhaal over de tuin, de schommels en de zandbak achter het gebouw."


def _copies(client: Any, engine: Any, settings: Any, n: int) -> tuple[Any, list[int]]:
    """Submit `n` copies of STORY and moderate them in order; the index and their ids."""
    from workers.moderation_job import run_moderation
    from workers.runtime import Runtime

    for i in range(n):
        submit_review(client.application.test_client(), story=STORY, email=f"kopie{i}@example.be")
        confirm(client, settings)
    index = Runtime(settings).duplicate_index
    with Session(engine) as session:
        ids = [i for i in session.exec(select(Review.id).order_by(col(Review.id))) if i]
    for review_id in ids:
        with Session(engine, expire_on_commit=False) as session:
            assert run_moderation(session, "review", review_id, index)
    return index, ids


def _candidates(engine: Any, index: Any, review_id: int) -> tuple[list[PastSubmission], int]:
    """What the history of this review gives as near-duplicates, and its query count."""
    from workers.db_history import DBHistory

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    with Session(engine) as session:
        subject = load_subject(session, "review", review_id)
        assert subject is not None
        sub = to_submission(session, "review", subject)
        history = DBHistory(session, index, current=sub.id)
        event.listen(engine, "before_cursor_execute", count)
        try:
            history.prefetch(sub, Policy().reliability.burst_window_hours)
            found = list(history.similar(sub.text, sub.id))
        finally:
            event.remove(engine, "before_cursor_execute", count)
    return found, len(statements)


def test_a_candidate_text_is_read_once_and_again_after_its_review_changes(
    client: Any, engine: Any, settings: Any
) -> None:
    """The second check of the same copies reads no text; an edit or a new flag shows at once."""
    from workers import db_history

    index, (first, second, third) = _copies(client, engine, settings, 3)
    db_history._TEXTS.clear()  # as in a process that never saw them
    found, cold = _candidates(engine, index, third)
    assert {p.id for p in found} == {f"review:{first}", f"review:{second}"}
    found, warm = _candidates(engine, index, third)
    assert warm == cold - 1  # the texts came from the cache: one query less
    assert all(STORY in p.text for p in found)

    # An edit changes the texts (and bumps the row's version): read again, not the cache.
    with Session(engine) as session:
        review = session.get(Review, first)
        assert review is not None
        review.story = OTHER
        for answer in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == first)):
            answer.text = ""
            session.add(answer)
        session.add(review)
        session.commit()
    found, after_edit = _candidates(engine, index, third)
    texts = {p.id: p.text for p in found}
    assert after_edit == cold
    assert texts[f"review:{first}"] == OTHER
    assert STORY in texts[f"review:{second}"]

    # A flag added to a report later (a retro flag) changes no row of the review: the cached
    # text comes with the report's current flags.
    with Session(engine) as session:
        report = session.exec(
            select(ModerationReport).where(ModerationReport.subject_id == second)
        ).one()
        assert "burst" not in report.flag_list
        report.flags = " ".join([*report.flag_list, "burst"])
        session.add(report)
        session.commit()
    found, _ = _candidates(engine, index, third)
    assert "burst" in {p.id: p for p in found}[f"review:{second}"].flags


def test_a_stored_signature_is_fetched_from_redis_once_per_process(
    client: Any, engine: Any, settings: Any
) -> None:
    """The candidates are the same with and without the cache; the second lookup reads none."""
    import redis

    from workers import db_history
    from workers.db_history import lsh_candidates

    index, ids = _copies(client, engine, settings, 3)
    db_history._SIGNATURES.clear()  # as in a process that never saw them
    r = redis.Redis.from_url(settings.redis_url)

    def lranges() -> int:
        return int(r.info("commandstats").get("cmdstat_lrange", {}).get("calls", 0))

    with Session(engine) as session:
        subject = load_subject(session, "review", ids[-1])
        assert subject is not None
        text = to_submission(session, "review", subject).text
    before = lranges()
    assert sorted(lsh_candidates(index, text)) == sorted(index.candidates(text))
    uncached = lranges() - before  # index.candidates reads every signature
    assert uncached >= len(ids)
    before = lranges()
    assert sorted(lsh_candidates(index, text)) == sorted(f"review:{i}" for i in ids)
    assert lranges() == before


def test_a_batch_looks_up_its_candidates_in_one_round_trip_as_one_by_one(
    client: Any, engine: Any, settings: Any
) -> None:
    """`lsh_candidates_many` gives each text what `lsh_candidates` gives it, with one SUNION
    per text sent together (a text with no candidates included)."""
    import redis

    from workers.db_history import lsh_candidates, lsh_candidates_many

    index, ids = _copies(client, engine, settings, 3)
    with Session(engine) as session:
        subject = load_subject(session, "review", ids[0])
        assert subject is not None
        copy = to_submission(session, "review", subject).text
    texts = [copy, OTHER, copy + " Dat is alles."]
    r = redis.Redis.from_url(settings.redis_url)

    def calls(name: str) -> int:
        return int(r.info("commandstats").get(f"cmdstat_{name}", {}).get("calls", 0))

    before = calls("sunion")
    many = lsh_candidates_many(index, texts)
    assert calls("sunion") - before == len(texts)
    assert many == [lsh_candidates(index, text) for text in texts]
    assert sorted(many[0]) == sorted(f"review:{i}" for i in ids)
    assert many[1] == []
    assert lsh_candidates_many(index, []) == []


def test_a_batch_prefetch_answers_each_check_as_its_own_query_would(
    client: Any, engine: Any, settings: Any
) -> None:
    """`prefetch_batch`'s rows give every check of a batch the reviews, counts and candidate
    texts its own prefetch query gives (the same author twice at a facility and once at
    another, copies with and without cached texts), and the checks then query nothing."""
    from sqlalchemy import update

    from models import State
    from workers import db_history
    from workers.db_history import DBHistory, lsh_candidates_many, prefetch_batch

    index, (first, *_) = _copies(client, engine, settings, 3)
    for i, (story, facility) in enumerate([(STORY, 1), (STORY, 1), (OTHER, 1), (OTHER, 2)]):
        family = client.application.test_client()
        submit_review(family, facility_id=facility, story=story, email=f"nieuw{i}@example.be")
        confirm(client, settings)
    with Session(engine) as session:
        author = session.exec(select(Review.reviewer_id).where(Review.id == first)).one()
        later = select(Review.id).where(col(Review.id) > first + 2).order_by(col(Review.id))
        batch = [i for i in session.exec(later) if i is not None]
        assert len(batch) == 4
        session.exec(update(Review).where(col(Review.id).in_(batch)).values(state=State.CHECKING))
        session.exec(update(Review).where(col(Review.id).in_(batch[1:])).values(reviewer_id=author))
        session.commit()

    def answers(history: DBHistory) -> tuple[Any, ...]:
        assert history._pre is not None
        return history._pre.counted, history._totals, history._loaded

    with Session(engine) as session:
        subs = []
        for review_id in batch:
            subject = load_subject(session, "review", review_id)
            assert subject is not None
            subs.append(to_submission(session, "review", subject))
        found = lsh_candidates_many(index, [s.text for s in subs])
        window = Policy().reliability.burst_window_hours
        alone = []
        for sub, candidates in zip(subs, found, strict=True):
            history = DBHistory(session, index, current=sub.id)
            history.prefetch(sub, window, candidates)
            alone.append(answers(history))
        db_history._TEXTS.clear()  # the batch reads the candidates' texts itself
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        rows = prefetch_batch(session, subs, [s.id for s in subs], found)
        fetched = len(statements)
        together = []
        for sub, candidates in zip(subs, found, strict=True):
            history = DBHistory(session, index, current=sub.id)
            history.prefetch(sub, window, candidates, rows)
            together.append(answers(history))
        event.remove(engine, "before_cursor_execute", count)
    assert together == alone
    assert fetched == 3  # the rows, the authors' counts, the candidates' texts
    assert len(statements) == fetched  # and nothing per check
    counted = [[p.id for _, p in pre] for pre, _, _ in alone]
    assert counted[2] == [f"review:{first}", f"review:{batch[1]}"]  # the author's, at 1
    assert counted[3] == []  # facility 2: none of the author's
    assert alone[1][1][author] == 3  # the author's other reviews, itself left out
    assert [len(loaded) for _, _, loaded in alone] == [3, 3, 0, 0]  # the stored copies
