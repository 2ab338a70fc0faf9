"""A facility's participation: it signs up with proof, an admin approves or rejects it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select
from stdnum.be import vat

from models import AuditEvent, Facility
from models.settings import Settings
from services.mailer import send_mail

WAITING = "waiting"
APPROVED = "approved"
REJECTED = "rejected"

# Why a sign-up is refused: (code, what the admin picks, what the facility reads).
REJECT_REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "no_licence",
        "Geen erkenning of vergunning gevonden",
        "We vonden voor deze voorziening geen erkenning, vergunning of melding bij Opgroeien, "
        "het VAPH of Zorg en Gezondheid.",
    ),
    (
        "not_care",
        "Geen zorg- of welzijnsvoorziening in Vlaanderen",
        "Op Zorgwaardering Vlaanderen staan alleen zorg- en welzijnsvoorzieningen in Vlaanderen "
        "en Brussel.",
    ),
    (
        "mismatch",
        "Gegevens kloppen niet met de KBO",
        "De naam of de gemeente hoort niet bij het ondernemingsnummer dat je opgaf.",
    ),
    (
        "already_listed",
        "Staat er al op",
        "Deze voorziening staat al op Zorgwaardering Vlaanderen. Vraag een uitnodiging voor "
        "een account via de redactie.",
    ),
)
REJECT_CODES = {code for code, _, _ in REJECT_REASONS}


def enterprise_number(text: str) -> str | None:
    """The 10-digit KBO number in `text` (checksum verified, python-stdnum), else None."""
    try:
        number: str = vat.validate(text)
    except vat.ValidationError:
        return None
    return number


def format_enterprise_number(number: str) -> str:
    """0403.170.701, as the KBO writes it."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number


@dataclass(frozen=True)
class Signup:
    """What a facility tells us when it asks to take part."""

    name: str
    sector: str
    type: str
    municipality: str
    postcode: str
    enterprise_number: str
    licence_number: str
    email: str


def sign_up(session: Session, new: Signup) -> Facility:
    """Store a sign-up: not public and not accepting reviews until an admin approves it."""
    fac = Facility(
        name=new.name,
        sector=new.sector,
        participating=False,
        listed=False,
        type=new.type,
        municipality=new.municipality,
        postcode=new.postcode,
        enterprise_number=new.enterprise_number,
        licence_number=new.licence_number,
        signup_state=WAITING,
    )
    session.add(fac)
    session.flush()
    _log(session, fac, "signup", "-", "signed_up", "signup", new.email.strip().lower())
    session.commit()
    return fac


def _log(
    session: Session,
    fac: Facility,
    actor: str,
    from_state: str,
    to_state: str,
    code: str | None = None,
    note: str | None = None,
) -> None:
    """One audit event about a facility's participation."""
    assert fac.id is not None
    session.add(
        AuditEvent(
            subject_kind="facility",
            subject_id=fac.id,
            actor=actor,
            from_state=from_state,
            to_state=to_state,
            reason_code=code,
            note=note,
        )
    )


def pending_signups(session: Session) -> list[tuple[Facility, str]]:
    """Sign-ups waiting for an admin, oldest first, with their contact address."""
    rows = session.exec(
        select(Facility, AuditEvent.note)
        .join(
            AuditEvent,
            (col(AuditEvent.subject_id) == Facility.id)
            & (col(AuditEvent.subject_kind) == "facility")
            & (col(AuditEvent.reason_code) == "signup"),
        )
        .where(Facility.signup_state == WAITING)
        .order_by(col(Facility.id))
    ).all()
    return [(fac, note or "") for fac, note in rows]


def _contact(session: Session, facility_id: int) -> str:
    note = session.exec(
        select(AuditEvent.note).where(
            AuditEvent.subject_kind == "facility",
            AuditEvent.subject_id == facility_id,
            AuditEvent.reason_code == "signup",
        )
    ).first()
    return note or ""


def set_participation(session: Session, fac: Facility, participating: bool, actor: str) -> None:
    """Approve a sign-up or pause/resume a facility; an approved sign-up becomes public."""
    fac.participating = participating
    fac.listed = fac.listed or participating
    if participating and fac.signup_state == WAITING:
        fac.signup_state = APPROVED
    session.add(fac)
    _log(session, fac, actor, "-", "participating" if participating else "paused")
    session.commit()


def reject_signup(
    session: Session, settings: Settings, fac: Facility, code: str, note: str, actor: str
) -> bool:
    """Refuse a waiting sign-up with a reason the facility is mailed; False if not waiting."""
    if fac.signup_state != WAITING or code not in REJECT_CODES:
        return False
    assert fac.id is not None
    fac.signup_state = REJECTED
    session.add(fac)
    _log(session, fac, actor, "signed_up", "signup_rejected", code, note or None)
    contact = _contact(session, fac.id)
    session.commit()
    if contact:
        send_mail(settings, contact, f"Je aanmelding voor {fac.name}", rejection_mail(code, note))
    return True


def rejection_mail(code: str, note: str) -> str:
    """The mail a refused sign-up gets: the reason, the admin's words, and what to do next."""
    reason = next(text for c, _, text in REJECT_REASONS if c == code)
    extra = f"\n\nToelichting van de redactie:\n{note}" if note else ""
    return (
        "Dag,\n\nBedankt voor je aanmelding bij Zorgwaardering Vlaanderen. We kunnen ze niet "
        f"goedkeuren.\n\n{reason}{extra}\n\nKlopt dit niet? Meld je opnieuw aan met je "
        "ondernemingsnummer (KBO) en je erkenningsnummer, of antwoord op deze mail.\n\n"
        "Met vriendelijke groeten,\nDe redactie\n"
    )
