"""Live writing hints appear while typing, at most three, and never block submitting."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_hint_appears_while_typing_and_form_still_submits(
    page: Any, live_server: str, settings: Any, engine: Any
) -> None:
    page.goto(live_server + "/voorziening/1/waardering")
    page.check("input[name=score_2][value='2']")
    page.type(
        "#text_2",
        "BEL MIJ GERUST OP 0472 12 34 56 OF MAIL NAAR an.peeters@telenet.be "
        "WANT NIEMAND LUISTERT HIER OOIT NAAR ONS!!!!!!!",
        delay=5,
    )
    page.wait_for_selector("li.hint-item")
    count = page.locator("li.hint-item").count()
    assert 1 <= count <= 3
    page.fill("#email", "papa@example.be")
    page.click("#submit-review")
    page.wait_for_selector("text=kijk in je mailbox")


def test_a_typo_gets_a_kind_spelling_tip_while_typing(page: Any, live_server: str) -> None:
    page.goto(live_server + "/voorziening/1/waardering")
    page.type("#text_1", "We zijn heel tevreeden over de opvnag.", delay=5)
    tip = page.locator("li.hint-item", has_text="in plaats van")
    tip.wait_for()
    assert "'tevreden' in plaats van 'tevreeden'" in tip.inner_text()
    assert "Zo laten mag ook" in tip.inner_text()
