"""WCAG 2.1 AA: axe-core finds no violations on every page type, at phone width.

The same walk asserts that no page scrolls sideways at 360 px (document width <= viewport).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review
from tests.conftest import csrf_from
from tests.e2e.conftest import CHROMIUM_ARGS, log_in  # noqa: F401  (same browser set-up)
from tests.integration.journey import confirm, publish_reviews, submit_review

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Any) -> list[str]:
    """Run axe on the open page; return one line per violation."""
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    found = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {v['nodes'][0]['html'][:120]}"
        for v in result["violations"]
    ]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        found.append(f"scrolls sideways: {width} px wide")
    return found


@pytest.fixture
def axe_page(browser: Any) -> Any:
    # axe is injected through the devtools protocol; the app's strict CSP stays on.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


def test_no_axe_violations_on_any_page_type(
    axe_page: Any, live_server: str, client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    publish_reviews(  # enough for the averages, the spread and a page of reviews
        engine,
        [
            f"Ervaring nummer {n}: de begeleiding is vriendelijk en de opvang proper."
            for n in range(6)
        ],
        {t: 1 + (t % 5) for t in range(1, 9)},
    )
    submit_review(client, story="Een fijne opvang, de juffen zijn lief.")
    confirm(client, settings)
    signup = client.get("/deelnemen")
    client.post(
        "/deelnemen",
        data={
            "csrf_token": csrf_from(signup.text),
            "name": "Dagcentrum Met Een Bijzonder Lange Naam Zonder Spaties Erin",
            "sector": "handicap",
            "type": "dagcentrum",
            "municipality": "Geel",
            "postcode": "2440",
            "enterprise_number": "0403.170.701",
            "email": "een.heel.lang.adres.van.de.verantwoordelijke@voorbeeldvoorziening.be",
        },
    )
    with Session(engine) as session:
        review = session.exec(select(Review).where(Review.state != "published")).one()
    pages = [
        "/",
        "/zoeken?q=rups",
        "/voorziening/1",
        "/voorziening/1/waardering",
        f"/mijn-waardering/{review.author_token}",
        "/hoe-we-controleren",
        "/aanmelden",
        "/bestaat-niet",
        "/deelnemen",
        "/gedragscode",
        "/zoeken?q=Heverlee",
        "/code",
        "/code?code=ONBEKEND",
        "/voorziening/1?taal=fr",
        "/voorziening/1/waardering?taal=fr",
        "/deelnemen?taal=en",
    ]
    found: dict[str, list[str]] = {}
    for path in pages:
        axe_page.goto(live_server + path)
        found[path] = violations(axe_page)
    log_in(axe_page, live_server, accounts["facility"])
    for path in (
        "/voorziening-account/",
        "/voorziening-account/codes/",
        "/voorziening-account/codes/blad?ids=1",
    ):
        axe_page.goto(live_server + path)
        found[path] = violations(axe_page)
    axe_page.context.clear_cookies()
    log_in(axe_page, live_server, accounts["senior"])
    for path in (
        "/redactie/",
        f"/redactie/review/{review.id}",
        "/redactie/dashboard",
        "/redactie/bulk",
    ):
        axe_page.goto(live_server + path)
        found[path] = violations(axe_page)
    axe_page.context.clear_cookies()
    log_in(axe_page, live_server, accounts["admin"])
    axe_page.goto(live_server + "/beheer/")
    found["/beheer/"] = violations(axe_page)
    assert {p: v for p, v in found.items() if v} == {}
