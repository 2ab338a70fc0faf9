"""Every bad input gets a clear Dutch message and loses nothing the user typed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, func, select

from models import Review
from tests.integration.journey import review_form, submit_review

pytestmark = pytest.mark.integration


def _count(engine: Any) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Review)).one())


def test_empty_form_says_what_is_missing(client: Any, engine: Any) -> None:
    data = review_form(client)
    response = client.post("/voorziening/1/waardering", data=data)
    assert response.status_code == 400
    assert "Geef minstens één thema een score." in response.text
    assert "Vul je e-mailadres in." in response.text
    assert _count(engine) == 0


def test_too_long_text_is_refused_but_kept_in_the_form(client: Any, engine: Any) -> None:
    long_story = "Heel lang verhaal. " * 2700  # about 50 KB
    response = submit_review(client, story=long_story)
    assert response.status_code == 400
    assert "Je verhaal is te lang" in response.text
    assert "Heel lang verhaal. Heel lang verhaal." in response.text
    assert _count(engine) == 0


def test_score_outside_one_to_five_is_refused(client: Any, engine: Any) -> None:
    response = submit_review(client, score_1="7", text_1="Mijn tekst blijft staan")
    assert response.status_code == 400
    assert "Kies een score van 1 tot 5." in response.text
    assert "Mijn tekst blijft staan" in response.text
    assert _count(engine) == 0


def test_html_is_escaped_when_shown_back(client: Any) -> None:
    response = submit_review(client, email="geen-adres", story="<script>alert('x')</script>")
    assert response.status_code == 400
    assert "<script>alert('x')</script>" not in response.text
    assert "&lt;script&gt;" in response.text
    assert "Dit e-mailadres klopt niet" in response.text


def test_disposable_address_is_refused_with_a_reason(client: Any) -> None:
    response = submit_review(client, email="iemand@mailinator.com")
    assert response.status_code == 400
    assert "wegwerpadres" in response.text


def test_binary_junk_is_cleaned_not_crashing(client: Any, engine: Any) -> None:
    response = submit_review(client, story="Goed\x00\x01\x02 verzorgd\x7f")
    assert response.status_code == 302
    with Session(engine) as session:
        assert session.exec(select(Review)).one().story == "Goed verzorgd"


def test_unknown_facility_is_404(client: Any) -> None:
    assert client.get("/voorziening/999").status_code == 404
    assert client.get("/voorziening/999/waardering").status_code == 404
    assert "bestaat niet" in client.get("/voorziening/999").text


def test_double_submit_makes_one_review(client: Any, engine: Any) -> None:
    data = review_form(client)
    data.update({"score_1": "4", "email": "ouder@example.be"})
    first = client.post("/voorziening/1/waardering", data=data)
    second = client.post("/voorziening/1/waardering", data=data)
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    assert _count(engine) == 1


def test_post_without_csrf_token_is_400(client: Any, engine: Any) -> None:
    response = client.post(
        "/voorziening/1/waardering", data={"score_1": "4", "email": "ouder@example.be"}
    )
    assert response.status_code == 400
    assert _count(engine) == 0


def test_huge_request_gets_a_clear_413(client: Any) -> None:
    response = client.post("/voorziening/1/waardering", data={"story": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "te groot" in response.text


def test_tampered_confirmation_link_is_refused(client: Any) -> None:
    response = client.get("/bevestig/not-a-real-token")
    assert response.status_code == 400
    assert "Deze link werkt niet" in response.text


def test_hints_endpoint_rejects_non_json(client: Any) -> None:
    assert client.post("/api/hints", data="x").status_code == 400
    assert client.post("/api/hints", json={"text": 5}).status_code == 400
    assert client.post("/api/hints", json={"text": ""}).get_json()["hints"] == []


def test_hints_speak_the_writers_language_about_dutch_publication(client: Any) -> None:
    text = (
        "The staff were always friendly and my daughter loved going there every single "
        "morning, but the communication about closing days could be better."
    )
    data = client.post("/api/hints", json={"text": text}).get_json()
    assert data["language"] == "en"
    assert data["notice"]
    assert "Dutch" in data["notice"]
    assert 1 <= len(data["hints"]) <= 3


def test_hints_also_come_back_without_javascript(client: Any) -> None:
    response = submit_review(
        client, email="", story="BEL MIJ OP 0472 12 34 56 WANT NIEMAND LUISTERT HIER NAAR ONS"
    )
    assert response.status_code == 400
    hints = response.text.split('id="hints"')[1].split("</ul>")[0]
    assert 1 <= hints.count('class="hint-item"') <= 3
