"""The facility's side: its published reviews, and replying to them."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import AccountFacility, Facility, Reply, Review, Role, State
from models._base import utcnow
from models.queries import answers_by_review, scores_over_time, theme_questions
from services import replies
from services.errors import Conflict
from services.platform import Platform
from web import db
from web.i18n import page_language
from web.security import roles_required
from web.text_input import clean_text

bp = Blueprint("facility", __name__, url_prefix="/voorziening-account", template_folder="templates")

MAX_REPLY_CHARS = 3000


def _my_facility_ids() -> list[int]:
    rows = (
        db.session()
        .exec(
            select(AccountFacility.facility_id).where(
                AccountFacility.account_id == int(current_user.id)
            )
        )
        .all()
    )
    return list(rows)


@bp.get("/")
@roles_required(Role.FACILITY)
def dashboard() -> str:
    """Published reviews of the account's facilities, with their replies."""
    session = db.session()
    ids = _my_facility_ids()
    facilities = {f.id: f for f in session.exec(select(Facility).where(col(Facility.id).in_(ids)))}
    reviews = list(
        session.exec(
            select(Review)
            .where(col(Review.facility_id).in_(ids), Review.state == State.PUBLISHED)
            .order_by(col(Review.published_at).desc())
            .limit(100)
        )
    )
    review_ids = [r.id for r in reviews if r.id is not None]
    replies: dict[int, list[Reply]] = {}
    if review_ids:
        for reply in session.exec(select(Reply).where(col(Reply.review_id).in_(review_ids))):
            replies.setdefault(reply.review_id, []).append(reply)
    titles = {}
    for fac in facilities.values():
        titles[fac.id] = {q.number: q.title for q in theme_questions(session, fac.sector)}
    return render_template(
        "facility/dashboard.html",
        facilities=facilities,
        reviews=reviews,
        answers=answers_by_review(session, review_ids),
        replies=replies,
        titles=titles,
        form_key=secrets.token_hex(16),
        max_chars=MAX_REPLY_CHARS,
        report_reasons=REPORT_REASONS,
        now=utcnow(),
        trends={fid: scores_over_time(session, fid) for fid in facilities if fid is not None},
    )


@bp.post("/waardering/<int:review_id>/reactie")
@roles_required(Role.FACILITY)
def reply(review_id: int) -> Response | tuple[str, int]:
    """Store a reply and its outbox row in one transaction; it is moderated like a review."""
    session = db.session()
    review = session.get(Review, review_id)
    if review is None or review.state != State.PUBLISHED:
        abort(404)
    if review.facility_id not in _my_facility_ids():
        abort(403)
    text = clean_text(request.form.get("text"))
    form_key = (request.form.get("form_key") or "")[:64] or secrets.token_hex(16)
    if not text:
        flash("Je reactie is leeg. Schrijf eerst een tekst.", "error")
        return redirect(url_for("facility.dashboard", concept=review_id))
    if len(text) > MAX_REPLY_CHARS:
        flash(f"Je reactie is te lang. Houd het onder {MAX_REPLY_CHARS} tekens.", "error")
        return redirect(url_for("facility.dashboard"))
    try:
        replies.submit_reply(
            session,
            Platform(db.engine(), db.celery(), db.settings()),
            review,
            int(current_user.id),
            text,
            form_key,
            page_language(),
        )
    except Conflict as conflict:
        flash(conflict.message, "error")
        return redirect(url_for("facility.dashboard"))
    flash("Bedankt. Je reactie wordt nagelezen en verschijnt daarna onder de waardering.", "ok")
    return redirect(url_for("facility.dashboard"))


REPORT_REASONS = {
    "onwaar": "Bevat feiten die niet kloppen",
    "persoonsgegevens": "Noemt personeel of andere gezinnen",
    "geen_klant": "Schrijver was geen gebruiker van onze voorziening",
    "kwetsend": "Kwetsend of bedreigend",
}


@bp.post("/waardering/<int:review_id>/melden")
@roles_required(Role.FACILITY)
def report(review_id: int) -> Response:
    """Report a published review of one's own facility to the moderators."""
    session = db.session()
    review = session.get(Review, review_id)
    if review is None or review.state != State.PUBLISHED:
        abort(404)
    if review.facility_id not in _my_facility_ids():
        abort(403)
    reason = request.form.get("reason", "")
    if reason not in REPORT_REASONS:
        flash("Kies een reden voor je melding.", "error")
        return redirect(url_for("facility.dashboard"))
    replies.report_review(session, review, int(current_user.id), REPORT_REASONS[reason])
    flash("Bedankt. De redactie bekijkt je melding.", "ok")
    return redirect(url_for("facility.dashboard"))
