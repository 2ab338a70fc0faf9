"""A family's operations on their review: submit, confirm, withdraw, edit."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import Facility, InvitationCode, Review, ReviewAnswer, Reviewer, State, email_key
from models._base import utcnow
from models.db import table_of
from models.queries import last_review_by
from models.reviewer import open_email, seal_email
from models.settings import Settings
from models.states import EDITABLE, WITHDRAWABLE
from models.themes import N_
from moderation import Policy
from moderation.interval import next_review_allowed
from services.audit_log import move
from services.errors import Conflict, atomic, expect_version
from services.language import known, letter, translator
from services.links import confirm_link, status_link
from services.mailer import send_mail, send_mail_soon
from services.outbox import (
    CONFIRM_MAIL,
    add_owed_task,
    add_to_outbox,
    commit_and_enqueue,
    commit_and_send_early,
    owed,
    settle,
)
from services.platform import Platform

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewReview:
    """What a family typed in the form, already validated."""

    email: str
    form_key: str
    answers: Sequence[tuple[int, int, str]]  # (theme, score, text)
    story: str
    experience: date | None = None
    language: str = "nl"  # of the page the family wrote on; their mails come in it


def confirm_serializer(settings: Settings, salt: str = "confirm") -> URLSafeTimedSerializer:
    """Signs the confirmation link's token."""
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt=salt)


def _seal_key(settings: Settings) -> bytes:
    return settings.secret_key.get_secret_value().encode()


# The submit's statements, built once: SQLAlchemy then keeps their cache keys and compiled
# forms, and they run on the session's connection without the ORM (no unit of work, no
# objects to build). Per post that is a fraction of what building and flushing them cost.
_REVIEWER = table_of(Reviewer)
_REVIEW = table_of(Review)
_REVIEWER_BY_KEY = select(_REVIEWER.c.id).where(_REVIEWER.c.email_hmac == bindparam("key"))
_REVIEW_BY_FORM_KEY = select(_REVIEW.c.id).where(_REVIEW.c.form_key == bindparam("key"))
_NEW_REVIEWER = insert(_REVIEWER).returning(_REVIEWER.c.id)
_RESEAL_REVIEWER = (
    update(_REVIEWER)
    .where(_REVIEWER.c.id == bindparam("reviewer_id"))
    .values(email_for_notice=bindparam("sealed"))
)
_NEW_REVIEW = insert(_REVIEW).returning(_REVIEW.c.id)
_NEW_ANSWERS = insert(table_of(ReviewAnswer))
_FACILITY = table_of(Facility)
# What a confirmation mail needs, in one query (the worker sends one per review posted).
_TO_CONFIRM = (
    select(_REVIEW.c.state, _REVIEW.c.language, _REVIEWER.c.email_for_notice, _FACILITY.c.name)
    .select_from(
        _REVIEW.join(_REVIEWER, _REVIEWER.c.id == _REVIEW.c.reviewer_id).join(
            _FACILITY, _FACILITY.c.id == _REVIEW.c.facility_id
        )
    )
    .where(_REVIEW.c.id == bindparam("review_id"))
)


def find_reviewer(session: Session, settings: Settings, address: str) -> int | None:
    """The id of the reviewer behind an address (looked up by its HMAC, never the address)."""
    key = email_key(address, settings.email_hmac_key.get_secret_value().encode())
    found: int | None = session.connection().scalar(_REVIEWER_BY_KEY, {"key": key})
    return found


def blocking_review(
    session: Session, policy: Policy, reviewer_id: int | None, facility: Facility
) -> Review | None:
    """The earlier review of this person that the re-review interval still protects."""
    if reviewer_id is None or facility.id is None:
        return None
    last = last_review_by(session, reviewer_id, facility.id)
    if last is None or last.submitted_at is None:
        return None
    months = policy.reliability.interval_for(facility.sector)
    if next_review_allowed(last.submitted_at, months) <= utcnow():
        return None
    return last


def mail_update_link(
    settings: Settings, address: str, fac: Facility, review: Review, language: str = "nl"
) -> None:
    """Send the private link of the earlier review to the address that owns it (only there).

    In the language of the page just used: that is the person asking now. From a background
    thread, so that the answer takes as long as for an address new here (whose confirmation
    mail a worker sends).
    """
    _ = translator(language)
    body = _(
        "Je gaf al een waardering voor %(name)s. Die kan je aanpassen via deze link:\n%(link)s\n",
        name=fac.name,
        link=status_link(settings, review.author_token),
    )
    send_mail_soon(settings, address, _("Je vorige waardering aanpassen"), letter(body, language))


def form_key_used(session: Session, key: str) -> bool:
    """Whether a form (identified by its one-time key) already stored its review."""
    return session.connection().scalar(_REVIEW_BY_FORM_KEY, {"key": key}) is not None


def store(
    session: Session,
    platform: Platform,
    fac: Facility,
    typed: NewReview,
    reviewer_id: int | None,
    code: InvitationCode | None = None,
) -> int | None:
    """Write the reviewer (new if None), the review and its confirmation mail, in one commit.

    The mail is an outbox row of that commit, sent by a worker: a broker that is down only
    delays it (the sweeper sends it). The new review's id; None if a concurrent write won
    (the same form twice, or the same new address twice).
    """
    settings = platform.settings
    sealed = seal_email(typed.email, _seal_key(settings))
    conn = session.connection()
    try:  # the same address (or form) may be storing its review at this very moment
        if reviewer_id is None:
            key = email_key(typed.email, settings.email_hmac_key.get_secret_value().encode())
            reviewer_id = conn.execute(
                _NEW_REVIEWER, {"email_hmac": key, "email_for_notice": sealed}
            ).scalar_one()
        else:
            conn.execute(_RESEAL_REVIEWER, {"reviewer_id": reviewer_id, "sealed": sealed})
        review_id: int = conn.execute(
            _NEW_REVIEW,
            {
                "facility_id": fac.id,
                "reviewer_id": reviewer_id,
                "story": typed.story,
                "experience_date": typed.experience,
                "form_key": typed.form_key or secrets.token_hex(16),
                "author_token": secrets.token_urlsafe(24),
                "invitation_code_id": code.id if code else None,
                "language": known(typed.language),
            },
        ).scalar_one()
    except IntegrityError:
        session.rollback()
        return None
    if typed.answers:  # one executemany
        conn.execute(
            _NEW_ANSWERS,
            [
                {"review_id": review_id, "theme": n, "score": score, "text": text}
                for n, score, text in typed.answers
            ],
        )
    _owe_confirmation(session, platform, review_id)
    return review_id


def _owe_confirmation(session: Session, platform: Platform, review_id: int) -> None:
    """Commit with the confirmation mail owed in the outbox; its task is sent at once.

    If it is not done within the grace (the broker down, a worker died), the sweeper sends it.
    """
    grace = platform.settings.confirm_mail_grace_seconds
    owed_task = add_owed_task(session, "review", review_id, task=CONFIRM_MAIL, due_in=grace)
    commit_and_send_early(session, platform.celery, [owed_task])


def mail_confirmation(
    settings: Settings, address: str, facility_name: str, review_id: int, language: str = "nl"
) -> None:
    """Mail the link that confirms the address (a signed token, valid for a week)."""
    token = confirm_serializer(settings).dumps({"r": review_id})
    _ = translator(language)
    body = _(
        "Bedankt voor je waardering van %(name)s.\n\nKlik op deze link om je e-mailadres te "
        "bevestigen. Pas dan lezen we je waardering na:\n%(link)s\n\n"
        "De link werkt %(days)d dagen.\n",
        name=facility_name,
        link=confirm_link(settings, token),
        days=settings.confirm_max_age_days,
    )
    send_mail(settings, address.strip(), _("Bevestig je waardering"), letter(body, language))


def send_owed_confirmation(session: Session, settings: Settings, review_id: int) -> bool:
    """The worker's side: mail the confirmation link if the review still waits for it.

    Then its outbox rows are settled (committed): the sweeper does not send them again, and a
    second task for the same rows (the sweeper's copy of one that was late) mails nothing.
    """
    found = session.connection().execute(_TO_CONFIRM, {"review_id": review_id}).first()
    sent = False
    if (
        found is not None
        and found.state == State.UNCONFIRMED
        and owed(session, CONFIRM_MAIL, "review", review_id)
    ):
        address = open_email(found.email_for_notice, _seal_key(settings))
        if address is not None:
            mail_confirmation(settings, address, found.name, review_id, found.language)
            sent = True
    settle(session, CONFIRM_MAIL, "review", review_id)
    session.commit()
    return sent


def ask_link_again(session: Session, platform: Platform, address: str) -> None:
    """Send the confirmation link of this address's newest unconfirmed review once more.

    Says nothing to the caller: whether the address wrote a review is not for them to know.
    """
    reviewer_id = find_reviewer(session, platform.settings, address)
    if reviewer_id is None:
        return
    review = session.exec(
        select(Review)
        .where(Review.reviewer_id == reviewer_id, Review.state == State.UNCONFIRMED)
        .order_by(col(Review.id).desc())
    ).first()
    if review is None or review.id is None:
        return
    _owe_confirmation(session, platform, review.id)


def _first_to_confirm(session: Session, review: Review) -> bool:
    """Claim the unconfirmed review for this request; False if a concurrent click got it first.

    Two clicks on the link at once both read `unconfirmed`. The conditional write takes the
    row's (PostgreSQL) or the database's (SQLite) write lock, so the second click waits, then
    matches no row: the review is enqueued and its move audited once, not twice.
    """
    claimed = session.execute(
        update(Review)
        .where(col(Review.id) == review.id, col(Review.state) == State.UNCONFIRMED)
        .values(state=State.UNCONFIRMED)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        return True
    session.rollback()
    session.refresh(review)
    return False


def _use_code(session: Session, review: Review) -> None:
    """Mark the review verified if its invitation code is still unused (first come wins)."""
    if review.invitation_code_id is None:
        return
    code = session.get(InvitationCode, review.invitation_code_id)
    if code is not None and code.used_at is None:
        code.used_at = utcnow()
        code.review_id = review.id
        review.verified = True
        session.add(code)


@atomic
def confirm(session: Session, platform: Platform, review: Review) -> bool:
    """The address is confirmed: the review enters moderation (outbox in the same commit)."""
    if review.state != State.UNCONFIRMED or not _first_to_confirm(session, review):
        return False
    review.submitted_at = utcnow()
    _use_code(session, review)
    move(session, "review", review, State.SUBMITTED, "author")
    row = add_to_outbox(session, "review", review.id or 0)
    commit_and_enqueue(session, platform.celery, [row])
    return True


@atomic
def withdraw(session: Session, platform: Platform, review: Review, version: int | None) -> None:
    """The author withdraws the review: it leaves the site and the queue (audit kept)."""
    expect_version(review, version)
    if review.state not in WITHDRAWABLE:
        raise Conflict(N_("Deze waardering kan je niet meer intrekken."))
    review.published_at = None
    move(session, "review", review, State.WITHDRAWN, "author", "withdrawn")
    commit_and_enqueue(session, platform.celery, [])


@atomic
def edit(
    session: Session,
    platform: Platform,
    review: Review,
    version: int | None,
    answers: Sequence[tuple[int, int | None, str]],
    story: str,
) -> None:
    """Replace the texts and scores; the review goes through moderation again."""
    expect_version(review, version)
    if review.state not in EDITABLE:
        raise Conflict(N_("Deze waardering kan je niet meer aanpassen."))
    stored = {
        a.theme: a
        for a in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == review.id))
    }
    for theme, score, text in answers:
        answer = stored.get(theme)
        if score:
            answer = answer or ReviewAnswer(review_id=review.id or 0, theme=theme, score=1)
            answer.score, answer.text, answer.text_redacted = score, text, None
            session.add(answer)
        elif answer is not None:
            session.delete(answer)
    review.story, review.story_redacted = story, None
    review.originals_purged = False  # the new text has its own retention
    review.published_at = None
    review.return_reason = None
    review.submitted_at = utcnow()
    move(session, "review", review, State.SUBMITTED, "author", "edited")
    row = add_to_outbox(session, "review", review.id or 0)
    commit_and_enqueue(session, platform.celery, [row])
