"""The re-review interval is told before writing; the author edits through the private link."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, func, select

from models import Review, ReviewAnswer, State
from tests.conftest import csrf_from, mails
from tests.integration.journey import confirm, submit_review, wait_state

pytestmark = pytest.mark.integration


def _reviews(engine: Any) -> list[Review]:
    with Session(engine) as session:
        return list(session.exec(select(Review)))


def test_interval_notice_before_writing_and_on_a_second_submit(
    client: Any, engine: Any, settings: Any
) -> None:
    submit_review(client, email="An.Peeters@gmail.com")
    confirm(client, settings)
    form = client.get("/voorziening/1/waardering").text
    assert "een waardering voor De Rupsjes. Vanaf" in form
    assert "kan je een nieuwe geven; je kan je vorige waardering wel aanpassen." in form
    assert "Mijn vorige waardering aanpassen" in form
    # Another facility is not blocked.
    assert "Vanaf" not in client.get("/voorziening/2/waardering").text

    other_tab = client.application.test_client()  # no cookie: the check uses the address
    response = submit_review(other_tab, email="a.n.peeters+tweede@gmail.com")
    assert response.status_code == 409
    assert "We stuurden je een mail met een link naar je vorige waardering." in response.text
    assert "We zijn tevreden over de opvang." in response.text  # what they typed is kept
    assert len(_reviews(engine)) == 1
    assert mails(settings)[-1]["Subject"] == "Je vorige waardering aanpassen"


def test_author_edits_a_returned_review_and_it_is_moderated_again(
    client: Any, engine: Any, settings: Any, worker: Any
) -> None:
    submit_review(client)
    confirm(client, settings)
    review = _reviews(engine)[0]
    assert review.id is not None
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    page = client.get(f"/mijn-waardering/{review.author_token}/aanpassen")
    assert page.status_code == 200
    assert "De begeleiding is heel warm." in page.text
    response = client.post(
        f"/mijn-waardering/{review.author_token}/aanpassen",
        data={
            "csrf_token": csrf_from(page.text),
            "score_1": "2",
            "text_1": "Toch minder goed.",
            "story": "Aangepast verhaal.",
        },
    )
    assert response.status_code == 302
    wait_state(engine, Review, review.id, State.AWAITING_MODERATION)
    with Session(engine) as session:
        answers = session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == review.id))
        assert {(a.theme, a.score, a.text) for a in answers} == {(1, 2, "Toch minder goed.")}
        from models import ModerationReport

        reports = session.exec(select(func.count()).select_from(ModerationReport)).one()
    assert reports == 2  # the edited text got a report of its own


def test_unknown_private_link_is_404(client: Any) -> None:
    assert client.get("/mijn-waardering/bestaat-niet").status_code == 404
    assert client.get("/mijn-waardering/bestaat-niet/aanpassen").status_code == 404


def test_author_withdraws_a_review_and_it_leaves_queue_and_site(
    client: Any, engine: Any, settings: Any
) -> None:
    submit_review(client)
    confirm(client, settings)
    review = _reviews(engine)[0]
    page = client.get(f"/mijn-waardering/{review.author_token}")
    assert 'id="withdraw"' in page.text
    client.post(
        f"/mijn-waardering/{review.author_token}/intrekken",
        data={"csrf_token": csrf_from(page.text)},
    )
    assert _reviews(engine)[0].state == State.WITHDRAWN
    assert "Ingetrokken" in client.get(f"/mijn-waardering/{review.author_token}").text
