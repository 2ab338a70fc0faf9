"""Authors hear about decisions; serious allegations go to seniors at once; originals expire."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review, Reviewer, State
from models._base import utcnow
from services.retention import purge_originals
from tests.conftest import login, mails, wait_for
from tests.integration.journey import confirm, decide, submit_review, wait_state

pytestmark = pytest.mark.integration

ALLEGATION = (
    "Mijn vader is 's nachts gevallen en ze hebben hem tot de ochtend op de grond laten "
    "liggen. Niemand kwam kijken toen hij riep."
)


def _review(engine: Any) -> Review:
    with Session(engine) as session:
        return session.exec(select(Review)).one()


def _subjects(settings: Any) -> list[str]:
    return [str(m["Subject"]) for m in mails(settings)]


def test_author_gets_a_plain_dutch_mail_when_published(
    client: Any, engine: Any, settings: Any, worker: Any, accounts: Any
) -> None:
    submit_review(client)
    confirm(client, settings)
    review = _review(engine)
    assert review.id is not None
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    login(client, accounts["moderator"])
    decide(client, "review", review.id, "publish")
    wait_for(lambda: "Je waardering staat online" in _subjects(settings))
    wait_for(lambda: "Nieuwe waardering voor jullie voorziening" in _subjects(settings))
    author = next(m for m in mails(settings) if m["Subject"] == "Je waardering staat online")
    body = author.get_body(("plain",))
    html_part = author.get_body(("html",))
    assert body is not None
    assert html_part is not None
    assert f"/mijn-waardering/{review.author_token}" in body.get_content()
    assert (  # why the mail comes minutes after the decision
        f"na elke beslissing wachten we {settings.undo_minutes} minuten" in body.get_content()
    )
    assert "<p>" in html_part.get_content()
    to_facility = next(
        m for m in mails(settings) if m["Subject"] == "Nieuwe waardering voor jullie voorziening"
    )
    assert to_facility["To"] == accounts["facility"].email


def test_serious_allegation_goes_to_seniors_and_author_is_told_where_to_report(
    client: Any, engine: Any, settings: Any, worker: Any, accounts: Any
) -> None:
    submit_review(client, story=ALLEGATION, score_4="1")
    confirm(client, settings)
    review = _review(engine)
    assert review.id is not None
    wait_state(engine, Review, review.id, State.ESCALATED)
    wait_for(lambda: "We bekijken je waardering met extra zorg" in _subjects(settings))
    body = mails(settings)[-1].get_body(("plain",))
    assert body is not None
    assert "1712" in body.get_content()
    assert "Zorginspectie" in body.get_content()

    login(client, accounts["moderator"])
    assert f"Waardering #{review.id}" not in client.get("/redactie/").text
    assert client.get(f"/redactie/review/{review.id}").status_code == 403
    senior = client.application.test_client()
    login(senior, accounts["senior"])
    assert f"Waardering #{review.id}" in senior.get("/redactie/").text


def test_originals_and_addresses_are_purged_after_retention(
    client: Any, engine: Any, settings: Any
) -> None:
    submit_review(client, story="Mail juf An op an@telenet.be")
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        review.state = State.PUBLISHED
        review.story_redacted = "Mail juf An op [e-mailadres]"
        review.decided_at = utcnow() - timedelta(days=31)
        session.add(review)
        session.commit()
    assert purge_originals(engine, retention_days=30) == 1
    assert purge_originals(engine, retention_days=30) == 0
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        reviewer = session.exec(select(Reviewer)).one()
    assert review.story == "Mail juf An op [e-mailadres]"
    assert reviewer.email_for_notice is None


def test_author_is_told_once_when_the_review_waits_over_three_working_days(
    client: Any, engine: Any, settings: Any
) -> None:
    from services.notices import notify_waiting, working_days_between

    submit_review(client)
    confirm(client, settings)
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        review.state = State.AWAITING_MODERATION
        session.add(review)
        session.commit()
    assert notify_waiting(engine, settings) == 0  # submitted today
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        review.submitted_at = utcnow() - timedelta(days=8)
        session.add(review)
        session.commit()
    assert notify_waiting(engine, settings) == 1
    assert notify_waiting(engine, settings) == 0  # once only
    assert "Je waardering wacht nog even" in _subjects(settings)
    monday = utcnow().replace(year=2026, month=11, day=23)
    assert working_days_between(monday - timedelta(days=3), monday) == 1  # Fri -> Mon
