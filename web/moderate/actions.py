"""The redactie's POST actions: parse the form, call one operation, redirect."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask import session as flask_session
from werkzeug.wrappers import Response

from models import DECISIONS, Review, State
from models.queries import queue as load_queue
from models.queries import reported_reviews
from services import decisions
from services.composition import compose
from services.errors import Conflict
from services.subjects import load_subject, subject_parts
from web import db
from web.moderate.access import is_senior, load_item, me, moderator, platform, workable
from web.moderate.claims import holders, release
from web.moderate.reasons import REASONS
from web.moderate.routes import bp
from web.security import STAFF, roles_required
from web.text_input import clean_text


def _note() -> str:
    """The note that was typed, without control characters, at most 2000 characters."""
    return clean_text(request.form.get("note"))[:2000]


def _version() -> int | None:
    """The item's version the page showed (None when the form sent none)."""
    raw = request.form.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _item_url(kind: str, subject_id: int) -> str:
    return url_for("moderate.item", kind=kind, subject_id=subject_id)


@bp.post("/<any(review, reply):kind>/<int:subject_id>/notitie")
@roles_required(*STAFF)
def add_note(kind: str, subject_id: int) -> Response:
    """Add a private note for other moderators."""
    load_item(kind, subject_id)
    if note := _note():
        decisions.add_private_note(db.session(), moderator(), kind, subject_id, note)
    return redirect(_item_url(kind, subject_id))


@bp.post("/reviewer/<int:reviewer_id>/notitie")
@roles_required(*STAFF)
def add_reviewer_note(reviewer_id: int) -> Response:
    """A private note about a reviewer (kept as an audit event), shown with their reviews."""
    back = request.form.get("back", "")
    if note := _note():
        decisions.add_private_note(db.session(), moderator(), "reviewer", reviewer_id, note)
    target = back if back.startswith("/redactie/") else url_for("moderate.queue")
    return redirect(target)


@bp.post("/<any(review, reply):kind>/<int:subject_id>/redactie")
@roles_required(*STAFF)
def add_redaction(kind: str, subject_id: int) -> Response:
    """Add a redaction the checks missed: the moderator selected the text on screen."""
    from moderation import PLACEHOLDERS

    session = db.session()
    subject = load_item(kind, subject_id)
    text, _ = compose(subject_parts(session, kind, subject))
    start = request.form.get("start", type=int)
    end = request.form.get("end", type=int)
    label = request.form.get("label", "PERSON")
    if (
        start is None
        or end is None
        or not decisions.add_redaction(session, kind, subject, start, end, label, len(text))
    ):
        flash("Deze selectie kon niet weggelakt worden.", "error")
    else:
        flash(f"„{text[start:end]}” wordt vervangen door {PLACEHOLDERS[label]}.", "ok")
    return redirect(_item_url(kind, subject_id))


@bp.post("/review/<int:subject_id>/melding")
@roles_required(*STAFF)
def handle_report(subject_id: int) -> Response:
    """Handle a facility's report on a published review: keep it online, or remove it."""
    session = db.session()
    review = session.get(Review, subject_id)
    if review is None or subject_id not in {r.review_id for r in reported_reviews(session)}:
        abort(404)
    action = request.form.get("action")
    if action not in ("keep", "remove"):
        abort(400)
    try:
        decisions.handle_report(
            session, platform(), moderator(), review, action == "remove", _note() or None
        )
    except Conflict as conflict:
        flash(conflict.message, "error")
    else:
        flash("Melding afgehandeld.", "ok")
    return redirect(url_for("moderate.queue"))


def bulk_candidates() -> list[object]:
    """Items without any signal (not even privacy) that nobody else has open."""
    queued = load_queue(db.session(), include_escalated=False, limit=100)
    held = holders([(i.kind, i.id) for i in queued])
    return [
        i
        for i in queued
        if held.get((i.kind, i.id), me()) == me()
        and i.state == State.AWAITING_MODERATION
        and not set(i.flags)
        and i.route == "publish"
    ]


@bp.post("/<any(review, reply):kind>/<int:subject_id>/beslissing")
@roles_required(*STAFF)
def decide(kind: str, subject_id: int) -> Response:
    """Publish, return, reject or escalate; redaction toggles apply before publishing."""
    session = db.session()
    subject = load_item(kind, subject_id)
    decision = DECISIONS.get(request.form.get("action", ""))
    if decision is None:
        abort(400)
    if decision.code == "escalate" and subject.state == State.ESCALATED:
        abort(400)
    if subject.state == State.ESCALATED and not is_senior():
        abort(403)
    reasons = REASONS.get(decision.reasons or "", {})
    reason = request.form.get("reason", "") if reasons else ""  # only listed codes are stored
    if reasons and reason not in reasons and subject.state in decision.from_states:
        flash("Kies een reden uit de gedragscode.", "error")
        return redirect(_item_url(kind, subject_id))
    try:
        decisions.decide(
            session,
            platform(),
            moderator(),
            kind,
            subject,
            decision,
            version=_version(),
            reason_code=reason or None,
            reason_text=reasons.get(reason),
            note=_note() or None,
            keep_redactions=set(request.form.getlist("redact")),
        )
    except Conflict as conflict:
        flash(conflict.message, "error")
        if conflict.message == decisions.ALREADY_DECIDED:
            return redirect(url_for("moderate.queue"))
        return redirect(_item_url(kind, subject_id))
    flask_session["last_decision"] = [kind, subject_id, subject.version]
    release(kind, subject_id)
    flash("Beslissing bewaard.", "ok")
    nxt = workable(session)
    if nxt:
        return redirect(_item_url(nxt[0].kind, nxt[0].id))
    return redirect(url_for("moderate.queue"))


@bp.post("/<any(review, reply):kind>/<int:subject_id>/ongedaan")
@roles_required(*STAFF)
def undo(kind: str, subject_id: int) -> Response:
    """Undo one's own decision within the undo window: a new audit event, nothing deleted."""
    session = db.session()
    subject = load_subject(session, kind, subject_id)
    if subject is None:
        abort(404)
    try:
        decisions.undo(session, platform(), moderator(), kind, subject, _version())
    except Conflict as conflict:
        flash(conflict.message, "error")
        return redirect(url_for("moderate.queue"))
    flask_session.pop("last_decision", None)
    flash("Beslissing ongedaan gemaakt.", "ok")
    return redirect(_item_url(kind, subject_id))
