"""A moderator logs in with TOTP and works through 20 items with the keyboard only."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review, ReviewAnswer, Reviewer, State
from models._base import utcnow
from services.audit_log import move
from tests.e2e.conftest import log_in
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.e2e


def _queue_twenty(engine: Any) -> None:
    with Session(engine) as session:
        for n in range(20):
            reviewer = Reviewer(email_hmac=f"{n:064x}")
            session.add(reviewer)
            session.flush()
            assert reviewer.id is not None
            review = Review(
                facility_id=1 + n % 2,
                reviewer_id=reviewer.id,
                story=f"Verhaal nummer {n} over een fijne opvang met lieve juffen.",
                form_key=secrets.token_hex(8),
                author_token=secrets.token_hex(8),
                submitted_at=utcnow(),
            )
            session.add(review)
            session.flush()
            assert review.id is not None
            session.add(ReviewAnswer(review_id=review.id, theme=1, score=4))
            move(session, "review", review, State.SUBMITTED, "author")
            session.commit()
            run_moderation(session, "review", review.id)


def test_twenty_items_by_keyboard_then_public_shows_exactly_the_published(
    page: Any, live_server: str, engine: Any, accounts: Any
) -> None:
    _queue_twenty(engine)
    moderator = accounts["moderator"]
    log_in(page, live_server, moderator)
    page.wait_for_selector("#queue")
    assert "Sneltoetsen" in page.inner_text("#keys")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    published, returned = set(), set()
    for n in range(20):
        page.wait_for_selector("#item-title")
        item = int(page.get_attribute("#item-title", "data-id") or 0)
        if n % 4 == 3:
            page.keyboard.press("r")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            returned.add(item)
        else:
            page.keyboard.press("p")
            published.add(item)
        page.wait_for_selector("text=Beslissing bewaard")
        if n == 19:
            break
    assert len(published) == 15
    assert len(returned) == 5
    with Session(engine) as session:
        states = {r.id: r.state for r in session.exec(select(Review))}
    assert {i for i, s in states.items() if s == State.PUBLISHED} == published
    assert {i for i, s in states.items() if s == State.RETURNED} == returned
    shown = set()
    for facility in (1, 2):
        page.goto(f"{live_server}/voorziening/{facility}")
        shown |= {int(x) for x in re.findall(r'id="waardering-(\d+)"', page.content())}
        page.goto(f"{live_server}/voorziening/{facility}?pagina=2")
        shown |= {int(x) for x in re.findall(r'id="waardering-(\d+)"', page.content())}
    assert shown == published
