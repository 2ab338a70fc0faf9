"""In a browser: a facility user accepts an invitation, replies, and sees the reply published."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Reply, Review, ReviewAnswer, Reviewer, State
from models._base import utcnow
from tests.conftest import csrf_from, login, wait_for

pytestmark = pytest.mark.e2e


def test_invited_facility_user_replies_and_family_reads_it(
    page: Any, live_server: str, client: Any, engine: Any, worker: Any, accounts: Any
) -> None:
    with Session(engine, expire_on_commit=False) as session:
        reviewer = Reviewer(email_hmac=secrets.token_hex(32))
        session.add(reviewer)
        session.flush()
        assert reviewer.id is not None
        review = Review(
            facility_id=3,
            reviewer_id=reviewer.id,
            state=State.PUBLISHED,
            story="De begeleiders luisteren echt.",
            story_redacted="De begeleiders luisteren echt.",
            form_key=secrets.token_hex(8),
            author_token=secrets.token_hex(8),
            submitted_at=utcnow(),
            published_at=utcnow(),
        )
        session.add(review)
        session.flush()
        assert review.id is not None
        session.add(ReviewAnswer(review_id=review.id, theme=1, score=4))
        session.commit()
    admin = client.application.test_client()
    login(admin, accounts["admin"])
    done = admin.post(
        "/beheer/voorziening/3/uitnodiging",
        follow_redirects=True,
        data={"csrf_token": csrf_from(admin.get("/beheer/").text), "email": "directie@kompas.be"},
    )
    path = re.search(r'id="invitation-link">https?://[^/]+(/uitnodiging/[^<]+)<', done.text)
    assert path

    page.goto(live_server + path.group(1))
    page.fill("#name", "Directie Kompas")
    page.fill("#password", "een heel lang wachtwoord")
    page.fill("#repeat", "een heel lang wachtwoord")
    page.click("button[type=submit]")
    page.wait_for_selector(f"#review-{review.id}")
    page.fill(f"#reply-{review.id}", "Dank u wel, we geven het door aan het team.")
    page.click(f"#review-{review.id} >> text=Reactie versturen")
    page.wait_for_selector("text=Je reactie wordt nagelezen")

    def reply_waiting() -> Reply | None:
        with Session(engine) as session:
            reply = session.exec(select(Reply)).first()
            return reply if reply and reply.state == State.AWAITING_MODERATION else None

    reply = wait_for(reply_waiting)
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    item = mod.get(f"/redactie/reply/{reply.id}")
    mod.post(
        f"/redactie/reply/{reply.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish"},
    )

    page.goto(live_server + "/zoeken?q=kompas")
    page.click("text=Het Kompas")
    page.wait_for_selector(f"#waardering-{review.id}")
    assert "Dank u wel, we geven het door aan het team." in page.inner_text(
        f"#waardering-{review.id}"
    )
