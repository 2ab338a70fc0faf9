"""A French-speaking parent's browser: the form and its errors in French, and no sideways scroll."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

PAGES = ["/", "/zoeken?q=a", "/voorziening/1", "/voorziening/1/waardering", "/deelnemen"]


@pytest.fixture(params=["fr-BE", "en-GB"])
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=request.param)
    pg = context.new_page()
    pg.set_default_timeout(20000)
    yield pg
    context.close()


def test_the_browser_language_is_used_and_french_and_english_fit_360_px(
    phone: Any, live_server: str
) -> None:
    for path in PAGES:
        phone.goto(live_server + path)
        assert phone.get_attribute("html", "lang") in ("fr", "en"), path
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


def test_a_french_form_error_is_french_and_leads_to_the_field(
    browser: Any, live_server: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        page.goto(live_server + "/voorziening/1/waardering")
        assert page.inner_text("legend >> nth=0") == "1. Accueil et respect"
        assert "4 – bon" in page.inner_text("fieldset >> nth=0")
        page.click("#submit-review")  # nothing filled in
        page.wait_for_selector("#error-summary")
        summary = page.inner_text("#error-summary")
        assert "Veuillez vérifier ceci" in summary
        assert "Indiquez votre adresse e-mail." in summary
        assert "Vul je e-mailadres in." not in summary
        page.click("#error-summary a[href='#email']")
        assert page.evaluate("document.activeElement.id") == "email"
    finally:
        context.close()
