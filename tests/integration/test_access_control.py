"""Every route x every role: nobody sees what is not theirs (a table is printed at the end)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from models import Account, AccountFacility, Review, Role, State
from models._base import utcnow
from tests.conftest import csrf_from, login
from tests.integration.conftest import ACCESS_TABLE
from tests.integration.journey import confirm, submit_review
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.integration

ROLES = ["anonymous", "family", "facility_a", "facility_b", "moderator", "senior", "admin"]
SECRET_NAME = "Jozefien"  # an original name: only moderators may ever see it


def _prepare(client: Any, engine: Any, settings: Any, accounts: Any) -> dict[str, Any]:
    """A published review, one waiting, one escalated; facility B owns facility 2."""
    from web.security import hash_password

    ids = {}
    for key, story in (
        ("published", f"Juf {SECRET_NAME} is lief."),
        ("waiting", "Nog niet nagelezen verhaal over de opvang."),
        ("escalated", "Ze hebben mijn zoon geslagen en opgesloten."),
    ):
        c = client.application.test_client()
        submit_review(c, story=story, email=f"{key}@example.be")
        confirm(c, settings)
        with Session(engine) as session:
            review = session.exec(select(Review).where(Review.story == story)).one()
            assert review.id is not None
            run_moderation(session, "review", review.id)
            ids[key] = review.id
    with Session(engine, expire_on_commit=False) as session:
        published = session.get(Review, ids["published"])
        assert published is not None
        published.state = State.PUBLISHED
        published.published_at = utcnow()
        session.add(published)
        b = Account(
            email="b@test.be",
            display_name="b",
            role=Role.FACILITY,
            password_hash=hash_password("correct horse battery staple"),
        )
        session.add(b)
        session.flush()
        assert b.id is not None
        session.add(AccountFacility(account_id=b.id, facility_id=2))
        session.commit()
        token = published.author_token
    return {"ids": ids, "token": token, "facility_b": b}


def _clients(client: Any, accounts: Any, extra: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for role in ROLES:
        c = client.application.test_client()
        account = {
            "facility_a": accounts["facility"],
            "facility_b": extra["facility_b"],
            "moderator": accounts["moderator"],
            "senior": accounts["senior"],
            "admin": accounts["admin"],
        }.get(role)
        if account is not None:
            login(c, account)
        out[role] = c
    return out


def _status(code: int) -> str:
    return {200: "ok", 302: "login", 403: "denied", 404: "none"}.get(code, str(code))


def test_access_table(client: Any, engine: Any, settings: Any, accounts: Any) -> None:
    extra = _prepare(client, engine, settings, accounts)
    ids, token = extra["ids"], extra["token"]
    clients = _clients(client, accounts, extra)
    staff = {"moderator", "senior", "admin"}
    everyone = set(ROLES)
    routes: list[tuple[str, set[str]]] = [
        ("/", everyone),
        ("/zoeken?q=rups", everyone),
        ("/voorziening/1", everyone),
        ("/hoe-we-controleren", everyone),
        (f"/mijn-waardering/{token}", everyone),  # a capability link: whoever holds it
        ("/redactie/", staff),
        (f"/redactie/review/{ids['waiting']}", staff),
        (f"/redactie/review/{ids['escalated']}", {"senior", "admin"}),
        ("/beheer/", {"admin"}),
        ("/voorziening-account/", {"facility_a", "facility_b"}),
        ("/voorziening-account/codes/", {"facility_a", "facility_b"}),
    ]
    holes = []
    for path, allowed in routes:
        row = {}
        for role in ROLES:
            response = clients[role].get(path)
            row[role] = _status(response.status_code)
            if (response.status_code == 200) != (role in allowed):
                holes.append((path, role, response.status_code))
            if response.status_code == 200 and role not in staff:
                assert SECRET_NAME not in response.text, (path, role)
                assert "Nog niet nagelezen verhaal" not in response.text, (path, role)
        ACCESS_TABLE.append((path.replace(token, "<token>"), row))
    # Replying: only the facility of the review, and only to published reviews.
    row = {}
    for role in ROLES:
        page = clients[role].get("/aanmelden")

        response = clients[role].post(
            f"/voorziening-account/waardering/{ids['published']}/reactie",
            data={"csrf_token": csrf_from(page.text), "text": "Dank u.", "form_key": f"k-{role}"},
        )
        done = response.status_code == 302 and "aanmelden" not in response.location
        row[role] = "done" if done else _status(response.status_code)
        allowed = role == "facility_a"
        if done != allowed:
            holes.append(("reply", role, response.status_code))
    ACCESS_TABLE.append((f"POST reply to review {ids['published']}", row))
    waiting = clients["facility_a"].post(
        f"/voorziening-account/waardering/{ids['waiting']}/reactie",
        data={
            "csrf_token": csrf_from(clients["facility_a"].get("/").text),
            "text": "x",
            "form_key": "k-w",
        },
    )
    assert waiting.status_code == 404  # no replying to what is not published
    assert SECRET_NAME in clients["moderator"].get(f"/redactie/review/{ids['published']}").text
    assert holes == []
