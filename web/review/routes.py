"""The family's side: write a review, confirm the e-mail address, follow the review."""

from __future__ import annotations

import logging
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from itsdangerous import BadSignature, SignatureExpired
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import Facility, InvitationCode, Review, ReviewAnswer
from models.queries import public_facility, theme_questions
from models.states import EDITABLE, WITHDRAWABLE
from moderation.privacy import find_personal_data
from moderation.readability import Hint, writing_hints
from services import reviews
from services.errors import Conflict
from services.platform import Platform
from web import db
from web.api.routes import MAX_HINT_CHARS
from web.codes.routes import normalise_code
from web.extensions import address_key, limiter, submit_limit_per_address, submit_limit_per_ip
from web.i18n import page_language
from web.review.forms import ReviewEditForm, ReviewForm

bp = Blueprint("review", __name__, template_folder="templates")
log = logging.getLogger(__name__)


def _platform() -> Platform:
    return Platform(db.engine(), db.celery(), db.settings())


def _version() -> int | None:
    raw = request.form.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _facility_or_404(facility_id: int) -> Facility:
    fac = public_facility(db.session(), facility_id)
    if fac is None:
        abort(404)
    return fac


def _typed(form: ReviewForm) -> reviews.NewReview:
    experience = None
    if form.experience.data:
        year, month = (int(x) for x in form.experience.data.split("-")[:2])
        experience = date(year, month, 1)
    return reviews.NewReview(
        email=form.email.data or "",
        form_key=form.form_key.data or "",
        answers=[
            (n, int(score.data), text.data or "")
            for n, (score, text) in enumerate(form.score_fields(), start=1)
            if score.data
        ],
        story=form.story.data or "",
        experience=experience,
        language=page_language(),
    )


@bp.route("/voorziening/<int:facility_id>/waardering", methods=["GET", "POST"])
@limiter.limit(submit_limit_per_ip, methods=["POST"])
@limiter.limit(submit_limit_per_address, key_func=address_key, methods=["POST"])
def write(facility_id: int) -> Response | tuple[str, int]:
    """Show the form; on a valid post store the review and send the confirmation link.

    Every valid post answers the same, whoever the address belongs to: that this person
    reviewed the facility before is said only in a mail to that address.
    """
    fac = _facility_or_404(facility_id)
    if not fac.participating:
        return render_template("review/not_participating.html", facility=fac), 403
    session = db.session()
    settings = db.settings()
    form = ReviewForm()
    form.ensure_key()

    def page(status: int) -> tuple[str, int]:
        return render_template(
            "review/write.html",
            facility=fac,
            form=form,
            questions=theme_questions(session, fac.sector),
            hints=_server_hints(form) if request.method == "POST" else [],
        ), status

    if request.method == "GET":
        if request.args.get("code"):
            form.code.data = normalise_code(request.args["code"])
        return page(200)
    if not form.validate_on_submit():
        return page(400)
    typed = _typed(form)
    if reviews.form_key_used(session, typed.form_key):
        return redirect(url_for("review.sent"))  # a double click
    code = _usable_code(form.code.data or "", fac)
    if form.code.data and code is None:
        form.code.errors = [
            gettext("Deze code klopt niet of werd al gebruikt. Kijk ze na, of laat het vakje leeg.")
        ]
        return page(400)
    reviewer_id = reviews.find_reviewer(session, settings, typed.email)
    earlier = reviews.blocking_review(session, db.policy(), reviewer_id, fac)
    if earlier is not None:
        reviews.mail_update_link(settings, typed.email, fac, earlier, typed.language)
        return redirect(url_for("review.sent"))
    # None means a concurrent double submit stored it first.
    review_id = reviews.store(session, _platform(), fac, typed, reviewer_id, code)
    if review_id is None and not reviews.form_key_used(session, typed.form_key):
        # another form from this address made the reviewer first: once more
        reviewer_id = reviews.find_reviewer(session, settings, typed.email)
        review_id = reviews.store(session, _platform(), fac, typed, reviewer_id, code)
        if review_id is None and not reviews.form_key_used(session, typed.form_key):
            abort(503)
    return redirect(url_for("review.sent"))


def _server_hints(form: ReviewForm) -> list[Hint]:
    """The writing hints, for browsers without JavaScript (shown when the form comes back)."""
    text = (
        "\n\n".join(t.data or "" for _, t in form.score_fields()) + "\n\n" + (form.story.data or "")
    )
    # A refused form may be far over the limits: hint on as much as the live hints take.
    text = text[:MAX_HINT_CHARS]
    return writing_hints(text, find_personal_data(text)) if text.strip() else []


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


@bp.get("/waardering/verstuurd")
def sent() -> str:
    """Tell the family to confirm their e-mail address (the same page for every address)."""
    return render_template("review/sent.html")


@bp.post("/waardering/link-opnieuw")
@limiter.limit("5 per hour", methods=["POST"])
def ask_link_again() -> Response:
    """Send the confirmation link again; the answer is the same for every address."""
    address = (request.form.get("email") or "").strip()[:320]
    if "@" in address:
        reviews.ask_link_again(db.session(), _platform(), address)
    flash(
        gettext(
            "Als er voor dit adres een waardering wacht op bevestiging, sturen we de link opnieuw."
        ),
        "ok",
    )
    return redirect(url_for("review.sent"))


@bp.get("/bevestig/<token>")
def confirm(token: str) -> str | tuple[str, int]:
    """Confirm the e-mail address; the review enters moderation (outbox in the same commit)."""
    settings = db.settings()
    try:
        data = reviews.confirm_serializer(settings).loads(
            token, max_age=settings.confirm_max_age_days * 86400
        )
    except SignatureExpired:
        return render_template("review/confirm_failed.html", expired=True), 400
    except BadSignature:
        return render_template("review/confirm_failed.html", expired=False), 400
    session = db.session()
    raw = data.get("r", 0) if isinstance(data, dict) else 0
    review = session.get(Review, raw if isinstance(raw, int) and 0 < raw < 2**31 else 0)
    if review is None:
        abort(404)
    try:
        reviews.confirm(session, _platform(), review)
    except Conflict:
        session.refresh(review)  # a concurrent click confirmed it: show where it stands
    return render_template(
        "review/confirmed.html", review=review, undo_minutes=db.settings().undo_minutes
    )


def _by_token(token: str) -> Review:
    review = db.session().exec(select(Review).where(Review.author_token == token)).first()
    if review is None:
        abort(404)
    return review


@bp.get("/mijn-waardering/<token>")
def status(token: str) -> str:
    """The author's private page: where the review stands, and why if it was returned."""
    review = _by_token(token)
    session = db.session()
    fac = session.get(Facility, review.facility_id)
    assert fac is not None
    titles = {q.number: q.title for q in theme_questions(session, fac.sector)}
    # Only the redacted texts, as they are (or will be) published: originals are for moderators.
    answers = [
        (titles.get(a.theme, str(a.theme)), a.score, a.text_redacted or "")
        for a in session.exec(
            select(ReviewAnswer)
            .where(ReviewAnswer.review_id == review.id)
            .order_by(col(ReviewAnswer.theme))
        )
    ]
    return render_template(
        "review/status.html",
        review=review,
        facility=fac,
        answers=answers,
        editable=review.state in EDITABLE,
        withdrawable=review.state in WITHDRAWABLE,
    )


@bp.post("/mijn-waardering/<token>/intrekken")
def withdraw(token: str) -> Response:
    """The author withdraws the review: it leaves the site and the queue (audit kept)."""
    review = _by_token(token)
    try:
        reviews.withdraw(db.session(), _platform(), review, _version())
    except Conflict as conflict:
        flash(gettext(conflict.message), "error")
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
    form = ReviewEditForm()
    if request.method == "GET":
        answers = {
            a.theme: a
            for a in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == review.id))
        }
        for n, (score, text) in enumerate(form.score_fields(), start=1):
            if n in answers:
                score.data = str(answers[n].score)
                text.data = answers[n].text
        form.story.data = review.story
    if request.method == "POST" and form.validate_on_submit():
        typed = [
            (n, int(score.data) if score.data else None, text.data or "")
            for n, (score, text) in enumerate(form.score_fields(), start=1)
        ]
        try:
            reviews.edit(session, _platform(), review, _version(), typed, form.story.data or "")
        except Conflict as conflict:
            flash(gettext(conflict.message), "error")
            return redirect(url_for("review.status", token=token))
        return redirect(url_for("review.status", token=token, aangepast=1))
    return render_template(
        "review/edit.html",
        facility=fac,
        form=form,
        review=review,
        questions=theme_questions(session, fac.sector),
    ), 400 if request.method == "POST" else 200  # a refused edit is a 400, like a new review
