"""Every route of the app x every role, probed with harmless requests; any hole fails the test.

A probe passes the gate when a GET answers 200, or a POST answers 200/400 or redirects anywhere
but the login page (400 = the request reached the view's own validation). Whatever answers, the
body may not show what the role must never see. Every endpoint of the app must be probed or
listed in PUBLIC with a reason, so a new route cannot slip past this test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import Account, AccountFacility, Reply, Review, Role, State
from models._base import utcnow
from tests.conftest import csrf_from, login
from tests.integration.conftest import ACCESS_TABLE
from tests.integration.journey import confirm, submit_review
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.integration

ROLES = ["anonymous", "family", "facility_a", "facility_b", "moderator", "senior", "admin"]
STAFF = {"moderator", "senior", "admin"}
SENIOR = {"senior", "admin"}
FACILITIES = {"facility_a", "facility_b"}
EVERYONE = set(ROLES)

SECRET_NAME = "Jozefien"  # in an original text: only moderators may see it
WAITING = "Nog niet nagelezen verhaal over de opvang."
ESCALATED = "Ze hebben mijn zoon geslagen en opgesloten."
REPLY_B = "Antwoord van Ter Linde dat nog nagelezen wordt."

# Endpoints open to everyone by design (their answers are still checked where probed).
PUBLIC = {
    "auth.login": "the login form",
    "auth.logout": "ends one's own session only",
    "auth.accept_invitation": "capability link (signed token)",
    "auth.forgot_password": "asks for a reset mail; answers the same for every address",
    "auth.reset_password": "capability link (signed, single-use token)",
    "review.write": "anyone may write a review",
    "review.confirm": "capability link (signed token)",
    "review.edit": "capability link (author token)",
    "review.withdraw": "capability link (author token)",
    "signup.signup": "facilities sign up to take part",
    "code_entry.enter": "a family types the code from a card",
    "api.hints": "writing hints on the visitor's own text",
}


@dataclass
class Probe:
    """One request and the roles that may pass it."""

    method: str
    path: str
    allowed: set[str] | None  # None: public, the status is not asserted
    data: dict[str, Any] = field(default_factory=dict)


def _review(client: Any, engine: Any, settings: Any, facility_id: int, story: str) -> int:
    submit_review(client, facility_id, story=story, email=f"{abs(hash(story))}@example.be")
    confirm(client, settings)
    with Session(engine) as session:
        review = session.exec(select(Review).where(Review.story == story)).one()
        assert review.id is not None
        run_moderation(session, "review", review.id)
        return review.id


def _publish(engine: Any, rid: int) -> str:
    with Session(engine) as session:
        review = session.get(Review, rid)
        assert review is not None
        review.state = State.PUBLISHED
        review.published_at = utcnow()
        session.add(review)
        session.commit()
        return review.author_token


@pytest.fixture
def world(client: Any, engine: Any, settings: Any, accounts: Any) -> dict[str, Any]:
    """Reviews in each state at facility 1 (A), a waiting reply of facility 2 (B), clients."""
    from web.security import hash_password

    family = client.application.test_client()
    ids = {
        "published": _review(family, engine, settings, 1, f"Juf {SECRET_NAME} is lief."),
        "escalated": _review(family, engine, settings, 1, ESCALATED),
        "published_b": _review(family, engine, settings, 2, "Fijne zorg in Ter Linde."),
        "waiting": _review(family, engine, settings, 1, WAITING),  # family keeps its session
    }
    token = _publish(engine, ids["published"])
    _publish(engine, ids["published_b"])
    with Session(engine, expire_on_commit=False) as session:
        assert session.get(Review, ids["escalated"]).state != State.PUBLISHED  # type: ignore[union-attr]
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
    clients = {"anonymous": client.application.test_client(), "family": family}
    for role, account in (
        ("facility_a", accounts["facility"]),
        ("facility_b", b),
        ("moderator", accounts["moderator"]),
        ("senior", accounts["senior"]),
        ("admin", accounts["admin"]),
    ):
        clients[role] = client.application.test_client()
        login(clients[role], account)
    # Facility B replies to its review; the reply waits for the moderators.
    page = clients["facility_b"].get("/voorziening-account/")
    clients["facility_b"].post(
        f"/voorziening-account/waardering/{ids['published_b']}/reactie",
        data={"csrf_token": csrf_from(page.text), "text": REPLY_B, "form_key": "reply-b"},
    )
    # Facility A reports its published review, so the moderators have a report to handle.
    page = clients["facility_a"].get("/voorziening-account/")
    clients["facility_a"].post(
        f"/voorziening-account/waardering/{ids['published']}/melden",
        data={"csrf_token": csrf_from(page.text), "reason": "onwaar"},
    )
    with Session(engine) as session:
        reply = session.exec(select(Reply).where(Reply.text == REPLY_B)).one()
        assert reply.id is not None
        run_moderation(session, "reply", reply.id)
        ids["reply_b"] = reply.id
        escalated = session.get(Review, ids["escalated"])
        reviewer_id = escalated.reviewer_id  # type: ignore[union-attr]
        assert session.get(Reply, reply.id).state == State.AWAITING_MODERATION  # type: ignore[union-attr]
    return {"ids": ids, "token": token, "clients": clients, "reviewer_id": reviewer_id}


def _probes(w: dict[str, Any]) -> list[Probe]:
    ids, token = w["ids"], w["token"]
    wait, esc, pub = ids["waiting"], ids["escalated"], ids["published"]
    r = "/redactie/review"
    return [
        # Public pages and the read-only API: open, but checked for what they show.
        Probe("GET", "/", None),
        Probe("GET", "/zoeken?q=a", None),
        Probe("GET", "/voorziening/1", None),
        Probe("GET", "/voorziening/2", None),
        Probe("GET", "/voorziening/1/waardering", None),
        Probe("GET", "/hoe-we-controleren", None),
        Probe("GET", "/gedragscode", None),
        Probe("GET", "/deelnemen", None),
        Probe("GET", "/code?code=ABC", None),
        Probe("GET", "/aanmelden", None),
        Probe("GET", f"/mijn-waardering/{token}", None),
        Probe("GET", "/waardering/verstuurd", None),
        Probe("GET", "/gezondheid", None),
        Probe("POST", "/waardering/link-opnieuw", None, {"email": "x@example.be"}),
        Probe("GET", "/bevestig/onbekend", None),
        Probe("GET", "/uitnodiging/onbekend", None),
        Probe("GET", "/wachtwoord-vergeten", None),
        Probe("GET", "/wachtwoord-herstellen/onbekend", None),
        Probe("GET", "/account/wachtwoord", STAFF | FACILITIES),
        Probe("GET", "/static/moderate.js", None),
        Probe("GET", "/api/v1/openapi.json", None),
        Probe("GET", "/api/v1/facilities", None),
        Probe("GET", "/api/v1/facilities/1", None),
        Probe("GET", "/api/v1/facilities/1/reviews", None),
        Probe("GET", "/api/v1/facilities/2/reviews", None),
        # The redactie.
        Probe("GET", "/redactie/", STAFF),
        Probe("GET", "/redactie/dashboard", STAFF),
        Probe("GET", "/redactie/bulk", STAFF),
        Probe("POST", "/redactie/bulk", STAFF),  # nothing chosen: nothing published
        Probe("GET", f"{r}/{wait}", STAFF),
        Probe("GET", f"{r}/{pub}", STAFF),  # shows the original text
        Probe("GET", f"/redactie/reply/{ids['reply_b']}", STAFF),
        Probe("GET", f"{r}/{esc}", SENIOR),
        Probe("POST", f"{r}/{wait}/beslissing", STAFF, {"action": "geen"}),
        Probe("POST", f"{r}/{esc}/beslissing", SENIOR, {"action": "geen"}),
        Probe("POST", f"{r}/{wait}/notitie", STAFF, {"note": ""}),
        Probe("POST", f"{r}/{esc}/notitie", SENIOR, {"note": ""}),
        Probe("POST", f"{r}/{wait}/redactie", STAFF, {"start": "x"}),
        Probe("POST", f"{r}/{esc}/redactie", SENIOR, {"start": "x"}),
        Probe("POST", f"{r}/{wait}/ongedaan", STAFF),  # nothing of theirs to undo
        Probe("POST", f"{r}/{pub}/melding", STAFF, {"action": "geen"}),
        Probe("POST", f"/redactie/reviewer/{w['reviewer_id']}/notitie", STAFF, {"note": ""}),
        # Admin.
        Probe("GET", "/beheer/", {"admin"}),
        Probe("POST", "/beheer/voorziening/4/deelname", {"admin"}, {"participating": "1"}),
        Probe("POST", "/beheer/voorziening/4/uitnodiging", {"admin"}, {"email": ""}),
        Probe("POST", "/beheer/voorziening/4/afwijzen", {"admin"}, {"reason": ""}),
        # Facilities: their own published reviews only.
        Probe("GET", "/voorziening-account/", FACILITIES),
        Probe("GET", "/voorziening-account/codes/", FACILITIES),
        Probe("GET", "/voorziening-account/codes/blad", FACILITIES),
        Probe("POST", "/voorziening-account/codes/", {"facility_a"}, {"facility_id": 1}),
        Probe("POST", f"/voorziening-account/waardering/{pub}/reactie", {"facility_a"}),
        Probe("POST", f"/voorziening-account/waardering/{wait}/reactie", set(), {"text": "x"}),
        Probe("POST", f"/voorziening-account/waardering/{pub}/melden", {"facility_a"}),
        Probe("POST", f"/voorziening-account/waardering/{wait}/melden", set(), {"reason": "x"}),
    ]


def _passed(method: str, response: Any) -> bool:
    if method == "GET":
        return response.status_code == 200
    if response.status_code == 302:
        return "/aanmelden" not in response.location
    return response.status_code in (200, 400)


def _leaks(role: str, body: str, ids: dict[str, int]) -> list[str]:
    """What this role's answer shows that the role must never see."""
    secrets = []
    if role not in STAFF:
        secrets += [SECRET_NAME, WAITING, ESCALATED]  # originals and unpublished reviews
    if role not in STAFF | {"facility_b"}:
        secrets.append(REPLY_B)  # another facility's unpublished reply
    if role not in SENIOR:
        secrets += [ESCALATED, f'/redactie/review/{ids["escalated"]}"']
    return [s for s in secrets if s in body]


def _label(probe: Probe, w: dict[str, Any]) -> str:
    """The probe with names instead of ids, e.g. "POST /redactie/review/<waiting>/notitie"."""
    names = {("reply" if k == "reply_b" else "review", v): k for k, v in w["ids"].items()}

    def name(m: re.Match[str]) -> str:
        kind = "reply" if m.group(1) == "reply" else "review"
        return f"/{m.group(1)}/<{names.get((kind, int(m.group(2))), m.group(2))}>"

    path = re.sub(r"/(review|reply|waardering)/(\d+)", name, probe.path)
    path = path.replace(w["token"], "<token>")
    path = path.replace(f"/reviewer/{w['reviewer_id']}/", "/reviewer/<escalated's author>/")
    return f"{probe.method} {path}"


def test_every_route_for_every_role(world: dict[str, Any]) -> None:
    clients = world["clients"]
    tokens = {role: csrf_from(c.get("/aanmelden").text) for role, c in clients.items()}
    probes = _probes(world)
    app = clients["anonymous"].application
    adapter = app.url_map.bind("localhost")
    probed = {adapter.match(p.path.split("?")[0], method=p.method)[0] for p in probes}
    unclassified = {r.endpoint for r in app.url_map.iter_rules()} - probed - set(PUBLIC)
    assert unclassified == set(), "probe these routes or list them in PUBLIC"

    holes: list[str] = []
    for probe in probes:
        row: dict[str, str] = {}
        for role in ROLES:
            c = clients[role]
            if probe.method == "GET":
                response = c.get(probe.path)
            else:
                data = {"csrf_token": tokens[role], **probe.data}
                response = c.post(probe.path, data=data)
            passed = _passed(probe.method, response)
            code = response.status_code
            row[role] = ("ok" if passed else "no") + f" {code}"
            if probe.allowed is not None and passed != (role in probe.allowed):
                holes.append(f"{_label(probe, world)} as {role}: {code}")
                row[role] += "!"
            leaked = _leaks(role, response.get_data(as_text=True), world["ids"])
            if leaked:
                holes.append(f"{_label(probe, world)} as {role} shows {leaked}")
                row[role] += "!"
        ACCESS_TABLE.append((_label(probe, world), row))
    assert holes == []


def test_the_probes_decide_nothing(world: dict[str, Any], engine: Any) -> None:
    """The probes must be harmless, or later rows of the table would test another world."""
    clients, ids = world["clients"], world["ids"]
    tokens = {role: csrf_from(c.get("/aanmelden").text) for role, c in clients.items()}
    for probe in _probes(world):
        for role in ROLES:
            if probe.method == "POST":
                data = {"csrf_token": tokens[role], **probe.data}
                clients[role].post(probe.path, data=data)
    with Session(engine) as session:
        states = {r.id: r.state for r in session.exec(select(Review).order_by(col(Review.id)))}
        reply = session.get(Reply, ids["reply_b"])
        assert reply is not None
        assert reply.state == State.AWAITING_MODERATION
    assert states[ids["waiting"]] == State.AWAITING_MODERATION
    assert states[ids["escalated"]] in (State.AWAITING_MODERATION, State.ESCALATED)
    assert states[ids["published"]] == State.PUBLISHED
