"""On a 360 px phone a form error leads to the field itself.

No page scrolls sideways: checked on every page type by the axe walk (test_accessibility).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    pg = context.new_page()
    pg.set_default_timeout(20000)
    yield pg
    context.close()


def test_a_form_error_summary_takes_focus_and_links_to_the_field(
    phone: Any, live_server: str
) -> None:
    phone.goto(live_server + "/voorziening/1/waardering")
    phone.click("#submit-review")  # nothing filled in
    phone.wait_for_selector("#error-summary")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    links = phone.locator("#error-summary a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#email" in targets
    assert "#score_1-0" in targets
    phone.click("#error-summary a[href='#email']")
    assert phone.evaluate("document.activeElement.id") == "email"
