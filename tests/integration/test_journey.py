"""The whole journey with a real Redis and a real Celery worker: review, publish, reply."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import AuditEvent, FindingRow, ModerationReport, Outbox, Reply, Review, State
from tests.conftest import csrf_from, login, mails, wait_for
from tests.integration.journey import confirm, decide, submit_review, wait_state

pytestmark = pytest.mark.integration


def _only_review(engine: Any) -> Review:
    with Session(engine) as session:
        reviews = session.exec(select(Review)).all()
        assert len(reviews) == 1
        return reviews[0]


def _subjects(settings: Any) -> list[str]:
    return [m["Subject"] for m in mails(settings)]


def test_family_review_reaches_public_page_after_moderation(
    client: Any, engine: Any, settings: Any, worker: Any, accounts: Any
) -> None:
    response = submit_review(
        client, story="Mail gerust naar sofie.peeters@telenet.be. <script>alert(1)</script>"
    )
    assert response.status_code == 302
    review = _only_review(engine)
    assert review.state == State.UNCONFIRMED

    page = confirm(client, settings)
    assert page.status_code == 200
    assert "Wat gebeurt er nu?" in page.text
    assert review.id is not None
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)

    with Session(engine) as session:
        report = session.exec(select(ModerationReport)).one()
        labels = {f.label for f in session.exec(select(FindingRow))}
        assert "EMAIL" in labels
        assert report.subject_id == review.id
        moves = [
            (e.from_state, e.to_state)
            for e in session.exec(select(AuditEvent).order_by(col(AuditEvent.id)))
        ]
        assert moves == [
            ("unconfirmed", "submitted"),
            ("submitted", "checking"),
            ("checking", "awaiting_moderation"),
        ]

    # Not public yet.
    assert "sofie.peeters" not in client.get("/voorziening/1").text

    login(client, accounts["moderator"])
    queue = client.get("/redactie/")
    assert f"Waardering #{review.id}" in queue.text
    item = client.get(f"/redactie/review/{review.id}")
    assert '<mark class="privacy"' in item.text
    assert "&lt;script&gt;" in item.text
    redact_ids = re.findall(r'name="redact" value="(\d+)"', item.text)
    client.post(
        f"/redactie/review/{review.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish", "redact": redact_ids},
    )
    assert _only_review(engine).state == State.PUBLISHED

    public = client.get("/voorziening/1").text
    assert "[e-mailadres]" in public
    assert "sofie.peeters" not in public
    assert "<script>alert(1)</script>" not in public
    assert "1 gepubliceerde waardering" in public
    subjects = [m["Subject"] for m in mails(settings)]
    assert subjects[0] == "Bevestig je waardering"


def test_facility_reply_is_moderated_and_shows_under_the_review(
    client: Any, engine: Any, settings: Any, worker: Any, accounts: Any
) -> None:
    submit_review(client)
    confirm(client, settings)
    review = _only_review(engine)
    assert review.id is not None
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    login(client, accounts["moderator"])
    decide(client, "review", review.id, "publish")
    client.post("/afmelden", data={"csrf_token": csrf_from(client.get("/").text)})

    facility = client.application.test_client()
    login(facility, accounts["facility"])
    dash = facility.get("/voorziening-account/")
    assert dash.status_code == 200
    facility.post(
        f"/voorziening-account/waardering/{review.id}/reactie",
        data={
            "csrf_token": csrf_from(dash.text),
            "form_key": "k1",
            "text": "Bedankt voor uw feedback, we nemen het mee.",
        },
    )
    with Session(engine) as session:
        reply = session.exec(select(Reply)).one()
    assert reply.id is not None
    wait_state(engine, Reply, reply.id, State.AWAITING_MODERATION)
    assert "we nemen het mee" not in client.get("/voorziening/1").text

    mod = client.application.test_client()
    # A colleague: the moderator's TOTP code of a moment ago is used up (one login per code).
    login(mod, accounts["senior"])
    queue = mod.get("/redactie/")
    assert f"Reactie #{reply.id}" in queue.text
    item = mod.get(f"/redactie/reply/{reply.id}")
    mod.post(
        f"/redactie/reply/{reply.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish"},
    )
    public = client.get("/voorziening/1").text
    assert "Bedankt voor uw feedback, we nemen het mee." in public
    assert "Reactie van De Rupsjes" in public
    # The facility hears its reply is online, and the family that a reply came.
    wait_for(lambda: "De voorziening reageerde op je waardering" in _subjects(settings))
    wait_for(lambda: "Jullie reactie staat online" in _subjects(settings))
    told = {m["Subject"]: m["To"] for m in mails(settings)}
    assert told["De voorziening reageerde op je waardering"] == "ouder@example.be"
    assert told["Jullie reactie staat online"] == accounts["facility"].email
    with Session(engine) as session:
        assert all(o.sent_at for o in session.exec(select(Outbox)))


def test_moderator_returns_review_with_reason_and_author_sees_it(
    client: Any, engine: Any, settings: Any, worker: Any, accounts: Any
) -> None:
    submit_review(client)
    confirm(client, settings)
    review = _only_review(engine)
    assert review.id is not None
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    item = mod.get(f"/redactie/review/{review.id}")
    token = csrf_from(item.text)
    missing_reason = mod.post(
        f"/redactie/review/{review.id}/beslissing", data={"csrf_token": token, "action": "return"}
    )
    assert missing_reason.status_code == 302
    assert _only_review(engine).state == State.AWAITING_MODERATION
    mod.post(
        f"/redactie/review/{review.id}/beslissing",
        data={
            "csrf_token": token,
            "action": "return",
            "reason": "taal",
            "note": "Een paar zinnen in het Nederlands volstaan.",
        },
    )
    assert _only_review(engine).state == State.RETURNED
    status = client.get(f"/mijn-waardering/{review.author_token}").text
    assert "Teruggestuurd" in status
    assert "Nederlands" in status
    # The note for the author reaches the author.
    wait_for(lambda: "Je waardering kan nog niet online" in _subjects(settings))
    told = next(m for m in mails(settings) if m["Subject"] == "Je waardering kan nog niet online")
    body = told.get_body(("plain",))
    assert body is not None
    assert "Een paar zinnen in het Nederlands volstaan." in body.get_content()


def test_moderator_undoes_a_decision_within_the_window_only(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    from datetime import timedelta

    from workers.moderation_job import run_moderation

    submit_review(client)
    confirm(client, settings)
    review = _only_review(engine)
    assert review.id is not None
    with Session(engine) as session:
        run_moderation(session, "review", review.id)
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    item = mod.get(f"/redactie/review/{review.id}")
    mod.post(
        f"/redactie/review/{review.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish"},
    )
    assert _only_review(engine).state == State.PUBLISHED
    queue = mod.get("/redactie/")
    assert 'id="undo"' in queue.text
    other = client.application.test_client()
    login(other, accounts["senior"])
    refused = other.post(
        f"/redactie/review/{review.id}/ongedaan",
        data={"csrf_token": csrf_from(other.get("/redactie/").text)},
        follow_redirects=True,
    )
    assert "kan je niet meer ongedaan maken" in refused.text  # not their decision
    mod.post(f"/redactie/review/{review.id}/ongedaan", data={"csrf_token": csrf_from(queue.text)})
    undone = _only_review(engine)
    assert undone.state == State.AWAITING_MODERATION
    assert undone.published_at is None
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
        assert [e.reason_code for e in events][-1] == "undo"
        assert len(events) == 5  # nothing deleted: the undo is an event of its own
        for event in events:  # make the last decision old: no undo after the window
            if event.to_state == State.PUBLISHED:
                session.execute(
                    AuditEvent.__table__.update()  # type: ignore[attr-defined]
                    .where(AuditEvent.__table__.c.id == event.id)  # type: ignore[attr-defined]
                    .values(at=event.at - timedelta(minutes=11))
                )
        session.commit()
    item = mod.get(f"/redactie/review/{review.id}")
    mod.post(
        f"/redactie/review/{review.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish"},
    )
    with Session(engine) as session:
        last = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
        assert last is not None
        session.execute(
            AuditEvent.__table__.update()  # type: ignore[attr-defined]
            .where(AuditEvent.__table__.c.id == last.id)  # type: ignore[attr-defined]
            .values(at=last.at - timedelta(minutes=11))
        )
        session.commit()
    late = mod.post(
        f"/redactie/review/{review.id}/ongedaan",
        data={"csrf_token": csrf_from(item.text)},
        follow_redirects=True,
    )
    assert "kan je niet meer ongedaan maken" in late.text
    assert _only_review(engine).state == State.PUBLISHED


def test_dashboard_shows_charts_from_real_decisions(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    from workers.moderation_job import run_moderation

    submit_review(client, story="Mail me op an@telenet.be")
    confirm(client, settings)
    review = _only_review(engine)
    assert review.id is not None
    with Session(engine) as session:
        run_moderation(session, "review", review.id)
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    item = mod.get(f"/redactie/review/{review.id}")
    mod.post(
        f"/redactie/review/{review.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "return", "reason": "taal"},
    )
    page = mod.get("/redactie/dashboard")
    assert page.status_code == 200
    assert "Beslissingen per reden" in page.text
    assert 'aria-label="Beslissingen per reden (90 dagen): taal 1"' in page.text
    assert "privacy" in page.text  # the flag shows up in the weekly counts
    assert page.text.count("<svg") == 3
    facility = client.application.test_client()
    login(facility, accounts["facility"])
    assert facility.get("/redactie/dashboard").status_code == 403
