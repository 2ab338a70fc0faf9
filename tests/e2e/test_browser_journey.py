"""In a real browser: a family writes a review, a moderator publishes it, the public sees it."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from sqlmodel import Session, select

from models import Review, State
from tests.conftest import STAFF_PASSWORD, confirm_link, wait_for

pytestmark = pytest.mark.e2e


def test_family_review_published_by_moderator_shows_on_facility_page(
    page: Any,
    live_server: str,
    app: Any,
    settings: Any,
    engine: Any,
    worker: Any,
    accounts: Any,
) -> None:
    page.goto(live_server + "/")
    page.fill("#q", "Rupsjes")
    page.click("button[type=submit]")
    page.click("text=De Rupsjes")
    page.click("text=Schrijf een waardering")

    page.check("input[name=score_1][value='5']")
    page.check("input[name=score_4][value='4']")
    page.fill("#text_1", "De juffen zijn warm en geduldig.")
    page.fill("#story", "Onze dochter gaat er heel graag naartoe. Mail: mama.test@telenet.be")
    page.fill("#email", "mama@example.be")
    page.click("#submit-review")
    page.wait_for_selector("text=kijk in je mailbox")

    page.goto(live_server + confirm_link(settings, app))  # once the worker sent it
    page.wait_for_selector("text=Wat gebeurt er nu?")
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
    wait_for(lambda: _state(engine, review.id) == State.AWAITING_MODERATION)

    moderator = accounts["moderator"]
    page.goto(live_server + "/aanmelden")
    page.fill("#email", moderator.email)
    page.fill("#password", STAFF_PASSWORD)
    page.fill("#code", pyotp.TOTP(moderator.totp_secret).now())
    page.click("button[type=submit]")
    page.wait_for_selector("#queue")
    page.click(f"text=Waardering #{review.id}")
    assert page.locator("mark.privacy").count() >= 1
    page.click("#publish")
    page.wait_for_selector("text=Beslissing bewaard")

    page.goto(live_server + "/voorziening/1")
    story = page.locator("p.story").inner_text()
    assert "Onze dochter gaat er heel graag naartoe." in story
    assert "[e-mailadres]" in story
    assert "mama.test" not in page.content()


def _state(engine: Any, review_id: Any) -> str:
    with Session(engine) as session:
        row = session.get(Review, review_id)
        return str(row.state) if row else ""
