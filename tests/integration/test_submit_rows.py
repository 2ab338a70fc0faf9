"""A posted review is stored as typed: its rows, the sealed address and the owed mail, together."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import Outbox, Review, ReviewAnswer, Reviewer, State
from models.reviewer import open_email
from services.outbox import CONFIRM_MAIL
from tests.integration.journey import submit_review

pytestmark = pytest.mark.integration


def _last_month() -> str:
    today = date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def test_a_post_stores_the_review_its_answers_the_sealed_address_and_one_owed_mail(
    client: Any, engine: Any, settings: Any
) -> None:
    answer = submit_review(
        client,
        email="Ouder.Een@example.be",
        score_1="4",
        text_1="Warm onthaal.",
        score_2="5",
        text_2="",
        score_7="2",
        text_7="Weinig groen.",
        text_8="Een tekst zonder score telt niet.",
        story="We zijn tevreden.",
        experience=_last_month(),
    )
    assert answer.status_code == 302
    secret = settings.secret_key.get_secret_value().encode()
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        assert (review.facility_id, review.state, review.version) == (1, State.UNCONFIRMED, 1)
        assert (review.story, review.language) == ("We zijn tevreden.", "nl")
        assert review.experience_date == date.fromisoformat(_last_month() + "-01")
        assert review.created_at is not None
        assert review.submitted_at is None
        answers = session.exec(
            select(ReviewAnswer).where(ReviewAnswer.review_id == review.id)
        ).all()
        assert sorted((a.theme, a.score, a.text) for a in answers) == [
            (1, 4, "Warm onthaal."),
            (2, 5, ""),
            (7, 2, "Weinig groen."),
        ]
        reviewer = session.exec(select(Reviewer)).one()
        assert review.reviewer_id == reviewer.id
        assert open_email(reviewer.email_for_notice, secret) == "Ouder.Een@example.be"
        owed = session.exec(select(Outbox)).one()
        assert (owed.task, owed.subject_kind, owed.subject_id) == (
            CONFIRM_MAIL,
            "review",
            review.id,
        )
        assert owed.sent_at is None  # sent early, unclaimed: the task settles it
        assert owed.due_at is not None
        assert owed.due_at > owed.created_at  # the sweeper's resend waits for the grace


def test_a_second_review_from_the_same_address_reuses_the_reviewer_and_seals_again(
    client: Any, engine: Any, settings: Any
) -> None:
    assert submit_review(client, facility_id=1, email="ouder@example.be").status_code == 302
    with Session(engine) as session:
        first = session.exec(select(Reviewer)).one()
    # The same person (the HMAC normalises the address) on another facility's form.
    assert submit_review(client, facility_id=2, email="Ouder@Example.be").status_code == 302
    secret = settings.secret_key.get_secret_value().encode()
    with Session(engine) as session:
        reviewer = session.exec(select(Reviewer)).one()
        assert reviewer.id == first.id
        assert reviewer.email_for_notice != first.email_for_notice
        assert open_email(reviewer.email_for_notice, secret) == "Ouder@Example.be"
        reviews = session.exec(select(Review).order_by(col(Review.id))).all()
        assert [(r.facility_id, r.reviewer_id) for r in reviews] == [(1, first.id), (2, first.id)]
        assert len(session.exec(select(Outbox)).all()) == 2
