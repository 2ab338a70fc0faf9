"""Demo data for the embedded default: facilities, reviews in every state, one account per role."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from models import (
    Account,
    AccountFacility,
    Facility,
    Review,
    ReviewAnswer,
    Reviewer,
    Role,
    State,
    email_key,
)
from models._base import utcnow
from models.reviewer import seal_email
from models.settings import Settings
from models.themes import seed_theme_questions
from services.audit_log import move
from web.security import hash_password
from workers.moderation_job import run_moderation

TYPES = {
    "kinderopvang": [
        "groepsopvang",
        "gezinsopvang",
        "buitenschoolse opvang (BOA)",
        "kleuteropvang",
    ],
    "jeugdhulp": ["jeugdhulp", "residentiële jeugdhulp", "thuisbegeleiding"],
    "handicap": ["dagcentrum", "woonondersteuning", "zorgboerderij"],
    "ouderenzorg": ["woonzorgcentrum", "centrum voor kortverblijf", "dagverzorgingscentrum"],
}
NAMES = {
    "kinderopvang": [
        "De Rupsjes",
        "'t Kabouterhuisje",
        "Het Zonnebloempje",
        "De Speelvogel",
        "Kinderdagverblijf Pimpampoentje",
        "De Vlindertuin",
        "Het Nestje",
        "De Kleine Wereld",
        "Kribbe Ukkepuk",
        "De Zeepbel",
        "BOA De Speelboot",
        "Het Boomhutje",
    ],
    "jeugdhulp": [
        "De Wissel",
        "Het Kompas",
        "De Overstap",
        "Huis De Brug",
        "De Vlonder",
        "Jeugdhulp Horizon",
        "De Klimop",
        "Het Anker",
    ],
    "handicap": [
        "De Hoeve",
        "Dagcentrum De Lindeboom",
        "Het Ateljee",
        "De Regenboog",
        "Zorgboerderij Het Klaverblad",
        "De Okkernoot",
        "Het Veer",
        "De Kiem",
    ],
    "ouderenzorg": [
        "WZC Ter Linde",
        "WZC De Wilgen",
        "Residentie Zonnewende",
        "WZC Hofstede",
        "WZC Sint-Jozef",
        "Dagverzorging De Bron",
        "WZC Den Olm",
        "WZC Ter Meersen",
        "WZC De Notelaar",
        "Kortverblijf De Zeshoek",
        "WZC Ter Heide",
        "WZC Het Park",
    ],
}
PLACES = [
    ("Gent", "9000"),
    ("Antwerpen", "2000"),
    ("Leuven", "3000"),
    ("Brugge", "8000"),
    ("Hasselt", "3500"),
    ("Mechelen", "2800"),
    ("Aalst", "9300"),
    ("Kortrijk", "8500"),
    ("Genk", "3600"),
    ("Roeselare", "8800"),
    ("Lokeren", "9160"),
    ("Turnhout", "2300"),
]
GOOD = [
    "De begeleiding is warm en geduldig.",
    "We worden altijd vriendelijk ontvangen.",
    "Ze nemen de tijd om te luisteren.",
    "Er is elke dag iets leuks te doen.",
    "Alles is proper en goed verzorgd.",
    "We krijgen veel uitleg via de app.",
    "Het eten is vers en lekker.",
    "Ons kind gaat er graag naartoe.",
]
BAD = [
    "De communicatie kan echt beter.",
    "We horen pas op het laatste moment van wijzigingen.",
    "Er is veel wissel in het personeel.",
    "De prijs vind ik aan de hoge kant.",
    "Parkeren aan de ingang is een drama.",
    "Soms is er te weinig volk om alles op te volgen.",
]
STORIES = [
    "Ik ben over het algemeen tevreden. {good} {bad}",
    "{good} {good2} Een aanrader.",
    "{bad} Voor de rest zijn we content. {good}",
    "Juf Sofie is echt een schat. {good} Bel gerust naar 0472 12 34 56 als je vragen hebt.",
    "{bad} Ik heb het al gezegd aan meneer Peeters maar er veranderde niets.",
]
PLAN = (
    [State.PUBLISHED] * 120
    + [State.AWAITING_MODERATION] * 45
    + [State.RETURNED] * 8
    + [State.REJECTED] * 8
    + [State.ESCALATED] * 4
    + [State.UNCONFIRMED] * 10
    + [State.SUBMITTED] * 5
)


@dataclass
class DemoAccount:
    """A printed demo login."""

    role: str
    email: str
    password: str
    totp_secret: str | None


def seed(engine: Engine, settings: Settings, seed_value: int = 7) -> list[DemoAccount]:
    """Seed once: skip if facilities already exist. Return the demo accounts created."""
    email_secret = settings.email_hmac_key.get_secret_value().encode()
    seal_secret = settings.secret_key.get_secret_value().encode()
    rng = random.Random(seed_value)
    with Session(engine, expire_on_commit=False) as session:
        seed_theme_questions(session)
        if session.exec(select(func.count()).select_from(Facility)).one():
            return []
        facilities = _facilities(session, rng)
        _reviews(session, rng, facilities, email_secret, seal_secret)
        return _accounts(session, facilities[0])


def _facilities(session: Session, rng: random.Random) -> list[Facility]:
    out = []
    for sector, names in NAMES.items():
        for name in names:
            place, postcode = rng.choice(PLACES)
            fac = Facility(
                name=name,
                sector=sector,
                type=rng.choice(TYPES[sector]),
                municipality=place,
                postcode=postcode,
                address=f"{rng.choice(['Kerkstraat', 'Schoolstraat'])} "
                f"{rng.randint(1, 120)}, {postcode} {place}",
                places=rng.choice([14, 18, 28, 42, 60, 96]),
                income_related_fee=sector == "kinderopvang" and rng.random() < 0.6,
                inspection_url="https://www.zorginspectie.be/",
            )
            session.add(fac)
            out.append(fac)
    session.commit()
    return out


def _reviews(
    session: Session,
    rng: random.Random,
    facilities: list[Facility],
    email_secret: bytes,
    seal_secret: bytes,
) -> None:
    now = utcnow()
    for n, state in enumerate(PLAN):
        # Published reviews cluster on 15 facilities so their pages show averages (>= 5).
        fac = facilities[n % 15] if n < 120 else rng.choice(facilities)
        reviewer = Reviewer(
            email_hmac=email_key(f"ouder{n}@example.be", email_secret),
            email_for_notice=seal_email(f"ouder{n}@example.be", seal_secret),
        )
        session.add(reviewer)
        session.flush()
        when = now - timedelta(days=rng.randint(1, 700), hours=rng.randint(0, 23))
        positive = rng.random() < 0.65
        story = rng.choice(STORIES).format(
            good=rng.choice(GOOD), good2=rng.choice(GOOD), bad=rng.choice(BAD)
        )
        if state == State.ESCALATED:
            story = (
                "Mijn moeder is gevallen en ze hebben haar een hele nacht op de grond laten "
                "liggen. Niemand kwam kijken."
            )
        assert reviewer.id is not None
        assert fac.id is not None
        review = Review(
            facility_id=fac.id,
            reviewer_id=reviewer.id,
            story=story,
            form_key=secrets.token_hex(16),
            author_token=secrets.token_urlsafe(24),
            created_at=when,
            submitted_at=when,
            state_changed_at=when,
        )
        session.add(review)
        session.flush()
        assert review.id is not None
        for theme in range(1, 9):
            if rng.random() < 0.85:
                score = rng.randint(3, 5) if positive else rng.randint(1, 3)
                text = rng.choice(GOOD if score >= 4 else BAD) if rng.random() < 0.3 else ""
                session.add(ReviewAnswer(review_id=review.id, theme=theme, score=score, text=text))
        if state == State.UNCONFIRMED:
            session.commit()
            continue
        move(session, "review", review, State.SUBMITTED, "author")
        session.commit()
        if state == State.SUBMITTED:
            continue
        run_moderation(session, "review", review.id)
        if state not in (State.AWAITING_MODERATION, review.state):
            review.decided_at = when + timedelta(hours=5)
            if state == State.PUBLISHED:
                review.published_at = review.decided_at
            move(session, "review", review, state, "account:demo")
            session.commit()


def _accounts(session: Session, facility: Facility) -> list[DemoAccount]:
    out = []
    for role in (Role.MODERATOR, Role.SENIOR, Role.FACILITY, Role.ADMIN):
        password = secrets.token_urlsafe(9)
        totp = pyotp.random_base32() if role != Role.FACILITY else None
        account = Account(
            email=f"{role.value}@demo.zorgwaardering.be",
            display_name=role.value.capitalize(),
            password_hash=hash_password(password),
            role=role,
            totp_secret=totp,
        )
        session.add(account)
        session.flush()
        if role == Role.FACILITY:
            assert account.id is not None
            assert facility.id is not None
            session.add(AccountFacility(account_id=account.id, facility_id=facility.id))
        out.append(DemoAccount(role, account.email, password, totp))
    session.commit()
    return out
