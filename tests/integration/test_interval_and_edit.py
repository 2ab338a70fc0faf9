"""The re-review interval is told before writing; the author edits through the private link."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, func, select

from models import Review, ReviewAnswer, State
from tests.conftest import csrf_from, deliver_outbox, mails, wait_for
from tests.integration.journey import confirm, submit_review, wait_state

pytestmark = pytest.mark.integration


def _reviews(engine: Any) -> list[Review]:
    with Session(engine) as session:
        return list(session.exec(select(Review)))


def test_a_second_review_within_the_interval_is_told_by_mail_only(
    client: Any, engine: Any, settings: Any
) -> None:
    """Anyone may type anyone's address: the answer must not tell whether it reviewed here."""
    submit_review(client, email="An.Peeters@gmail.com")
    confirm(client, settings)
    form = client.get("/voorziening/1/waardering").text  # the same browser, after confirming
    assert "Vanaf" not in form
    assert "/mijn-waardering/" not in form  # no earlier review or its link on a shared device
    assert client.get_cookie("zr_reviewer") is None

    stranger = client.application.test_client()
    unknown = submit_review(stranger, email="iemand.anders@example.be")
    known = submit_review(stranger, email="a.n.peeters+tweede@gmail.com")
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    assert known.get_data() == unknown.get_data()
    assert client.get(known.location).text == client.get(unknown.location).text
    reviews = _reviews(engine)
    assert len(reviews) == 2  # the earlier one and the stranger's own, not a second An
    deliver_outbox(client.application)  # the stranger's own confirmation mail
    told = wait_for(  # sent from a background thread: the answer did not wait for it
        lambda: [m for m in mails(settings) if m["Subject"] == "Je vorige waardering aanpassen"]
    )
    assert [m["To"] for m in told] == ["a.n.peeters+tweede@gmail.com"]


def test_mailed_links_use_the_configured_address_not_the_request_host(
    client: Any, settings: Any
) -> None:
    """A forged Host header must not put the private link on an attacker's host."""
    evil = "http://evil.example"
    page = client.get("/voorziening/1/waardering", base_url=evil)
    if page.status_code == 200:  # (a trusted-hosts check may refuse the host outright)
        client.post(
            "/voorziening/1/waardering",
            base_url=evil,
            data={
                "csrf_token": csrf_from(page.text),
                "form_key": "forged-host",
                "score_1": "4",
                "email": "host@example.be",
            },
        )
        deliver_outbox(client.application)
        assert mails(settings), "the review was not accepted"
    bodies = [m.get_body(preferencelist=("plain",)).get_content() for m in mails(settings)]
    assert not [b for b in bodies if "evil.example" in b]
    assert all(settings.base_url in b for b in bodies)


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
