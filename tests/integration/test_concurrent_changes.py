"""Two people act on one review at the same moment: exactly one change counts, once.

Each race runs a few rounds with a barrier, so both requests really are in flight together;
on PostgreSQL too (every test here runs on both databases).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session, col, func, select

from models import AuditEvent, Outbox, Reply, Review, State
from tests.conftest import csrf_from, login
from tests.integration.conftest import FAULT_TABLE
from tests.integration.journey import queued_review
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.integration

ROUNDS = 4
SAVED = "Beslissing bewaard."


def _queued(client: Any, engine: Any, settings: Any, n: int) -> int:
    return queued_review(
        client, engine, settings, email=f"ouder{n}@example.be", story=f"Verhaal nummer {n}."
    )


def _together(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released at the same moment; return their results."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[i] = call()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def _moves(engine: Any, kind: str, subject_id: int) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(
                    AuditEvent.subject_kind == kind,
                    AuditEvent.subject_id == subject_id,
                    col(AuditEvent.from_state) != col(AuditEvent.to_state),
                )
                .order_by(col(AuditEvent.id))
            )
        )


def _notify_rows(engine: Any, subject_id: int) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count())
            .select_from(Outbox)
            .where(Outbox.task == "zr.notify", Outbox.subject_id == subject_id)
        ).one()


def _decision_form(moderator: Any, rid: int, action: str, **extra: str) -> Callable[[], Any]:
    page = moderator.get(f"/redactie/review/{rid}").text
    data = {"csrf_token": csrf_from(page), "action": action, **extra}
    decision_form = page.split('id="decision"', 1)[1]
    version = decision_form.split('name="version" value="', 1)[1].split('"', 1)[0]
    data["version"] = version

    def post() -> Any:
        return moderator.post(
            f"/redactie/review/{rid}/beslissing", data=data, follow_redirects=True
        )

    return post


def _tally(fault: str, database_url: str, rounds: int, doubled: int, note: str) -> None:
    """A row of the fault table printed at the end of the run (nothing may be lost here)."""
    db = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    FAULT_TABLE.append((fault, db, rounds, rounds, 0, doubled, note))


def _flashes(page: str) -> list[str]:
    return re.findall(r'class="flash[^>]*>([^<]*)', page)


def _withdrawal(author: Any, token: str, data: dict[str, str]) -> Callable[[], Any]:
    return lambda: author.post(f"/mijn-waardering/{token}/intrekken", data=data)


def _state(engine: Any, model: type, subject_id: int) -> Any:
    with Session(engine) as session:
        return session.get(model, subject_id)


def test_two_moderators_decide_the_same_review_at_once(
    client: Any, engine: Any, settings: Any, accounts: Any, database_url: str
) -> None:
    first, second = client.application.test_client(), client.application.test_client()
    login(first, accounts["moderator"])
    login(second, accounts["senior"])
    for n in range(ROUNDS):
        rid = _queued(client, engine, settings, n)
        publish = _decision_form(first, rid, "publish")
        reject = _decision_form(second, rid, "reject", reason="reclame")
        answers = _together(publish, reject)
        saved = [SAVED in a.text for a in answers]
        assert saved.count(True) == 1, [
            re.findall(r"class=\"flash[^>]*>([^<]*)", a.text) for a in answers
        ]
        decisions = [m for m in _moves(engine, "review", rid) if m.actor.startswith("account:")]
        assert len(decisions) == 1
        review = _state(engine, Review, rid)
        assert review.state == decisions[0].to_state
        if review.state == State.PUBLISHED:
            assert review.return_reason is None  # never online with a rejection reason
        assert _notify_rows(engine, rid) == 1
    _tally("two moderators decide at once", database_url, ROUNDS, 0, "one decision, one mail")


def test_author_withdraws_while_a_moderator_publishes(
    client: Any, engine: Any, settings: Any, accounts: Any, database_url: str
) -> None:
    moderator = client.application.test_client()
    login(moderator, accounts["moderator"])
    for n in range(ROUNDS):
        rid = _queued(client, engine, settings, n)
        review = _state(engine, Review, rid)
        author = client.application.test_client()
        page = author.get(f"/mijn-waardering/{review.author_token}").text
        withdraw_data = {"csrf_token": csrf_from(page), "version": str(review.version)}
        publish = _decision_form(moderator, rid, "publish")

        _together(publish, _withdrawal(author, review.author_token, withdraw_data))
        moves = [
            m.to_state
            for m in _moves(engine, "review", rid)
            if m.actor != "worker" and m.from_state != State.UNCONFIRMED
        ]
        assert len(moves) == 1, moves
        final = _state(engine, Review, rid)
        assert final.state == moves[0]
        # a withdrawn review is never published afterwards, nor mailed as online
        assert _notify_rows(engine, rid) == (1 if final.state == State.PUBLISHED else 0)
    _tally("withdraw while publishing", database_url, ROUNDS, 0, "never online after a withdrawal")


def test_a_decision_taken_on_an_older_version_of_the_text_changes_nothing(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    moderator = client.application.test_client()
    login(moderator, accounts["moderator"])
    rid = _queued(client, engine, settings, 1)
    publish = _decision_form(moderator, rid, "publish")  # the moderator opened the old text
    review = _state(engine, Review, rid)
    author = client.application.test_client()
    page = author.get(f"/mijn-waardering/{review.author_token}/aanpassen").text
    author.post(
        f"/mijn-waardering/{review.author_token}/aanpassen",
        data={"csrf_token": csrf_from(page), "score_1": "1", "story": "Nieuwe tekst."},
    )
    with Session(engine) as session:
        run_moderation(session, "review", rid)  # the new text is back in the queue
    answer = publish()
    assert SAVED not in answer.text
    assert "gewijzigd" in answer.text
    final = _state(engine, Review, rid)
    assert final.state == State.AWAITING_MODERATION
    assert final.published_at is None


def test_a_double_clicked_undo_counts_once(
    client: Any, engine: Any, settings: Any, accounts: Any, database_url: str
) -> None:
    first = client.application.test_client()
    login(first, accounts["moderator"])
    second = client.application.test_client()
    for cookie in ("session", "remember_token"):
        if (value := first.get_cookie(cookie)) is not None:
            second.set_cookie(cookie, value.value)
    for n in range(ROUNDS):
        rid = _queued(client, engine, settings, n)
        _decision_form(first, rid, "publish")()
        token = csrf_from(first.get("/redactie/").text)

        def undo(c: Any, r: int = rid, t: str = token) -> Callable[[], Any]:
            return lambda: c.post(f"/redactie/review/{r}/ongedaan", data={"csrf_token": t})

        _together(undo(first), undo(second))
        undos = [m for m in _moves(engine, "review", rid) if m.reason_code == "undo"]
        assert len(undos) == 1
        assert _state(engine, Review, rid).state == State.AWAITING_MODERATION
    _tally("double-clicked undo", database_url, ROUNDS, 0, "one undo audit row")


def test_a_facility_cannot_reply_to_a_review_that_left_the_site(
    client: Any, engine: Any, settings: Any, accounts: Any, database_url: str
) -> None:
    moderator = client.application.test_client()
    login(moderator, accounts["moderator"])
    facility = client.application.test_client()
    login(facility, accounts["facility"])
    for n in range(ROUNDS):
        rid = _queued(client, engine, settings, n)
        _decision_form(moderator, rid, "publish")()
        review = _state(engine, Review, rid)
        author = client.application.test_client()
        page = author.get(f"/mijn-waardering/{review.author_token}").text
        data = {"csrf_token": csrf_from(page), "version": str(review.version)}
        dash = facility.get("/voorziening-account/").text

        withdraw = _withdrawal(author, review.author_token, data)

        def reply(r: int = rid, csrf: str = csrf_from(dash), k: str = f"race-{n}") -> Any:
            return facility.post(
                f"/voorziening-account/waardering/{r}/reactie",
                data={"csrf_token": csrf, "text": "Bedankt voor je reactie.", "form_key": k},
            )

        _, replied = _together(withdraw, reply)
        withdrawn = [m for m in _moves(engine, "review", rid) if m.to_state == State.WITHDRAWN]
        assert len(withdrawn) == 1
        with Session(engine) as session:
            replies = session.exec(select(Reply).where(Reply.review_id == rid)).all()
        # The reply either came first, or was refused: by the view (the review had already
        # left: 404) or by the operation (it left while the reply was being stored).
        told = _flashes(facility.get(replied.location).text) if replied.status_code == 302 else []
        if replies:  # it came first: the withdrawal waited for it
            assert len(replies) == 1
            assert any("Bedankt" in t for t in told)
            # ... but it never goes online under a review that left the site
            reply_page = moderator.get(f"/redactie/reply/{replies[0].id}")
            with Session(engine) as session:
                run_moderation(session, "reply", replies[0].id or 0)
            reply_page = moderator.get(f"/redactie/reply/{replies[0].id}").text
            moderator.post(
                f"/redactie/reply/{replies[0].id}/beslissing",
                data={"csrf_token": csrf_from(reply_page), "action": "publish"},
            )
            assert _state(engine, Reply, replies[0].id).state != State.PUBLISHED
        else:
            assert replied.status_code == 404 or any("niet meer online" in t for t in told), told
    # and afterwards, plainly: no reply to a withdrawn review
    answer = facility.post(
        f"/voorziening-account/waardering/{rid}/reactie",
        data={"csrf_token": csrf_from(dash), "text": "Nog een reactie.", "form_key": "late"},
    )
    assert answer.status_code == 404
    _tally("reply while the review is withdrawn", database_url, ROUNDS, 0, "no reply online")
