"""An admin approves participation and invites a facility user, who makes an account once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import Account, AccountFacility, Facility
from tests.conftest import csrf_from, login, mails

pytestmark = pytest.mark.integration


def test_only_participating_facilities_accept_reviews(
    client: Any, engine: Any, accounts: Any
) -> None:
    admin = client.application.test_client()
    login(admin, accounts["admin"])
    page = admin.get("/beheer/")
    assert page.status_code == 200
    admin.post(
        "/beheer/voorziening/2/deelname",
        data={"csrf_token": csrf_from(page.text), "participating": "0"},
    )
    with Session(engine) as session:
        facility = session.get(Facility, 2)
        assert facility is not None
        assert facility.participating is False
    response = client.get("/voorziening/2/waardering")
    assert response.status_code == 403
    assert "doet nog niet mee" in response.text
    assert client.get("/voorziening/1/waardering").status_code == 200


def test_invitation_link_creates_a_facility_account_once(
    client: Any, engine: Any, accounts: Any, settings: Any
) -> None:
    admin = client.application.test_client()
    login(admin, accounts["admin"])
    page = admin.get("/beheer/")
    done = admin.post(
        "/beheer/voorziening/3/uitnodiging",
        data={"csrf_token": csrf_from(page.text), "email": "Directie@Kompas.be"},
        follow_redirects=True,
    )
    link = re.search(r'id="invitation-link">https?://[^/]+(/uitnodiging/[^<]+)<', done.text)
    assert link
    path = link.group(1)
    invitation = mails(settings)[-1]  # mailed too, with the link on the configured address
    assert invitation["To"] == "directie@kompas.be"
    body = invitation.get_body(("plain",))
    assert body is not None
    assert settings.base_url + path in body.get_content()

    newcomer = client.application.test_client()
    form = newcomer.get(path)
    assert "Account voor Het Kompas" in form.text
    short = newcomer.post(
        path,
        data={
            "csrf_token": csrf_from(form.text),
            "name": "An",
            "password": "kort",
            "repeat": "kort",
        },
    )
    assert short.status_code == 400
    assert "minstens 12 tekens" in short.text
    made = newcomer.post(
        path,
        data={
            "csrf_token": csrf_from(form.text),
            "name": "An",
            "password": "een lang wachtwoord",
            "repeat": "een lang wachtwoord",
        },
    )
    assert made.status_code == 302
    assert newcomer.get("/voorziening-account/").status_code == 200
    with Session(engine) as session:
        account = session.exec(select(Account).where(Account.email == "directie@kompas.be")).one()
        links = session.exec(
            select(AccountFacility).where(AccountFacility.account_id == account.id)
        ).all()
    assert [link.facility_id for link in links] == [3]
    again = client.application.test_client().get(path)
    assert again.status_code == 400
    assert "al gebruikt" in again.text


def test_admin_pages_are_for_admins_only(client: Any, accounts: Any) -> None:
    assert client.get("/beheer/").status_code == 302  # to the login page
    for role in ("moderator", "senior", "facility"):
        other = client.application.test_client()
        login(other, accounts[role])
        assert other.get("/beheer/").status_code == 403
    assert client.get("/uitnodiging/vals").status_code == 400


def test_login_is_throttled_after_ten_tries_a_minute(client: Any, accounts: Any) -> None:
    page = client.get("/aanmelden")
    token = csrf_from(page.text)
    codes = [
        client.post(
            "/aanmelden", data={"csrf_token": token, "email": "x@test.be", "password": "fout"}
        ).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [400] * 10
    assert codes[10] == 429


def test_facility_signs_up_and_admin_sees_it_waiting(
    client: Any, engine: Any, accounts: Any
) -> None:
    page = client.get("/deelnemen")
    bad = client.post(
        "/deelnemen", data={"csrf_token": csrf_from(page.text), "name": "", "postcode": "12"}
    )
    assert bad.status_code == 400
    assert "Een Belgische postcode heeft 4 cijfers." in bad.text
    done = client.post(
        "/deelnemen",
        data={
            "csrf_token": csrf_from(page.text),
            "name": "Kribbe Pluim",
            "sector": "kinderopvang",
            "type": "groepsopvang",
            "municipality": "Kortrijk",
            "postcode": "8500",
            "enterprise_number": "BE 0403.170.701",
            "licence_number": "KO-12345",
            "email": "Leiding@Pluim.be",
        },
    )
    assert "we hebben je aanmelding ontvangen" in done.text
    with Session(engine) as session:
        fac = session.exec(select(Facility).where(Facility.name == "Kribbe Pluim")).one()
    assert fac.participating is False
    # Not public before an admin approved it: no page, no form, not in search or the API.
    assert client.get(f"/voorziening/{fac.id}/waardering").status_code == 404
    assert client.get(f"/voorziening/{fac.id}").status_code == 404
    assert "Kribbe Pluim" not in client.get("/zoeken?q=Pluim").text
    assert client.get(f"/api/v1/facilities/{fac.id}").status_code == 404
    assert "Kribbe Pluim" not in client.get("/api/v1/facilities?q=Pluim").text
    admin = client.application.test_client()
    login(admin, accounts["admin"])
    listing = admin.get("/beheer/").text
    assert "Aanmeldingen (1)" in listing
    assert "leiding@pluim.be" in listing
    assert "0403.170.701" in listing  # the proof, for the admin to check
    assert "KO-12345" in listing
    approve = admin.post(
        f"/beheer/voorziening/{fac.id}/deelname",
        data={"csrf_token": csrf_from(listing), "participating": "1"},
    )
    assert approve.status_code == 302
    assert client.get(f"/voorziening/{fac.id}").status_code == 200
    assert "Kribbe Pluim" in client.get("/zoeken?q=Pluim").text


def _sign_up(client: Any, name: str, number: str = "0403.170.701") -> Any:
    page = client.get("/deelnemen")
    return client.post(
        "/deelnemen",
        data={
            "csrf_token": csrf_from(page.text),
            "name": name,
            "sector": "ouderenzorg",
            "type": "woonzorgcentrum",
            "municipality": "Geel",
            "postcode": "2440",
            "enterprise_number": number,
            "email": "directie@voorbeeld.be",
        },
    )


def test_a_sign_up_needs_a_real_enterprise_number(client: Any, engine: Any) -> None:
    missing = _sign_up(client, "WZC Zonder Nummer", number="")
    assert missing.status_code == 400
    assert "Vul het ondernemingsnummer van je organisatie in." in missing.text
    wrong = _sign_up(client, "WZC Fout Nummer", number="0403.170.702")  # checksum off by one
    assert wrong.status_code == 400
    assert "Dit ondernemingsnummer bestaat niet." in wrong.text
    assert 'href="#enterprise_number"' in wrong.text  # the error summary links to the field
    with Session(engine) as session:
        assert (
            session.exec(select(Facility).where(col(Facility.name).contains("Nummer"))).all() == []
        )
    assert _sign_up(client, "WZC Met Nummer", number="0403170701").status_code == 200
    with Session(engine) as session:
        fac = session.exec(select(Facility).where(Facility.name == "WZC Met Nummer")).one()
    assert fac.enterprise_number == "0403170701"
    assert fac.signup_state == "waiting"


def test_admin_rejects_a_sign_up_with_a_reason_that_is_mailed(
    client: Any, engine: Any, accounts: Any, settings: Any
) -> None:
    _sign_up(client, "Dagcentrum Nergens")
    with Session(engine) as session:
        fac = session.exec(select(Facility).where(Facility.name == "Dagcentrum Nergens")).one()
    admin = client.application.test_client()
    login(admin, accounts["admin"])
    listing = admin.get("/beheer/").text
    assert f'id="signup-{fac.id}"' in listing
    no_reason = admin.post(
        f"/beheer/voorziening/{fac.id}/afwijzen",
        data={"csrf_token": csrf_from(listing), "reason": "made-up"},
        follow_redirects=True,
    )
    assert "Kies een reden" in no_reason.text
    before = len(mails(settings))
    admin.post(
        f"/beheer/voorziening/{fac.id}/afwijzen",
        data={
            "csrf_token": csrf_from(listing),
            "reason": "no_licence",
            "note": "Stuur ons het nummer van je vergunning.",
        },
    )
    sent = mails(settings)[before:]
    assert [m["To"] for m in sent] == ["directie@voorbeeld.be"]
    body = sent[0].get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "geen erkenning, vergunning of melding" in text
    assert "Stuur ons het nummer van je vergunning." in text
    assert f'id="signup-{fac.id}"' not in admin.get("/beheer/").text  # no longer waiting
    # A second rejection (a double click, a second admin) changes nothing and mails nobody.
    again = admin.post(
        f"/beheer/voorziening/{fac.id}/afwijzen",
        data={"csrf_token": csrf_from(listing), "reason": "no_licence"},
        follow_redirects=True,
    )
    assert "wacht niet (meer) op goedkeuring" in again.text
    assert len(mails(settings)) == before + 1
    with Session(engine) as session:
        refused = session.get(Facility, fac.id)
        assert refused is not None
        assert (refused.signup_state, refused.participating, refused.listed) == (
            "rejected",
            False,
            False,
        )
    assert client.get(f"/voorziening/{fac.id}").status_code == 404
