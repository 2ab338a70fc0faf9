"""The family's side: write a review, confirm the e-mail address, follow the review."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import Facility, InvitationCode, Review, ReviewAnswer, Reviewer, State, email_key
from models._base import utcnow
from models.queries import add_months, last_review_by, theme_questions
from models.reviewer import seal_email
from moderation import Policy
from moderation.privacy import find_personal_data
from moderation.readability import Hint, writing_hints
from web import db
from web.api.routes import MAX_HINT_CHARS
from web.codes.routes import normalise_code
from web.extensions import address_key, limiter, submit_limit_per_address, submit_limit_per_ip
from web.review.forms import ReviewEditForm, ReviewForm
from workers.audit_log import move
from workers.mailer import send_mail
from workers.operations import add_to_outbox, publish_outbox

bp = Blueprint("review", __name__, template_folder="templates")
log = logging.getLogger(__name__)


def _serializer(salt: str = "confirm") -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(db.settings().secret_key.get_secret_value(), salt=salt)


REVIEWER_COOKIE = "zr_reviewer"
REVIEWER_COOKIE_DAYS = 730


@dataclass
class IntervalNotice:
    """An earlier review of this facility by the same person, within the re-review interval."""

    review: Review
    given_on: datetime
    next_on: datetime


def _interval_notice(reviewer_id: int | None, fac: Facility) -> IntervalNotice | None:
    """The earlier review that blocks a new one, if any."""
    if reviewer_id is None or fac.id is None:
        return None
    last = last_review_by(db.session(), reviewer_id, fac.id)
    if last is None or last.submitted_at is None:
        return None
    next_on = add_months(last.submitted_at, Policy().reliability.interval_for(fac.sector))
    if next_on <= utcnow():
        return None
    return IntervalNotice(last, last.submitted_at, next_on)


def _cookie_reviewer() -> int | None:
    """The reviewer this browser confirmed an address for (a signed cookie), if any."""
    raw = request.cookies.get(REVIEWER_COOKIE)
    if not raw:
        return None
    try:
        value = _serializer("reviewer").loads(raw, max_age=REVIEWER_COOKIE_DAYS * 86400)
    except BadSignature:
        return None
    return int(value) if isinstance(value, int) else None


def _seal_key() -> bytes:
    return db.settings().secret_key.get_secret_value().encode()


def _facility_or_404(facility_id: int) -> Facility:
    fac = db.session().get(Facility, facility_id)
    if fac is None:
        abort(404)
    return fac


@bp.route("/voorziening/<int:facility_id>/waardering", methods=["GET", "POST"])
@limiter.limit(submit_limit_per_ip, methods=["POST"])
@limiter.limit(submit_limit_per_address, key_func=address_key, methods=["POST"])
def write(facility_id: int) -> Response | tuple[str, int]:
    """Show the form; on a valid post store the review and send the confirmation link."""
    fac = _facility_or_404(facility_id)
    if not fac.participating:
        return render_template("review/not_participating.html", facility=fac), 403
    session = db.session()
    form = ReviewForm()
    form.ensure_key()
    notice = _interval_notice(_cookie_reviewer(), fac)

    def page(status: int, mailed: bool = False) -> tuple[str, int]:
        return render_template(
            "review/write.html",
            facility=fac,
            form=form,
            questions=theme_questions(session, fac.sector),
            notice=notice,
            notice_mailed=mailed,
            hints=_server_hints(form) if request.method == "POST" else [],
        ), status

    if request.method == "GET":
        if request.args.get("code"):
            form.code.data = normalise_code(request.args["code"])
        return page(200)
    if not form.validate_on_submit():
        return page(400)
    if (existing := _by_form_key(form.form_key.data)) is not None:
        return redirect(url_for("review.sent", token=existing.author_token))  # a double click
    code = _usable_code(form.code.data or "", fac)
    if form.code.data and code is None:
        form.code.errors = [
            "Deze code klopt niet of werd al gebruikt. Kijk ze na, of laat het vakje leeg."
        ]
        return page(400)
    reviewer = _reviewer_for(form.email.data or "")
    notice = _interval_notice(reviewer.id if reviewer else None, fac)
    if notice is not None:
        _mail_update_link(form.email.data or "", fac, notice.review)
        return page(409, mailed=True)
    # None means a concurrent double submit stored it first: show that one.
    review = _store(form, fac, reviewer, code) or _by_form_key(form.form_key.data)
    if review is None:  # another form from this address made the reviewer first: once more
        reviewer = _reviewer_for(form.email.data or "")
        review = _store(form, fac, reviewer, code) or _by_form_key(form.form_key.data)
    if review is None:
        abort(503)
    return redirect(url_for("review.sent", token=review.author_token))


def _server_hints(form: ReviewForm) -> list[Hint]:
    """The writing hints, for browsers without JavaScript (shown when the form comes back)."""
    text = (
        "\n\n".join(t.data or "" for _, t in form.score_fields()) + "\n\n" + (form.story.data or "")
    )
    # A refused form may be far over the limits: hint on as much as the live hints take.
    text = text[:MAX_HINT_CHARS]
    return writing_hints(text, find_personal_data(text)) if text.strip() else []


def _by_form_key(key: str | None) -> Review | None:
    return db.session().exec(select(Review).where(Review.form_key == (key or ""))).first()


def _reviewer_for(address: str) -> Reviewer | None:
    key = email_key(address, db.settings().email_hmac_key.get_secret_value().encode())
    return db.session().exec(select(Reviewer).where(Reviewer.email_hmac == key)).first()


def _mail_update_link(address: str, fac: Facility, review: Review) -> None:
    """Send the private link of the earlier review to the address that owns it."""
    link = url_for("review.status", token=review.author_token, _external=True)
    send_mail(
        db.settings(),
        address,
        "Je vorige waardering aanpassen",
        f"Dag,\n\nJe gaf al een waardering voor {fac.name}. Die kan je aanpassen via deze "
        f"link:\n{link}\n\nMet vriendelijke groeten,\nDe redactie\n",
    )


def _usable_code(value: str, fac: Facility) -> InvitationCode | None:
    """The facility's unused invitation code matching what was typed, if any."""
    typed = normalise_code(value)
    if not typed:
        return None
    return (
        db.session()
        .exec(
            select(InvitationCode).where(
                InvitationCode.code == typed,
                InvitationCode.facility_id == fac.id,
                col(InvitationCode.used_at).is_(None),
            )
        )
        .first()
    )


def _store(
    form: ReviewForm, fac: Facility, reviewer: Reviewer | None, code: InvitationCode | None = None
) -> Review | None:
    """Write the reviewer (new if None) and the review; None if a concurrent write won."""
    settings = db.settings()
    session = db.session()
    if reviewer is None:
        key = email_key(form.email.data or "", settings.email_hmac_key.get_secret_value().encode())
        reviewer = Reviewer(email_hmac=key)
    reviewer.email_for_notice = seal_email(form.email.data or "", _seal_key())
    session.add(reviewer)
    try:  # the same address may be storing its first review at this very moment
        session.flush()
    except IntegrityError:
        session.rollback()
        return None
    experience = None
    if form.experience.data:
        year, month = (int(x) for x in form.experience.data.split("-")[:2])
        experience = date(year, month, 1)
    assert reviewer.id is not None
    assert fac.id is not None
    review = Review(
        facility_id=fac.id,
        reviewer_id=reviewer.id,
        story=form.story.data or "",
        experience_date=experience,
        form_key=form.form_key.data or secrets.token_hex(16),
        author_token=secrets.token_urlsafe(24),
        invitation_code_id=code.id if code else None,
    )
    session.add(review)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return None
    assert review.id is not None
    answers = [
        {"review_id": review.id, "theme": n, "score": int(score.data), "text": text.data or ""}
        for n, (score, text) in enumerate(form.score_fields(), start=1)
        if score.data
    ]
    if answers:  # one multi-row INSERT: this is the busiest write of the platform
        session.execute(insert(ReviewAnswer), answers)
    session.commit()
    link = url_for("review.confirm", token=_serializer().dumps({"r": review.id}), _external=True)
    send_mail(
        settings,
        (form.email.data or "").strip(),
        "Bevestig je waardering",
        "Dag,\n\nBedankt voor je waardering van "
        f"{fac.name}.\n\nKlik op deze link om je e-mailadres te bevestigen. Pas dan lezen we "
        f"je waardering na:\n{link}\n\nDe link werkt 7 dagen.\n\nMet vriendelijke groeten,\n"
        "De redactie\n",
    )
    return review


@bp.get("/waardering/verstuurd/<token>")
def sent(token: str) -> str:
    """Tell the family to confirm their e-mail address."""
    review = _by_token(token)
    return render_template("review/sent.html", review=review)


@bp.get("/bevestig/<token>")
def confirm(token: str) -> str | tuple[str, int]:
    """Confirm the e-mail address; the review enters moderation (outbox in the same commit)."""
    settings = db.settings()
    try:
        data = _serializer().loads(token, max_age=settings.confirm_max_age_days * 86400)
    except SignatureExpired:
        return render_template("review/confirm_failed.html", expired=True), 400
    except BadSignature:
        return render_template("review/confirm_failed.html", expired=False), 400
    session = db.session()
    review = session.get(Review, int(data.get("r", 0)))
    if review is None:
        abort(404)
    if review.state == State.UNCONFIRMED and _first_to_confirm(review):
        review.submitted_at = utcnow()
        _use_code(review)
        move(session, "review", review, State.SUBMITTED, "author")
        assert review.id is not None
        row = add_to_outbox(session, "review", review.id)
        session.commit()
        assert row.id is not None
        publish_outbox(db.engine(), db.celery(), only=[row.id])
    response = make_response(render_template("review/confirmed.html", review=review))
    response.set_cookie(
        REVIEWER_COOKIE,
        _serializer("reviewer").dumps(review.reviewer_id),
        max_age=REVIEWER_COOKIE_DAYS * 86400,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="Lax",
    )
    return response  # type: ignore[return-value]


def _first_to_confirm(review: Review) -> bool:
    """Claim the unconfirmed review for this request; False if a concurrent click got it first.

    Two clicks on the link at once both read `unconfirmed`. The conditional write takes the
    row's (PostgreSQL) or the database's (SQLite) write lock, so the second click waits, then
    matches no row: the review is enqueued and its move audited once, not twice.
    """
    session = db.session()
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


def _use_code(review: Review) -> None:
    """Mark the review verified if its invitation code is still unused (first come wins)."""
    if review.invitation_code_id is None:
        return
    code = db.session().get(InvitationCode, review.invitation_code_id)
    if code is not None and code.used_at is None:
        code.used_at = utcnow()
        code.review_id = review.id
        review.verified = True
        db.session().add(code)


def _by_token(token: str) -> Review:
    review = db.session().exec(select(Review).where(Review.author_token == token)).first()
    if review is None:
        abort(404)
    return review


@bp.get("/mijn-waardering/<token>")
def status(token: str) -> str:
    """The author's private page: where the review stands, and why if it was returned."""
    review = _by_token(token)
    fac = db.session().get(Facility, review.facility_id)
    return render_template(
        "review/status.html",
        review=review,
        facility=fac,
        editable=review.state in EDITABLE,
        withdrawable=review.state in WITHDRAWABLE,
    )


EDITABLE = (State.RETURNED, State.AWAITING_MODERATION, State.PUBLISHED, State.SUBMITTED)
WITHDRAWABLE = (State.PUBLISHED, State.AWAITING_MODERATION, State.RETURNED, State.SUBMITTED)


@bp.post("/mijn-waardering/<token>/intrekken")
def withdraw(token: str) -> Response:
    """The author withdraws the review: it leaves the site and the queue (audit kept)."""
    session = db.session()
    review = _by_token(token)
    if review.state in WITHDRAWABLE:
        review.published_at = None
        move(session, "review", review, State.WITHDRAWN, "author", "withdrawn")
        session.commit()
    return redirect(url_for("review.status", token=token))


@bp.route("/mijn-waardering/<token>/aanpassen", methods=["GET", "POST"])
def edit(token: str) -> tuple[str, int] | Response:
    """Edit a review through the private link; it goes through moderation again."""
    session = db.session()
    review = _by_token(token)
    if review.state not in EDITABLE:
        abort(404)
    fac = session.get(Facility, review.facility_id)
    assert fac is not None
    answers = {
        a.theme: a
        for a in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == review.id))
    }
    form = ReviewEditForm()
    if request.method == "GET":
        for n, (score, text) in enumerate(form.score_fields(), start=1):
            if n in answers:
                score.data = str(answers[n].score)
                text.data = answers[n].text
        form.story.data = review.story
    if request.method == "POST" and form.validate_on_submit():
        for n, (score, text) in enumerate(form.score_fields(), start=1):
            answer = answers.get(n)
            if score.data:
                answer = answer or ReviewAnswer(review_id=review.id or 0, theme=n, score=1)
                answer.score, answer.text, answer.text_redacted = (
                    int(score.data),
                    text.data or "",
                    None,
                )
                session.add(answer)
            elif answer is not None:
                session.delete(answer)
        review.story, review.story_redacted = form.story.data or "", None
        review.published_at = None
        review.return_reason = None
        review.submitted_at = utcnow()
        move(session, "review", review, State.SUBMITTED, "author", "edited")
        assert review.id is not None
        row = add_to_outbox(session, "review", review.id)
        session.commit()
        assert row.id is not None
        publish_outbox(db.engine(), db.celery(), only=[row.id])
        return redirect(url_for("review.status", token=token, aangepast=1))
    return render_template(
        "review/edit.html",
        facility=fac,
        form=form,
        review=review,
        questions=theme_questions(session, fac.sector),
    ), 400 if request.method == "POST" else 200  # a refused edit is a 400, like a new review
