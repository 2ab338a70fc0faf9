"""The interface speaks Dutch first, and French or English when a family asks for it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_dutch_by_default(client: Any) -> None:
    page = client.get("/voorziening/1/waardering").text
    assert "Jouw ervaring met De Rupsjes" in page
    assert '<html lang="nl">' in page


def test_french_on_request_and_remembered(client: Any) -> None:
    page = client.get("/voorziening/1/waardering?taal=fr").text
    assert "Votre expérience avec De Rupsjes" in page
    assert "Les avis sont publiés en néerlandais." in page
    assert '<html lang="fr">' in page
    assert "Votre expérience" in client.get("/voorziening/1/waardering").text


def test_english_from_the_browser(client: Any) -> None:
    page = client.get("/voorziening/1/waardering", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Your experience with De Rupsjes" in page.text


def test_public_pages_in_french_and_english(client: Any) -> None:
    assert "Cherchez un établissement" in client.get("/?taal=fr").text
    assert "Reviews per theme" in client.get("/voorziening/1?taal=en").text
    assert "Type of facility" in client.get("/zoeken").text  # remembered
