"""Screenshots of every page type at phone width; `./scripts/screenshots` keeps them in docs/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review
from tests.conftest import csrf_from
from tests.e2e.conftest import log_in
from tests.integration.journey import confirm, publish_reviews, submit_review
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"


def test_screenshots_of_each_page_type(
    page: Any,
    live_server: str,
    client: Any,
    engine: Any,
    settings: Any,
    accounts: Any,
    tmp_path: Path,
) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    publish_reviews(
        engine,
        [
            "Onze dochter gaat er elke dag graag naartoe. De begeleiding is warm en vertelt "
            "bij het ophalen hoe de dag was.",
            "Fijne opvang, maar de wachtlijst was lang en de communicatie over de prijs kon "
            "duidelijker.",
            "Veel buitenspelen, ook als het regent. Ons zoontje komt vuil en blij thuis.",
            "Soms veel wisselende gezichten bij de begeleiding, verder tevreden.",
            "Het eten is vers en ze houden rekening met allergieën.",
        ],
        {1: 5, 2: 4, 3: 4, 4: 3, 5: 5, 6: 4, 7: 4, 8: 5},
    )
    submit_review(client, story="Juf Sofie is een schat, bel haar gerust op 0472 12 34 56.")
    confirm(client, settings)
    with Session(engine, expire_on_commit=False) as session:
        review = session.exec(select(Review).where(Review.state != "published")).one()
        assert review.id is not None
        run_moderation(session, "review", review.id)
    shots = {
        "01-home": "/",
        "02-search": "/zoeken?q=rups",
        "03-facility": "/voorziening/1",
        "04-review-form": "/voorziening/1/waardering",
        "05-author-status": f"/mijn-waardering/{review.author_token}",
        "06-how-we-check": "/hoe-we-controleren",
        "10-search-deelgemeente": "/zoeken?q=kinderopvang+Heverlee",
        "11-code-entry": "/code?code=ONBEKEND",
        "12-signup": "/deelnemen",
        "13-facility-fr": "/voorziening/1?taal=fr",
        "14-review-form-en": "/voorziening/1/waardering?taal=en",
    }
    for name, path in shots.items():
        page.goto(live_server + path)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    page.goto(live_server + "/voorziening/1/waardering?taal=nl")
    page.type("#text_1", "De opvnag is goed, we zijn heel tevreeden.", delay=5)
    page.locator("li.hint-item", has_text="in plaats van").wait_for()
    page.locator("#hints").screenshot(path=str(folder / "15-spelling-tip.png"))
    page.click("#submit-review")
    page.wait_for_selector("#error-summary")
    page.screenshot(path=str(folder / "16-error-summary.png"))
    signup = client.get("/deelnemen")
    client.post(
        "/deelnemen",
        data={
            "csrf_token": csrf_from(signup.text),
            "name": "Dagcentrum De Horizon",
            "sector": "handicap",
            "type": "dagcentrum",
            "municipality": "Geel",
            "postcode": "2440",
            "enterprise_number": "0403.170.701",
            "licence_number": "VAPH-2024-117",
            "email": "directie@dehorizon.be",
        },
    )
    log_in(page, live_server, accounts["senior"])
    page.wait_for_selector("#queue")
    page.screenshot(path=str(folder / "07-moderator-queue.png"), full_page=True)
    page.goto(f"{live_server}/redactie/review/{review.id}")
    page.screenshot(path=str(folder / "08-moderator-review.png"), full_page=True)
    page.goto(f"{live_server}/redactie/dashboard")
    page.screenshot(path=str(folder / "09-moderator-dashboard.png"), full_page=True)
    page.context.clear_cookies()
    log_in(page, live_server, accounts["admin"])
    page.goto(live_server + "/beheer/")
    page.locator("#signups").screenshot(path=str(folder / "17-admin-signup.png"))
    files = sorted(folder.glob("*.png"))
    assert len(files) >= 17
    assert all(f.read_bytes().startswith(PNG) for f in files)
