"""The mails that go with a review's life: to the author, and to the facility."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Account, AccountFacility, Outbox, Reply, Review, Reviewer, State
from models._base import utcnow
from models.reviewer import open_email
from models.settings import Settings
from models.themes import N_
from services.audit_log import last_decision
from services.language import known, letter, translator
from services.mailer import send_mail

# A critical review waits for the facility's reply (the right of reply) before it goes online.
PUBLISHED_LATER = (
    N_("Je waardering komt binnenkort online"),
    N_(
        "Goed nieuws: je waardering is nagelezen. Ze komt online op %(when)s.\n\n"
        "Tot dan kan de voorziening een reactie schrijven; die verschijnt samen met je "
        "waardering. Zo horen lezers beide kanten.\n\nVolg je waardering: %(link)s\n"
    ),
)
LOCAL = ZoneInfo("Europe/Brussels")


def local_time(when: datetime) -> str:
    """A moment as Flemish readers write it, in Belgian time: 03/12/2026 14:05."""
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")


# Dutch msgids (N_ marks them for the catalogue); each mail is translated into the language
# its review or reply was written in, placeholders filled after translation.
NOTICES = {
    "published": (
        N_("Je waardering staat online"),
        N_(
            "Goed nieuws: je waardering is nagelezen en staat nu online.\n\n"
            "Bekijk ze hier: %(link)s\n\n"
            "Waarom deze mail pas nu komt: na elke beslissing wachten we %(minutes)s minuten. "
            "Zo kan de redactie een vergissing nog rechtzetten.\n"
        ),
    ),
    "returned": (
        N_("Je waardering kan nog niet online"),
        N_(
            "We hebben je waardering nagelezen. Ze kan nog niet online, om deze reden:\n\n"
            "%(reason)s\n\nJe kan ze aanpassen en opnieuw insturen via deze link: %(link)s\n"
        ),
    ),
    "rejected": (
        N_("Je waardering wordt niet gepubliceerd"),
        N_(
            "We hebben je waardering nagelezen. Ze past niet binnen onze gedragscode en wordt "
            "niet gepubliceerd.\n\nReden: %(reason)s\n\nMeer uitleg: %(link)s\n"
        ),
    ),
    "escalated": (
        N_("We bekijken je waardering met extra zorg"),
        N_(
            "Je beschrijft een situatie die ernstig kan zijn. Een ervaren medewerker bekijkt je "
            "waardering.\n\nIs iemand in gevaar? Bel 1712 (gratis, anoniem) of meld het bij "
            "Zorginspectie. Bij direct gevaar: bel 112.\n\nVolg je waardering: %(link)s\n"
        ),
    ),
}


def as_html(text: str, language: str = "nl") -> str:
    """The plain-text mail as simple, accessible HTML (one paragraph per block)."""
    blocks = [html.escape(b).replace("\n", "<br>") for b in text.split("\n\n") if b.strip()]
    return (
        f'<html lang="{known(language)}"><body>'
        + "".join(f"<p>{b}</p>" for b in blocks)
        + "</body></html>"
    )


def _mail(settings: Settings, to: str, subject: str, body: str, language: str = "nl") -> None:
    text = letter(body, language)
    send_mail(settings, to, subject, text, as_html(text, language))


def _moderator_note(session: Session, kind: str, subject_id: int, language: str = "nl") -> str:
    """The note for the author that came with the item's last decision, if any."""
    last = last_decision(session, kind, subject_id)
    if last is None or not last.note or not last.actor.startswith("account:"):
        return ""
    _ = translator(language)
    return "\n" + _("Een woordje van de redactie:") + f"\n{last.note}\n"


def _facility_accounts(session: Session, facility_id: int) -> list[Account]:
    return list(
        session.exec(
            select(Account)
            .join(AccountFacility, col(AccountFacility.account_id) == Account.id)
            .where(AccountFacility.facility_id == facility_id, col(Account.active).is_(True))
        )
    )


def _address_of(session: Session, settings: Settings, reviewer_id: int) -> str | None:
    reviewer = session.get(Reviewer, reviewer_id)
    return open_email(
        reviewer.email_for_notice if reviewer else None,
        settings.secret_key.get_secret_value().encode(),
    )


def notify_reply(session: Session, settings: Settings, reply: Reply) -> bool:
    """A reply was decided: the facility hears how, and the family when it is online.

    The facility reads it in the reply's language, the family in their review's.
    """
    review = session.get(Review, reply.review_id)
    if review is None:
        return False
    dashboard = f"{settings.base_url}/voorziening-account/"
    _ = translator(reply.language)
    if reply.state == State.PUBLISHED:
        facility_mail = (
            _("Jullie reactie staat online"),
            _(
                "Jullie reactie op een waardering is nagelezen en staat nu online: %(link)s\n",
                link=dashboard,
            ),
        )
        address = _address_of(session, settings, review.reviewer_id)
        if address is not None and review.state == State.PUBLISHED:
            _tell_family_of_reply(settings, address, review)
    elif reply.state in (State.RETURNED, State.REJECTED):
        note = _moderator_note(session, "reply", reply.id or 0, reply.language)
        facility_mail = (
            _("Jullie reactie kan niet online"),
            _(
                "We hebben jullie reactie nagelezen. Ze kan niet online, om deze reden:\n\n"
                "%(reason)s\n",
                reason=reply.return_reason or "-",
            )
            + note
            + "\n"
            + _("Je kan een nieuwe reactie schrijven: %(link)s\n", link=dashboard),
        )
    else:
        return False
    for account in _facility_accounts(session, reply.facility_id):
        _mail(settings, account.email, *facility_mail, reply.language)
    return True


def _tell_family_of_reply(settings: Settings, address: str, review: Review) -> None:
    """The family hears, in their review's language, that the facility's reply is online."""
    _ = translator(review.language)
    link = f"{settings.base_url}/voorziening/{review.facility_id}#waardering-{review.id}"
    _mail(
        settings,
        address,
        _("De voorziening reageerde op je waardering"),
        _(
            "De voorziening schreef een reactie op je waardering. Lees ze hier: %(link)s\n",
            link=link,
        ),
        review.language,
    )


def notify(engine: Engine, settings: Settings, kind: str, subject_id: int) -> bool:
    """Mail the author about the item's current state, and the facility when it goes online."""
    if kind == "reply":
        with Session(engine) as session:
            reply = session.get(Reply, subject_id)
            return reply is not None and notify_reply(session, settings, reply)
    if kind != "review":
        return False
    with Session(engine) as session:
        review = session.get(Review, subject_id)
        if review is None or review.state not in NOTICES:
            return False
        subject, body = NOTICES[review.state]
        if (
            review.state == State.PUBLISHED
            and review.published_at
            and review.published_at > utcnow()
        ):
            subject, body = PUBLISHED_LATER
        _ = translator(review.language)
        reviewer = session.get(Reviewer, review.reviewer_id)
        address = open_email(
            reviewer.email_for_notice if reviewer else None,
            settings.secret_key.get_secret_value().encode(),
        )
        link = f"{settings.base_url}/mijn-waardering/{review.author_token}"
        if address is not None:
            _mail(
                settings,
                address,
                _(subject),
                _(
                    body,
                    link=link,
                    reason=review.return_reason or "-",
                    minutes=settings.undo_minutes,
                    when=local_time(review.published_at) if review.published_at else "",
                )
                + _moderator_note(session, "review", subject_id, review.language),
                review.language,
            )
        if review.state == State.PUBLISHED:
            _tell_facility(session, settings, review)
    return True


def _tell_facility(session: Session, settings: Settings, review: Review) -> None:
    """Facility users hear that a new review of theirs is online, so they can reply.

    In Dutch: an account records no language (Flemish facilities work in Dutch).
    """
    accounts = _facility_accounts(session, review.facility_id)
    link = f"{settings.base_url}/voorziening-account/#review-{review.id}"
    later = review.published_at is not None and review.published_at > utcnow()
    when = local_time(review.published_at) if review.published_at else ""
    for account in accounts:
        if later:  # the right of reply: prepare a reply that appears together with the review
            _mail(
                settings,
                account.email,
                "Een kritische waardering komt binnenkort online",
                f"Op {when} komt een kritische waardering over jullie voorziening online. "
                "Je kan nu al een reactie schrijven; na nalezing verschijnt ze samen met de "
                f"waardering: {link}\n",
            )
        else:
            _mail(
                settings,
                account.email,
                "Nieuwe waardering voor jullie voorziening",
                f"Er staat een nieuwe waardering online: {link}\n\nJe kan er publiek op "
                "reageren via je account.\n",
            )


DELAY = "zr.notify_delay"
DELAY_AFTER_WORKING_DAYS = 3


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days (Monday to Friday) from `start` to `end`: the days after `start`'s
    date, up to and including `end`'s, that are weekdays (0 when `end` is not later)."""
    first, last = start.date() + timedelta(days=1), end.date() + timedelta(days=1)
    if last <= first:
        return 0
    # numpy counts the weekdays of [first, last) without walking the days (the queue asks
    # this of every review it holds).
    return int(np.busday_count(first, last))


def notify_waiting(engine: Engine, settings: Settings) -> int:
    """Tell authors once when their review waits more than three working days."""
    now = utcnow()
    told = 0
    with Session(engine) as session:
        waiting = session.exec(
            select(Review).where(
                col(Review.state).in_([State.AWAITING_MODERATION, State.ESCALATED]),
                col(Review.submitted_at) < now - timedelta(days=DELAY_AFTER_WORKING_DAYS),
            )
        ).all()
        for review in waiting:
            assert review.id is not None
            if review.submitted_at is None:
                continue
            if working_days_between(review.submitted_at, now) <= DELAY_AFTER_WORKING_DAYS:
                continue
            sent_before = session.exec(
                select(Outbox.id).where(
                    Outbox.task == DELAY,
                    Outbox.subject_kind == "review",
                    Outbox.subject_id == review.id,
                )
            ).first()
            if sent_before is not None:
                continue
            reviewer = session.get(Reviewer, review.reviewer_id)
            address = open_email(
                reviewer.email_for_notice if reviewer else None,
                settings.secret_key.get_secret_value().encode(),
            )
            session.add(
                Outbox(task=DELAY, subject_kind="review", subject_id=review.id, sent_at=now)
            )
            session.commit()
            if address:
                link = f"{settings.base_url}/mijn-waardering/{review.author_token}"
                _ = translator(review.language)
                body = _(
                    "Het nalezen van je waardering duurt langer dan gewoonlijk. Sorry daarvoor. "
                    "We doen ons best om ze snel te bekijken.\n\nVolg je waardering: %(link)s\n",
                    link=link,
                )
                send_mail(
                    settings,
                    address,
                    _("Je waardering wacht nog even"),
                    letter(body, review.language),
                )
                told += 1
    return told
