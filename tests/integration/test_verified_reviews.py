"""A facility prints invitation codes; a review made with one is marked as verified, once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlmodel import Session, select

from models import InvitationCode, Review
from tests.conftest import csrf_from, login
from tests.integration.journey import confirm, submit_review

pytestmark = pytest.mark.integration


def _make_codes(client: Any, accounts: Any, count: str = "3") -> Any:
    login(client, accounts["facility"])
    page = client.get("/voorziening-account/codes/")
    assert page.status_code == 200
    return client.post(
        "/voorziening-account/codes/",
        data={"csrf_token": csrf_from(page.text), "facility_id": "1", "count": count},
        follow_redirects=True,
    )


def test_code_sheet_and_verified_review(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    facility = client.application.test_client()
    sheet = _make_codes(facility, accounts)
    assert sheet.status_code == 200
    assert sheet.text.count('src="data:image/svg+xml') == 3
    with Session(engine) as session:
        codes = list(session.exec(select(InvitationCode)))
    assert len(codes) == 3
    assert codes[0].code in sheet.text

    family = client.application.test_client()
    form = family.get(f"/voorziening/1/waardering?code={codes[0].code.lower()}")
    assert f'value="{codes[0].code}"' in form.text
    assert submit_review(family, code=codes[0].code).status_code == 302
    confirm(family, settings)
    with Session(engine) as session:
        review = session.exec(select(Review)).one()
        used = session.get(InvitationCode, codes[0].id)
    assert review.verified is True
    assert used is not None
    assert used.used_at is not None
    assert used.review_id == review.id

    other = client.application.test_client()
    again = submit_review(other, code=codes[0].code, email="iemand.anders@example.be")
    assert again.status_code == 400
    assert "Deze code klopt niet of werd al gebruikt." in again.text
    wrong_facility = submit_review(
        other, facility_id=2, code=codes[1].code, email="iemand.anders@example.be"
    )
    assert wrong_facility.status_code == 400


def test_codes_are_for_facility_accounts_of_that_facility(client: Any, accounts: Any) -> None:
    facility = client.application.test_client()
    login(facility, accounts["facility"])
    page = facility.get("/voorziening-account/codes/")
    other = facility.post(
        "/voorziening-account/codes/",
        data={"csrf_token": csrf_from(page.text), "facility_id": "2", "count": "2"},
    )
    assert other.status_code == 403
    too_many = facility.post(
        "/voorziening-account/codes/",
        data={"csrf_token": csrf_from(page.text), "facility_id": "1", "count": "500"},
        follow_redirects=True,
    )
    assert "Kies een aantal van 1 tot 50." in too_many.text
    moderator = client.application.test_client()
    login(moderator, accounts["moderator"])
    assert moderator.get("/voorziening-account/codes/").status_code == 403
    assert re.search(r"aanmelden", client.get("/voorziening-account/codes/").location or "")


def test_a_card_says_where_to_type_the_code_and_that_page_leads_to_the_form(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    facility = client.application.test_client()
    sheet = _make_codes(facility, accounts, count="2")
    short = settings.base_url.split("://", 1)[-1] + "/code"
    assert f'Surf naar <strong class="wrap">{short}</strong>' in sheet.text
    with Session(engine) as session:
        first, second = list(session.exec(select(InvitationCode)))
    family = client.application.test_client()
    assert family.get("/code").status_code == 200
    spaced = f"{first.code[:4].lower()} {first.code[4:7]}-{first.code[7:]}"  # as typed from paper
    went = family.get("/code", query_string={"code": spaced})
    assert went.status_code == 302
    assert went.headers["Location"].endswith(f"/voorziening/1/waardering?code={first.code}")
    wrong = family.get("/code?code=ZZZZZZZZZZ")
    assert wrong.status_code == 404
    assert "Deze code klopt niet of werd al gebruikt." in wrong.text
    assert 'href="#code"' in wrong.text
    submit_review(family, code=second.code)
    confirm(family, settings)
    assert family.get(f"/code?code={second.code}").status_code == 404  # used: no way back in
