"""Hostile input on every form, API and query string: no 5xx, a Dutch 4xx, nothing half-written."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sqlmodel import Session, SQLModel, func, select

from models import AuditEvent, Reply, Review, ReviewAnswer, Reviewer, State
from models._base import utcnow
from tests.conftest import csrf_from, login
from tests.strategies import (
    Body,
    bodies,
    json_bodies,
    nasty_text,
    path_ids,
    path_tokens,
    query_strings,
)

pytestmark = pytest.mark.integration

FUZZ = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

# What a 4xx page says, so a family knows what went wrong (error.html, forms, link pages).
DUTCH_ERRORS = (
    "Dat lukte niet",  # error.html, every HTTP error
    "Er ontbreekt nog iets",  # the sign-up form
    "Kijk dit nog even na",  # the review and edit forms' error summary
    "Deze gegevens kloppen niet",  # login
    "Deze link werkt niet",  # confirmation link
    "Deze uitnodiging",  # invitation link
    "doet nog niet mee",  # facility not taking part
    "kan je een nieuwe geven",  # re-review interval
)
ENGLISH = (
    "Bad Request",
    "Not Found",
    "Method Not Allowed",
    "Internal Server Error",
    "Unsupported Media Type",
    "Request Entity Too Large",
    "The browser (or proxy)",
    "The requested URL",
)
DUTCH_WORDS = set(
    [
        "de",
        "het",
        "een",
        "je",
        "jouw",
        "niet",
        "deze",
        "dit",
        "met",
        "van",
        "te",
        "er",
        "geen",
        "of",
        "is",
        "zijn",
        "in",
        "op",
        "uit",
        "vul",
        "kies",
        "klopt",
        "kloppen",
        "gebruik",
        "minstens",
        "tekens",
        "gelijk",
        "heeft",
        "cijfers",
        "stuur",
    ]
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SCORE = st.sampled_from(["1", "2", "3", "4", "5"])
PLAIN = st.sampled_from(["Goed verzorgd.", "De begeleiding is warm.", "ok"])
EMAIL = st.sampled_from(["ouder@example.be", "iemand@mailinator.com", "geen-adres", "a@b"])
FRESH_EMAIL = st.integers(1, 10**6).map(lambda n: f"ouder{n}@example.be")
FRESH_KEY = st.uuids().map(lambda u: u.hex)
VALID_REVIEW = {
    "score_1": SCORE,
    "score_4": SCORE,
    "text_1": PLAIN,
    "story": PLAIN,
    "experience": st.just("2025-06"),
}
REVIEW_FIELDS: dict[str, st.SearchStrategy[str]] = {
    **{f"score_{n}": SCORE for n in range(1, 9)},
    **{f"text_{n}": PLAIN for n in range(1, 9)},
    "story": PLAIN,
    "experience": st.sampled_from(["2024-05", "2099-01", "1999-12", "2024-13", "mei"]),
}


@dataclass
class Env:
    """The app, one client per role, and the ids the routes take."""

    app: Any
    engine: Any
    accounts: dict[str, Any]
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    clients: dict[str, tuple[Any, str]] = field(default_factory=dict)

    def client(self, role: str) -> tuple[Any, str]:
        """A client logged in as `role` (anonymous: a fresh one each time), and its CSRF token."""
        if role in self.clients:
            return self.clients[role]
        c = self.app.test_client()
        if role != "anonymous":
            assert login(c, self.accounts[role]).status_code == 302
        made = c, csrf_from(c.get("/aanmelden").text)
        if role != "anonymous":  # no staff route logs out; anonymous ones may log in
            self.clients[role] = made
        return made


@dataclass(frozen=True)
class Spec:
    """How to fuzz one (endpoint, method): who calls it, its paths, its body or query."""

    role: str
    path: Callable[[Env], st.SearchStrategy[str]]
    body: Callable[[Env, str], st.SearchStrategy[Body]] | None = None  # None: a GET
    examples: int = 6


def fixed(path: str) -> Callable[[Env], st.SearchStrategy[str]]:
    return lambda env: st.just(path)


def with_id(template: str, *keys: str) -> Callable[[Env], st.SearchStrategy[str]]:
    """A path with one id: a real one of `keys`, or a wrong one."""
    return lambda env: path_ids([env.ids[k] for k in keys]).map(lambda i: template.format(i))


def with_kind(template: str, *keys: str) -> Callable[[Env], st.SearchStrategy[str]]:
    """A moderation path: review, reply or something else, and an id."""
    kinds = st.sampled_from(["review", "review", "reply", "reviewer", "Review", "%00"])
    return lambda env: st.tuples(kinds, path_ids([env.ids[k] for k in keys])).map(
        lambda p: template.format(*p)
    )


def with_token(template: str, *keys: str) -> Callable[[Env], st.SearchStrategy[str]]:
    return lambda env: path_tokens([env.tokens[k] for k in keys]).map(lambda t: template.format(t))


def form(
    fields: dict[str, st.SearchStrategy[str]],
    valid: dict[str, st.SearchStrategy[str]] | None = None,
) -> Callable[[Env, str], st.SearchStrategy[Body]]:
    """Form bodies: hostile `fields`, and `valid` forms (default: `fields`) with one thing wrong."""
    return lambda env, csrf: bodies(fields, csrf, valid)


def query(**params: st.SearchStrategy[str]) -> Callable[[Env, str], st.SearchStrategy[Body]]:
    return lambda env, csrf: query_strings(params).map(lambda q: Body("query", {"query": q}))


ID_TEXT = st.sampled_from(["1", "2", "3", "999", "-1"])
NEW_PASSWORD = "vier losse woorden: fiets, lamp, oester en wolk"  # noqa: S105
NOTE = {"note": PLAIN}

SPECS: dict[tuple[str, str], Spec] = {
    # public
    ("public.home", "GET"): Spec("anonymous", fixed("/"), query()),
    ("public.search", "GET"): Spec(
        "anonymous",
        fixed("/zoeken"),
        query(
            q=st.sampled_from(["rups", "Gent", "9000", "%", "_"]),
            sector=st.sampled_from(["kinderopvang", "ouderenzorg", "xx"]),
            type=st.just("groepsopvang"),
            pagina=st.sampled_from(["1", "2", "-1", str(10**30), "x"]),
        ),
        examples=10,
    ),
    ("public.facility", "GET"): Spec(
        "anonymous",
        with_id("/voorziening/{}", "facility"),
        query(
            pagina=st.sampled_from(["2", "-1", str(10**30)]),
            thema=ID_TEXT,
            score=ID_TEXT,
            sorteer=st.sampled_from(["hoogste", "laagste", "oudste", "x"]),
        ),
        examples=8,
    ),
    ("public.how", "GET"): Spec("anonymous", fixed("/hoe-we-controleren"), query()),
    ("public.code_of_conduct", "GET"): Spec("anonymous", fixed("/gedragscode"), query()),
    ("signup.signup", "GET"): Spec("anonymous", fixed("/deelnemen"), query()),
    ("code_entry.enter", "GET"): Spec("anonymous", fixed("/code"), query(code=nasty_text)),
    ("signup.signup", "POST"): Spec(
        "anonymous",
        fixed("/deelnemen"),
        form(
            {
                "name": st.just("Kinderdagverblijf De Vlinder"),
                "sector": st.sampled_from(["kinderopvang", "handicap", "xx"]),
                "type": st.just("groepsopvang"),
                "municipality": st.just("Gent"),
                "postcode": st.sampled_from(["9000", "900", "١٢٣٤", "9000\n"]),
                "enterprise_number": st.sampled_from(["0403.170.701", "0403170702", "", "٠٤"]),
                "email": EMAIL,
            }
        ),
        examples=10,
    ),
    # the family's review
    ("review.write", "GET"): Spec(
        "anonymous",
        with_id("/voorziening/{}/waardering", "facility", "not_participating"),
        query(code=nasty_text),
    ),
    ("review.write", "POST"): Spec(
        "anonymous",
        with_id("/voorziening/{}/waardering", "facility", "not_participating"),
        form(
            {
                **REVIEW_FIELDS,
                "email": EMAIL,
                "code": st.sampled_from(["", "ABCD-EFGH-JK", "x" * 30]),
                "form_key": st.sampled_from(["", "k1", "k" * 100]),
            },
            {**VALID_REVIEW, "email": FRESH_EMAIL, "form_key": FRESH_KEY},
        ),
        examples=15,
    ),
    ("health.status", "GET"): Spec("anonymous", fixed("/gezondheid"), query()),
    ("review.sent", "GET"): Spec("anonymous", fixed("/waardering/verstuurd"), query()),
    ("review.ask_link_again", "POST"): Spec(
        "anonymous", fixed("/waardering/link-opnieuw"), form({"email": EMAIL})
    ),
    ("review.confirm", "GET"): Spec("anonymous", with_token("/bevestig/{}", "confirm"), query()),
    ("review.status", "GET"): Spec(
        "anonymous", with_token("/mijn-waardering/{}", "editable"), query(aangepast=ID_TEXT)
    ),
    ("review.edit", "GET"): Spec(
        "anonymous", with_token("/mijn-waardering/{}/aanpassen", "editable"), query()
    ),
    ("review.edit", "POST"): Spec(
        "anonymous",
        with_token("/mijn-waardering/{}/aanpassen", "editable"),
        form(REVIEW_FIELDS, VALID_REVIEW),
        examples=12,
    ),
    ("review.withdraw", "POST"): Spec(
        "anonymous", with_token("/mijn-waardering/{}/intrekken", "withdraw"), form({})
    ),
    # accounts
    ("auth.login", "GET"): Spec(
        "anonymous", fixed("/aanmelden"), query(next=st.sampled_from(["/", "//evil", "x"]))
    ),
    ("auth.login", "POST"): Spec(
        "anonymous",
        fixed("/aanmelden"),
        form(
            {
                "email": st.sampled_from(["moderator@test.be", "facility@test.be"]),
                "password": st.just("fout wachtwoord"),
                "code": st.sampled_from(["123456", "12 34 56", "123456789"]),
            }
        ),
        examples=8,
    ),
    ("auth.logout", "POST"): Spec("anonymous", fixed("/afmelden"), form({})),
    ("auth.accept_invitation", "GET"): Spec(
        "anonymous", with_token("/uitnodiging/{}", "invitation"), query()
    ),
    ("auth.accept_invitation", "POST"): Spec(
        "anonymous",
        with_token("/uitnodiging/{}", "invitation"),
        form(
            {
                "name": st.just("An"),
                "password": st.sampled_from(["kort", "een lang genoeg wachtwoord"]),
                "repeat": st.sampled_from(["kort", "een lang genoeg wachtwoord"]),
            }
        ),
        examples=8,
    ),
    ("auth.change_password", "GET"): Spec("facility", fixed("/account/wachtwoord"), query()),
    ("auth.change_password", "POST"): Spec(
        "facility",
        fixed("/account/wachtwoord"),
        form(
            {
                "current": st.just("fout wachtwoord"),  # never the real one: nothing changes
                "password": st.sampled_from(["kort", "wachtwoord12345", NEW_PASSWORD]),
                "repeat": st.sampled_from(["kort", NEW_PASSWORD]),
            }
        ),
    ),
    ("auth.forgot_password", "GET"): Spec("anonymous", fixed("/wachtwoord-vergeten"), query()),
    ("auth.forgot_password", "POST"): Spec(
        "anonymous",
        fixed("/wachtwoord-vergeten"),
        form({"email": st.sampled_from(["facility@test.be", "niemand@test.be", "geen-adres"])}),
    ),
    ("auth.reset_password", "GET"): Spec(
        "anonymous", with_token("/wachtwoord-herstellen/{}", "invitation"), query()
    ),
    ("auth.reset_password", "POST"): Spec(
        "anonymous",
        with_token("/wachtwoord-herstellen/{}", "invitation"),  # signed, but not for a reset
        form({"password": st.just(NEW_PASSWORD), "repeat": st.just(NEW_PASSWORD)}),
    ),
    # the redactie
    ("moderate.queue", "GET"): Spec(
        "moderator",
        fixed("/redactie/"),
        query(
            sector=st.just("kinderopvang"),
            signaal=st.sampled_from(["privacy", "spam"]),
            voorziening=st.just("Rups"),
            ouder_dan=st.sampled_from(["1", "-5", str(10**30)]),
        ),
        examples=8,
    ),
    ("moderate.dashboard", "GET"): Spec("moderator", fixed("/redactie/dashboard"), query()),
    ("moderate.item", "GET"): Spec(
        "senior", with_kind("/redactie/{}/{}", "waiting", "published"), query()
    ),
    ("moderate.bulk", "GET"): Spec("moderator", fixed("/redactie/bulk"), query()),
    ("moderate.bulk", "POST"): Spec(
        "moderator",
        fixed("/redactie/bulk"),
        form(
            {
                "item": st.sampled_from(
                    ["review:1", "review:²", "reply:x", ":", "review:" + "9" * 30]
                )
            }
        ),
    ),
    ("moderate.decide", "POST"): Spec(
        "senior",
        with_kind("/redactie/{}/{}/beslissing", "waiting"),
        form(
            {
                "action": st.sampled_from(["publish", "return", "escalate", "delete"]),
                "reason": st.sampled_from(["taal", "spam", "x" * 100]),
                "redact": ID_TEXT,
                **NOTE,
            }
        ),
        examples=8,
    ),
    ("moderate.add_note", "POST"): Spec(
        "moderator", with_kind("/redactie/{}/{}/notitie", "waiting"), form(NOTE)
    ),
    ("moderate.undo", "POST"): Spec(
        "senior", with_kind("/redactie/{}/{}/ongedaan", "waiting"), form({})
    ),
    ("moderate.add_redaction", "POST"): Spec(
        "moderator",
        with_kind("/redactie/{}/{}/redactie", "waiting"),
        form(
            {
                "start": st.sampled_from(["0", "3", "-1", str(10**30)]),
                "end": st.sampled_from(["5", "2", str(10**30)]),
                "label": st.sampled_from(["PERSON", "PHONE", "x"]),
            }
        ),
    ),
    ("moderate.handle_report", "POST"): Spec(
        "moderator",
        with_id("/redactie/review/{}/melding", "reported"),
        form({"action": st.sampled_from(["keep", "remove", "x"]), **NOTE}),
    ),
    ("moderate.add_reviewer_note", "POST"): Spec(
        "moderator",
        with_id("/redactie/reviewer/{}/notitie", "reviewer"),
        form({**NOTE, "back": st.sampled_from(["/redactie/", "https://evil.example", "//x"])}),
    ),
    # the facility account
    ("facility.dashboard", "GET"): Spec(
        "facility", fixed("/voorziening-account/"), query(concept=ID_TEXT)
    ),
    ("facility.reply", "POST"): Spec(
        "facility",
        with_id("/voorziening-account/waardering/{}/reactie", "published", "waiting"),
        form({"text": PLAIN, "form_key": st.sampled_from(["", "r1", "r" * 100])}),
        examples=8,
    ),
    ("facility.report", "POST"): Spec(
        "facility",
        with_id("/voorziening-account/waardering/{}/melden", "published"),
        form({"reason": st.sampled_from(["onwaar", "kwetsend", "x"])}),
    ),
    ("codes.index", "GET"): Spec("facility", fixed("/voorziening-account/codes/"), query()),
    ("codes.create", "POST"): Spec(
        "facility",
        fixed("/voorziening-account/codes/"),
        form(
            {"facility_id": ID_TEXT, "count": st.sampled_from(["1", "2", "50", "51", "0"])},
            {"facility_id": st.just("1"), "count": st.sampled_from(["1", "2", "51"])},
        ),
    ),
    ("codes.sheet", "GET"): Spec(
        "facility",
        fixed("/voorziening-account/codes/blad"),
        query(ids=st.sampled_from(["1,2", "²", "9" * 30, ",,", "1," * 100])),
    ),
    # beheer
    ("admin.facilities", "GET"): Spec(
        "admin", fixed("/beheer/"), query(q=st.just("rups"), link=nasty_text)
    ),
    ("admin.toggle_participation", "POST"): Spec(
        "admin",
        with_id("/beheer/voorziening/{}/deelname", "facility"),
        form({"participating": st.sampled_from(["1", "0", "ja"])}),
    ),
    ("admin.reject", "POST"): Spec(
        "admin",
        with_id("/beheer/voorziening/{}/afwijzen", "facility"),
        form({"reason": st.sampled_from(["no_licence", "", "x" * 50]), "note": nasty_text}),
    ),
    ("admin.invite", "POST"): Spec(
        "admin",
        with_id("/beheer/voorziening/{}/uitnodiging", "facility"),
        form({"email": EMAIL}),
    ),
    # JSON
    ("api.hints", "POST"): Spec(
        "anonymous",
        fixed("/api/hints"),
        lambda env, csrf: json_bodies(st.fixed_dictionaries({"text": PLAIN | nasty_text})),
        examples=10,
    ),
    ("public_api.openapi", "GET"): Spec("anonymous", fixed("/api/v1/openapi.json"), query()),
    ("public_api.facilities", "GET"): Spec(
        "anonymous",
        fixed("/api/v1/facilities"),
        query(q=st.just("Gent"), sector=st.just("ouderenzorg"), page=ID_TEXT),
        examples=8,
    ),
    ("public_api.facility", "GET"): Spec(
        "anonymous", with_id("/api/v1/facilities/{}", "facility"), query()
    ),
    ("public_api.reviews", "GET"): Spec(
        "anonymous",
        with_id("/api/v1/facilities/{}/reviews", "facility"),
        query(page=st.sampled_from(["1", "-1", str(10**30)])),
    ),
}
NOT_FUZZED = {"static"}  # files from disk, no input but the file name
WRITING_GETS = {"review.confirm"}  # the confirmation link is a GET that moves the review on


def test_every_input_has_a_strategy(tmp_path: Any) -> None:
    """A new route (or a new method on one) fails here until it gets a strategy above."""
    from models.settings import Settings
    from web import create_app

    app = create_app(
        Settings(
            secret_key="test-secret-key-" + "x" * 16,  # type: ignore[arg-type]
            email_hmac_key="test-hmac-key-" + "y" * 16,  # type: ignore[arg-type]
            database_url=f"sqlite:///{tmp_path / 'routes.db'}",  # never opened: routes only
            testing=True,
        )
    )
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in NOT_FUZZED
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert sorted(routes - set(SPECS)) == []
    assert sorted(set(SPECS) - routes) == []


# --- the checks after every request ----------------------------------------------------------


def _counts(engine: Any) -> dict[str, int]:
    with Session(engine) as session:
        return {
            t.name: int(session.exec(select(func.count()).select_from(t)).one())  # type: ignore[call-overload]
            for t in SQLModel.metadata.sorted_tables
        }


def _looks_dutch(text: str) -> bool:
    words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    return len(words & DUTCH_WORDS) >= 1 and not words & {"the", "error", "invalid", "request"}


def check_response(response: Any, path: str) -> None:
    """Never a 5xx; a 4xx says in Dutch what went wrong (JSON for the API)."""
    status = response.status_code
    if path.startswith("/gezondheid"):  # for monitors: 503 is its answer "not healthy"
        assert status in (200, 503)
        assert isinstance(response.get_json(silent=True), dict)
        return
    assert status < 500, (status, response.text[:500])
    if 300 <= status < 400:
        return
    text = response.get_data(as_text=True)
    assert not [e for e in ENGLISH if e in text], text[:500]
    if status < 400:
        return
    if path.startswith("/api/"):
        data = response.get_json(silent=True)
        assert isinstance(data, dict), text[:300]
        assert isinstance(data.get("error"), str), data
        assert _looks_dutch(data["error"]), data
    else:
        assert response.content_type.startswith("text/html"), response.content_type
        shown = re.findall(
            r'class="(?:field-error|error-message|flash flash-error)"[^>]*>(.*?)<', text
        )
        explained = any(_looks_dutch(m) for m in shown) or any(p in text for p in DUTCH_ERRORS)
        assert explained, text[:3000]


def check_database(engine: Any) -> None:
    """What is stored is whole: every review has its answers, texts are clean and in bounds."""
    with Session(engine) as session:
        reviews = session.exec(select(Review)).all()
        answers = session.exec(select(ReviewAnswer)).all()
        by_review: dict[int, list[ReviewAnswer]] = {}
        for a in answers:
            by_review.setdefault(a.review_id, []).append(a)
            assert 1 <= a.theme <= 8, a
            assert 1 <= a.score <= 5, a
            assert len(a.text) <= 2000, a.id
            assert not CONTROL.search(a.text), a.id
        for r in reviews:
            themes = [a.theme for a in by_review.get(r.id or 0, [])]
            assert themes, r.id  # a stored review always has its answers
            assert len(themes) == len(set(themes)), (r.id, themes)
            assert len(r.story) <= 5000, r.id
            assert not CONTROL.search(r.story), r.id
            assert len(r.form_key) <= 64, r.id
        for p in session.exec(select(Reply)).all():
            assert p.text, p.id
            assert len(p.text) <= 3000, p.id
            assert not CONTROL.search(p.text), p.id
            assert len(p.form_key) <= 64
        for e in session.exec(select(AuditEvent)).all():
            assert not CONTROL.search(e.note or ""), e.id
            assert len(e.reason_code or "") <= 40, e.id


def _submitted_scores(body: Body) -> set[int] | None:
    """The themes a form post scored validly (the first value counts), None if not a form."""
    if body.kind != "form":
        return None
    data = body.kwargs["data"]
    out = set()
    for n in range(1, 9):
        value = data.get(f"score_{n}")
        value = value[0] if isinstance(value, list) and value else value
        if value in {"1", "2", "3", "4", "5"}:
            out.add(n)
    return out


def check_complete(
    engine: Any, key: tuple[str, str], body: Body, before: set[int], path: str
) -> None:
    """An accepted review or edit holds exactly the answers that were sent."""
    expected = _submitted_scores(body)
    if expected is None or key not in {("review.write", "POST"), ("review.edit", "POST")}:
        return
    with Session(engine) as session:
        if key == ("review.write", "POST"):
            new = session.exec(select(Review).where(Review.id.not_in(before))).all()  # type: ignore[union-attr]
        else:
            new = session.exec(
                select(Review).where(Review.author_token == unquote(path.split("/")[2]))
            ).all()
        for review in new:
            themes = set(
                session.exec(select(ReviewAnswer.theme).where(ReviewAnswer.review_id == review.id))
            )
            assert themes == expected, (review.id, themes, expected)


# --- the data the routes work on ------------------------------------------------------------


def _prepare(env: Env) -> None:
    """Reviews in every state a route needs, an open report, an invitation and a confirm link."""
    from services.reviews import confirm_serializer
    from web import db
    from web.auth.invitations import make_invitation

    with Session(env.engine, expire_on_commit=False) as session:
        reviewer = Reviewer(email_hmac="fuzz-" + secrets.token_hex(8))
        session.add(reviewer)
        session.flush()
        made = {}
        for key, state in (
            ("published", State.PUBLISHED),
            ("reported", State.PUBLISHED),
            ("waiting", State.AWAITING_MODERATION),
            ("editable", State.SUBMITTED),
            ("withdraw", State.PUBLISHED),
            ("confirm", State.UNCONFIRMED),
        ):
            review = Review(
                facility_id=1,
                reviewer_id=reviewer.id or 0,
                state=state,
                story="Goed verzorgd.",
                form_key=f"fuzz-{key}",
                author_token=secrets.token_urlsafe(24),
                published_at=utcnow() if state == State.PUBLISHED else None,
                submitted_at=utcnow(),
            )
            session.add(review)
            session.flush()
            session.add(ReviewAnswer(review_id=review.id or 0, theme=1, score=4, text="Fijn."))
            made[key] = review
        session.add(
            AuditEvent(
                subject_kind="review",
                subject_id=made["reported"].id or 0,
                actor="account:1",
                from_state=State.PUBLISHED,
                to_state=State.PUBLISHED,
                reason_code="report",
                note="Bevat feiten die niet kloppen",
            )
        )
        session.commit()
    env.ids = {k: r.id or 0 for k, r in made.items()}
    env.ids.update(facility=1, not_participating=2, reviewer=reviewer.id or 0)
    env.tokens = {k: r.author_token for k, r in made.items()}
    with env.app.app_context():
        env.tokens["invitation"] = make_invitation(2, "nieuw@test.be")
        env.tokens["confirm"] = confirm_serializer(db.settings()).dumps({"r": env.ids["confirm"]})
    with Session(env.engine) as session:
        from models import Facility

        fac = session.get(Facility, 2)
        assert fac is not None
        fac.participating = False
        session.add(fac)
        session.commit()


@pytest.fixture
def env(settings: Any, engine: Any, accounts: Any) -> Env:
    """The app without rate limits (the fuzzer posts far faster than any person)."""
    from web import create_app

    made = Env(create_app(settings, RATELIMIT_ENABLED=False), engine, accounts)
    _prepare(made)
    return made


def fuzz(env: Env, key: tuple[str, str]) -> None:
    """Throw `examples` hostile requests at one route and check each answer and the database."""
    spec = SPECS[key]
    endpoint, method = key
    client, csrf = env.client(spec.role)
    assert spec.body is not None
    strategy = st.tuples(spec.path(env), spec.body(env, csrf))

    @settings(FUZZ, max_examples=spec.examples)
    @given(request=strategy)
    def run(request: tuple[str, Body]) -> None:
        path, body = request
        note(f"{method} {path[:200]} {body.describe()}")
        kwargs = dict(body.kwargs)
        if method == "GET":
            q = kwargs.pop("query", "")
            response = client.get(path + ("?" + q if q else ""))
        else:
            response = client.open(path, method=method, **kwargs)
        before_ids = set(env_counts["review_ids"])
        check_response(response, path)
        after = _counts(env.engine)
        rejected = response.status_code >= 400 or (method == "GET" and endpoint not in WRITING_GETS)
        if rejected:
            assert after == env_counts["rows"], (endpoint, response.status_code, body.describe())
        check_database(env.engine)
        if response.status_code < 400:
            check_complete(env.engine, key, body, before_ids, path)
        _snapshot()

    env_counts: dict[str, Any] = {}

    def _snapshot() -> None:
        env_counts["rows"] = _counts(env.engine)
        with Session(env.engine) as session:
            env_counts["review_ids"] = list(session.exec(select(Review.id)))

    _snapshot()
    run()


@pytest.mark.parametrize(
    "group",
    ["public", "staff"],
)
def test_fuzz(env: Env, group: str) -> None:
    """Every route (the public ones, or the staff and facility ones), each with its examples."""
    keys = [k for k, spec in SPECS.items() if (spec.role == "anonymous") == (group == "public")]
    assert keys
    for key in keys:
        fuzz(env, key)
