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
