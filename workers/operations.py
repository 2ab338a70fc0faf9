"""Work that the web and the beat share: enqueue from the outbox, sweep, purge, notify."""

from __future__ import annotations

import html
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Outbox, Reply, Review, Reviewer, State
from models._base import utcnow
from models.reviewer import open_email
from models.settings import Settings
from workers.mailer import send_mail

log = logging.getLogger(__name__)

MODERATE = "zr.moderate_submission"
NOTIFY = "zr.notify"


def add_to_outbox(session: Session, kind: str, subject_id: int, task: str = MODERATE) -> Outbox:
    """Add an outbox row in the caller's transaction."""
    row = Outbox(task=task, subject_kind=kind, subject_id=subject_id)
    session.add(row)
    return row


def publish_outbox(
    engine: Engine,
    celery: Any,
    only: list[int] | None = None,
    subject: tuple[str, int] | None = None,
    countdown: int = 0,
) -> int:
    """Send unsent outbox rows (all, `only` these ids, or one subject's) to the broker.

    Rows stay unsent if the broker is down; the sweeper sends them later.
    """
    sent = 0
    with Session(engine, expire_on_commit=False) as session:
        query = select(Outbox).where(col(Outbox.sent_at).is_(None))
        if only is not None:
            query = query.where(col(Outbox.id).in_(only))
        if subject is not None:
            query = query.where(Outbox.subject_kind == subject[0], Outbox.subject_id == subject[1])
        for row in session.exec(query.order_by(col(Outbox.id))).all():
            row.attempts += 1
            try:
                celery.send_task(
                    row.task, args=[row.subject_kind, row.subject_id], countdown=countdown or None
                )
            except Exception as exc:  # the broker is down: keep the row for the sweeper
                log.warning(
                    "outbox %s not sent (%s); the sweeper retries", row.id, type(exc).__name__
                )
                session.add(row)
                session.commit()
                break
            row.sent_at = utcnow()
            session.add(row)
            session.commit()
            sent += 1
    return sent


def sweep(engine: Engine, celery: Any, stuck_after_minutes: int) -> int:
    """Re-enqueue submissions stuck in submitted/checking and publish unsent outbox rows."""
    limit = utcnow() - timedelta(minutes=stuck_after_minutes)
    with Session(engine) as session:
        for model, kind in ((Review, "review"), (Reply, "reply")):
            stuck = session.exec(
                select(model.id).where(  # type: ignore[attr-defined]
                    col(model.state).in_([State.SUBMITTED, State.CHECKING]),
                    col(model.state_changed_at) < limit,
                )
            ).all()
            for subject_id in stuck:
                pending = session.exec(
                    select(Outbox.id).where(
                        Outbox.subject_kind == kind,
                        Outbox.subject_id == subject_id,
                        col(Outbox.sent_at).is_(None),
                    )
                ).first()
                if pending is None:
                    add_to_outbox(session, kind, subject_id)
        session.commit()
    return publish_outbox(engine, celery)


def purge_originals(engine: Engine, retention_days: int) -> int:
    """Replace originals by their redacted text and drop e-mail addresses after retention."""
    limit = utcnow() - timedelta(days=retention_days)
    final = [State.PUBLISHED, State.REJECTED, State.WITHDRAWN, State.REMOVED]
    purged = 0
    with Session(engine) as session:
        from models import ReviewAnswer

        reviews = session.exec(
            select(Review).where(
                col(Review.state).in_(final),
                col(Review.decided_at) < limit,
                col(Review.originals_purged).is_(False),
            )
        ).all()
        for review in reviews:
            review.story = review.story_redacted or ""
            for answer in session.exec(
                select(ReviewAnswer).where(ReviewAnswer.review_id == review.id)
            ):
                answer.text = answer.text_redacted or ""
                session.add(answer)
            review.originals_purged = True
            session.add(review)
            reviewer = session.get(Reviewer, review.reviewer_id)
            if reviewer is not None:
                reviewer.email_for_notice = None
                session.add(reviewer)
            purged += 1
        replies = session.exec(
            select(Reply).where(
                col(Reply.state).in_(final),
                col(Reply.decided_at) < limit,
                col(Reply.originals_purged).is_(False),
            )
        ).all()
        for reply in replies:
            reply.text = reply.text_redacted or ""
            reply.originals_purged = True
            session.add(reply)
            purged += 1
        session.commit()
    return purged


NOTICES = {
    "published": (
        "Je waardering staat online",
        "Goed nieuws: je waardering is nagelezen en staat nu online.\n\nBekijk ze hier: {link}\n",
    ),
    "returned": (
        "Je waardering kan nog niet online",
        "We hebben je waardering nagelezen. Ze kan nog niet online, om deze reden:\n\n"
        "{reason}\n\nJe kan ze aanpassen en opnieuw insturen via deze link: {link}\n",
    ),
    "rejected": (
        "Je waardering wordt niet gepubliceerd",
        "We hebben je waardering nagelezen. Ze past niet binnen onze gedragscode en wordt niet "
        "gepubliceerd.\n\nReden: {reason}\n\nMeer uitleg: {link}\n",
    ),
    "escalated": (
        "We bekijken je waardering met extra zorg",
        "Je beschrijft een situatie die ernstig kan zijn. Een ervaren medewerker bekijkt je "
        "waardering.\n\nIs iemand in gevaar? Bel 1712 (gratis, anoniem) of meld het bij "
        "Zorginspectie. Bij direct gevaar: bel 112.\n\nVolg je waardering: {link}\n",
    ),
}


def as_html(text: str) -> str:
    """The plain-text mail as simple, accessible HTML (one paragraph per block)."""
    blocks = [html.escape(b).replace("\n", "<br>") for b in text.split("\n\n") if b.strip()]
    return '<html lang="nl"><body>' + "".join(f"<p>{b}</p>" for b in blocks) + "</body></html>"


def _mail(settings: Settings, to: str, subject: str, body: str) -> None:
    text = f"Dag,\n\n{body}\nMet vriendelijke groeten,\nDe redactie\n"
    send_mail(settings, to, subject, text, as_html(text))


def notify(engine: Engine, settings: Settings, kind: str, subject_id: int) -> bool:
    """Mail the author about the review's current state, and its facility when it goes online."""
    if kind != "review":
        return False
    with Session(engine) as session:
        review = session.get(Review, subject_id)
        if review is None or review.state not in NOTICES:
            return False
        subject, body = NOTICES[review.state]
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
                subject,
                body.format(link=link, reason=review.return_reason or "-"),
            )
        if review.state == State.PUBLISHED:
            _tell_facility(session, settings, review)
    return True


def _tell_facility(session: Session, settings: Settings, review: Review) -> None:
    """Facility users hear that a new review of theirs is online, so they can reply."""
    from models import Account, AccountFacility

    accounts = session.exec(
        select(Account)
        .join(AccountFacility, col(AccountFacility.account_id) == Account.id)
        .where(AccountFacility.facility_id == review.facility_id, col(Account.active).is_(True))
    ).all()
    link = f"{settings.base_url}/voorziening-account/#review-{review.id}"
    later = review.published_at is not None and review.published_at > utcnow()
    when = review.published_at.strftime("%d/%m/%Y %H:%M") if review.published_at else ""
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
    """Whole working days (Monday to Friday) from `start` to `end`."""
    days = 0
    day = start.date()
    while day < end.date():
        day += timedelta(days=1)
        if day.weekday() < 5:
            days += 1
    return days


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
                send_mail(
                    settings,
                    address,
                    "Je waardering wacht nog even",
                    "Dag,\n\nHet nalezen van je waardering duurt langer dan gewoonlijk. "
                    "Sorry daarvoor. We doen ons best om ze snel te bekijken.\n\n"
                    f"Volg je waardering: {link}\n\nMet vriendelijke groeten,\nDe redactie\n",
                )
                told += 1
    return told
