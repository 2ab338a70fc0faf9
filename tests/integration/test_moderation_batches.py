"""Moderation in batches: the same reports as one by one, copies inside a batch, bad items, and
a pool process killed half-way through a batch (its messages come back without a sweep)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import psutil
import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import AuditEvent, FindingRow, ModerationReport, Review, State
from models.db import make_engine, upgrade
from tests.conftest import seed_facilities, wait_for
from tests.integration.faults import WorkerProcess, filled_form
from tests.integration.journey import confirm, review_form, submit_review

pytestmark = pytest.mark.integration

STORY = (
    "De begeleiders van de leefgroep nemen echt de tijd voor onze zoon en bellen ons na elk "
    "weekend. De kamers zijn proper en het eten is gevarieerd, alleen de bus komt vaak laat."
)


def _submitted(client: Any, settings: Any, stories: list[str]) -> list[int]:
    """Submit and confirm one review per story (each from its own family); their ids."""
    for i, story in enumerate(stories):
        submit_review(client.application.test_client(), story=story, email=f"gezin{i}@example.be")
        confirm(client, settings)
    with Session(client.application.extensions["zr_runtime"].engine) as session:
        return [i for i in session.exec(select(Review.id).order_by(col(Review.id))) if i]


def _index(settings: Any) -> Any:
    from workers.runtime import Runtime

    return Runtime(settings).duplicate_index


def _report(engine: Any, review_id: int) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The route, flags and (check, label) findings of the review's only report."""
    with Session(engine) as session:
        reports = session.exec(
            select(ModerationReport).where(
                ModerationReport.subject_kind == "review", ModerationReport.subject_id == review_id
            )
        ).all()
        assert len(reports) == 1
        findings = session.exec(
            select(FindingRow).where(FindingRow.report_id == reports[0].id)
        ).all()
        return reports[0].route, reports[0].flag_list, sorted((f.check, f.label) for f in findings)


def test_a_batch_moderates_each_and_sees_a_copy_sent_in_the_same_batch(
    client: Any, engine: Any, settings: Any
) -> None:
    """Three reviews in one call: a copy of the first is flagged, an address is redacted, and
    each went submitted -> checking -> queue with one report."""
    from workers.moderation_job import run_moderation_batch

    stories = [STORY, STORY, "Mail me gerust op jan.peeters@telenet.be als je vragen hebt."]
    first, copy, mail = _submitted(client, settings, stories)
    with Session(engine, expire_on_commit=False) as session:
        outcomes = run_moderation_batch(
            session, [("review", first), ("review", copy), ("review", mail)], _index(settings)
        )
    assert all(outcomes.values())
    assert len(outcomes) == 3
    assert "near_duplicate" not in _report(engine, first)[1]
    assert "near_duplicate" in _report(engine, copy)[1]
    assert ("privacy", "EMAIL") in _report(engine, mail)[2]
    with Session(engine) as session:
        for review_id in (first, copy, mail):
            review = session.get(Review, review_id)
            assert review is not None
            assert review.state == State.AWAITING_MODERATION
            moves = session.exec(
                select(AuditEvent.from_state, AuditEvent.to_state)
                .where(AuditEvent.subject_kind == "review", AuditEvent.subject_id == review_id)
                .order_by(col(AuditEvent.id))
            ).all()
            assert [tuple(m) for m in moves][-2:] == [
                (State.SUBMITTED, State.CHECKING),
                (State.CHECKING, State.AWAITING_MODERATION),
            ]
        mail_review = session.get(Review, mail)
        assert mail_review is not None
        assert "jan.peeters" not in mail_review.story_redacted


def test_a_copy_is_found_in_the_batch_before_either_is_stored(
    client: Any, engine: Any, settings: Any
) -> None:
    """Middling scores ask the history nothing that names a batch-mate, so nothing is stored
    before the whole batch is checked: the copy is found among the unstored checks."""
    from workers.moderation_job import run_moderation_batch

    for i in range(2):
        submit_review(
            client.application.test_client(),
            story=STORY,
            email=f"kopie{i}@example.be",
            score_1="3",
            score_2="4",
        )
        confirm(client, settings)
    with Session(engine) as session:
        first, copy = [i for i in session.exec(select(Review.id).order_by(col(Review.id))) if i]
    with Session(engine, expire_on_commit=False) as session:
        run_moderation_batch(session, [("review", first), ("review", copy)], _index(settings))
    route, flags, _ = _report(engine, copy)
    assert "near_duplicate" in flags
    assert route != "publish"
    assert "near_duplicate" not in _report(engine, first)[1]


def _one_by_one_and_batched(
    make_settings: Any, redis_server: Any, tmp_path: Any, fill: Callable[[Any, Any, Any], list[int]]
) -> list[list[tuple[str, list[str], list[tuple[str, str]]]]]:
    """The reports of the reviews `fill(app, settings, engine)` submits, in two fresh
    databases: moderated one by one in the first, in one batch in the second."""
    from web import create_app
    from workers.moderation_job import run_moderation, run_moderation_batch

    got = []
    for n, batched in enumerate((False, True)):
        settings = make_settings(
            redis_server.url, database_url=f"sqlite:///{tmp_path / f'db{n}.sqlite'}"
        )
        engine = make_engine(settings.database_url)
        upgrade(engine)
        seed_facilities(engine)
        app = create_app(settings)
        ids = fill(app, settings, engine)
        with Session(engine, expire_on_commit=False) as session:
            if batched:
                run_moderation_batch(session, [("review", i) for i in ids], _index(settings))
            else:
                for i in ids:
                    run_moderation(session, "review", i, _index(settings))
        got.append([_report(engine, i) for i in ids])
        app.extensions["zr_runtime"].engine.dispose()
        engine.dispose()
    return got


def test_a_batch_gives_the_reports_that_one_by_one_gives(
    make_settings: Any, redis_server: Any, tmp_path: Any
) -> None:
    """The same six reviews in two databases: one by one in one, in a batch in the other."""
    rng = random.Random(7)
    stories = [
        STORY,
        STORY.replace("zoon", "dochter"),
        "Juf An van de peutergroep is een schat, bel haar gerust op 0471 23 45 67.",
        "SCHANDALIG!!! niemand luistert hier ooit naar de ouders van de kinderen.",
        "Onze dochter kreeg haar medicatie niet en niemand zei er iets over, dat is ernstig.",
        " ".join(
            rng.choice(["fijn", "proper", "warm", "zorg", "tuin", "groep"]) for _ in range(40)
        ),
    ]
    got = _one_by_one_and_batched(
        make_settings,
        redis_server,
        tmp_path,
        lambda app, settings, _engine: _submitted(app.test_client(), settings, stories),
    )
    assert got[0] == got[1]
    assert any("near_duplicate" in flags for _, flags, _ in got[1])


def test_bad_items_in_a_batch_cost_the_others_nothing(
    client: Any, engine: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unknown ids, a wrong kind, an item twice, one already moderated and one whose check
    fails once: the batch falls back to one by one and every real review gets one report."""
    from workers import moderation_job

    done, failing, fine = _submitted(client, settings, [STORY, "Heel tevreden.", "Goede zorg."])
    with Session(engine, expire_on_commit=False) as session:
        assert moderation_job.run_moderation(session, "review", done)
    real = moderation_job._check
    calls = {"failing": 0}

    def flaky(session: Any, kind: str, subject: Any, *args: Any, **kwargs: Any) -> Any:
        if subject.id == failing and not calls["failing"]:
            calls["failing"] += 1
            raise RuntimeError("a check that fails once")
        return real(session, kind, subject, *args, **kwargs)

    monkeypatch.setattr(moderation_job, "_check", flaky)
    items = [
        ("review", 999_999),
        ("nonsense", fine),
        ("review", done),
        ("review", failing),
        ("review", fine),
        ("review", fine),
    ]
    with Session(engine, expire_on_commit=False) as session:
        outcomes = moderation_job.run_moderation_batch(session, items, _index(settings))
    assert calls["failing"] == 1
    assert outcomes == {
        ("review", 999_999): moderation_job.Outcome(False),
        ("nonsense", fine): moderation_job.Outcome(False),
        ("review", done): moderation_job.Outcome(False),
        ("review", failing): moderation_job.Outcome(True),
        ("review", fine): moderation_job.Outcome(True),
    }
    for review_id in (done, failing, fine):
        _report(engine, review_id)  # exactly one report each


def test_a_pool_process_killed_mid_batch_gives_its_messages_back_at_once(
    client: Any, engine: Any, settings: Any, tmp_path: Any
) -> None:
    """A prefork worker whose pool process is SIGKILLed while it holds a batch: the batch's
    messages go back to the queue and a new pool process moderates them, with no sweep (the
    broker alone would give them back after an hour)."""
    n = 40
    for i in range(n):
        family = client.application.test_client()
        data = filled_form(review_form(family, 1 + i % 4), i)
        assert family.post(f"/voorziening/{1 + i % 4}/waardering", data=data).status_code == 302
        confirm(family, settings)
    worker = WorkerProcess(settings, tmp_path / "worker.log", "batch-kill", pool="prefork")
    worker.start()
    try:
        children = psutil.Process(worker.pid).children()
        assert len(children) == 1

        def queued() -> int:  # in the moderators' queue (or the senior one)
            with Session(engine) as session:
                return int(
                    session.exec(
                        select(func.count())
                        .select_from(Review)
                        .where(col(Review.state).in_([State.AWAITING_MODERATION, State.ESCALATED]))
                    ).one()
                )

        def claimed() -> int:
            with Session(engine) as session:
                return int(
                    session.exec(
                        select(func.count())
                        .select_from(Review)
                        .where(col(Review.state) == State.CHECKING)
                    ).one()
                )

        wait_for(lambda: queued() > 0 and claimed() > 0, timeout=120)
        children[0].kill()
        assert 0 < queued() < n, "the batch was not half-way"
        wait_for(lambda: queued() == n, timeout=90)
        assert worker.alive(), worker.tail()
        assert claimed() == 0
        with Session(engine) as session:
            reports = session.exec(
                select(
                    func.count(), func.count(func.distinct(ModerationReport.subject_id))
                ).select_from(ModerationReport)
            ).one()
        assert tuple(reports) == (n, n)  # one report each: none lost, none twice
    finally:
        worker.stop()


def test_checks_that_depend_on_an_earlier_one_in_the_batch_see_it_stored(
    make_settings: Any, redis_server: Any, tmp_path: Any
) -> None:
    """A batch is checked before it is stored. A burst of damning reviews of one facility and
    a family that reviews a facility twice are told about the batch's earlier reviews: they
    get the reports one by one gives (the burst's first members flagged afterwards, the second
    review flagged for the interval)."""
    damning = {"score_1": "1", "score_2": "1"}
    sent: list[tuple[int, dict[str, str]]] = [
        (1, {**damning, "story": f"Slecht, de {what} is nooit in orde.", "email": f"b{n}@x.be"})
        for n, what in enumerate(["opvang", "verzorging", "communicatie", "hygiëne"])
    ]
    sent += [
        (2, {"story": "We komen hier graag, de juffen zijn lief.", "email": "een@example.be"}),
        (2, {"story": "Nog altijd tevreden over de juffen.", "email": "twee@example.be"}),
    ]

    def fill(app: Any, settings: Any, engine: Any) -> list[int]:
        client = app.test_client()
        for facility_id, fields in sent:
            submit_review(app.test_client(), facility_id=facility_id, **fields)
            confirm(client, settings)
        with Session(engine) as session:
            rows = session.exec(select(Review).order_by(col(Review.id))).all()
            assert len(rows) == len(sent)
            # The same family twice (the form refuses it within the interval, so here by hand).
            rows[5].reviewer_id = rows[4].reviewer_id
            session.add(rows[5])
            session.commit()
            return [r.id for r in rows if r.id is not None]

    got = [
        [report[:2] for report in reports]
        for reports in _one_by_one_and_batched(make_settings, redis_server, tmp_path, fill)
    ]
    assert got[0] == got[1]
    assert all("burst" in flags for _, flags in got[1][:4])
    assert "interval" in got[1][5][1]


def test_an_earlier_review_that_no_longer_counts_does_not_hold_back_a_batch(
    make_settings: Any, redis_server: Any, tmp_path: Any
) -> None:
    """The batch's query reads an author's reviews of the facility in every state (through the
    authors' index) and keeps the counted ones: a family whose earlier review of the facility
    was withdrawn is not flagged for the interval, one whose earlier review stands is; the
    same reports as one by one."""

    def fill(app: Any, settings: Any, engine: Any) -> list[int]:
        client = app.test_client()
        stories = [
            "We komen hier graag, de juffen zijn lief en de groep is klein.",
            "Nog altijd tevreden over de juffen, ook na de verhuis.",
            "De opvang is proper en de uren passen voor ons werk.",
            "Opnieuw een goed jaar gehad, de begeleiding blijft warm.",
        ]
        for n, story in enumerate(stories):
            submit_review(app.test_client(), facility_id=2, story=story, email=f"g{n}@x.be")
            confirm(client, settings)
        with Session(engine) as session:
            rows = session.exec(select(Review).order_by(col(Review.id))).all()
            # Two families, each with an earlier review of the facility: one withdrawn.
            rows[1].reviewer_id = rows[0].reviewer_id
            rows[3].reviewer_id = rows[2].reviewer_id
            rows[0].state = State.WITHDRAWN
            rows[2].state = State.PUBLISHED
            session.add_all(rows)
            session.commit()
            return [r.id for r in (rows[1], rows[3]) if r.id is not None]

    got = [
        [report[:2] for report in reports]
        for reports in _one_by_one_and_batched(make_settings, redis_server, tmp_path, fill)
    ]
    assert got[0] == got[1]
    assert "interval" not in got[1][0][1]
    assert "interval" in got[1][1][1]
