"""The redactie: the queue, one submission with its findings, and the decision."""

from __future__ import annotations

import json
from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import DECISIONS, AuditEvent, Facility, FindingRow, Reply, Review, Role, State
from models._base import utcnow
from models.queries import queue as load_queue
from models.queries import queue_flag_counts, queue_size
from models.themes import SCORE_WORDS
from moderation.readability import describe_metrics
from web import db
from web.moderate.highlight import highlight
from web.moderate.reasons import ESCALATE_REASONS, REJECT_REASONS, RETURN_REASONS
from web.security import STAFF, roles_required
from workers.audit_log import move
from workers.composition import compose
from workers.moderation_job import apply_redactions, enabled_findings
from workers.operations import add_to_outbox, publish_outbox
from workers.subjects import latest_report, load_subject, subject_parts

bp = Blueprint("moderate", __name__, url_prefix="/redactie", template_folder="templates")

SENIOR = (Role.SENIOR, Role.ADMIN)
REASONS = {"return": RETURN_REASONS, "reject": REJECT_REASONS, "escalate": ESCALATE_REASONS}


def _is_senior() -> bool:
    return current_user.role in SENIOR


@bp.get("/")
@roles_required(*STAFF)
def queue() -> str:
    """Items awaiting a decision: escalations first (seniors only), then oldest first."""
    session = db.session()
    senior = _is_senior()
    return render_template(
        "moderate/queue.html",
        items=load_queue(session, include_escalated=senior),
        counts=queue_flag_counts(session, include_escalated=senior),
        total=queue_size(session, include_escalated=senior),
        now=utcnow(),
    )


def _load(kind: str, subject_id: int) -> Review | Reply:
    subject = load_subject(db.session(), kind, subject_id)
    if subject is None:
        abort(404)
    report = latest_report(db.session(), kind, subject_id)
    escalated = subject.state == State.ESCALATED or (
        report is not None and report.route == "escalate"
    )
    if escalated and not _is_senior():
        abort(403)
    return subject


@bp.get("/dashboard")
@roles_required(*STAFF)
def dashboard() -> str:
    """Queue size and age, turnaround, decisions per reason, flags per week, sector shares."""
    from web.moderate.dashboard import figures

    return render_template("moderate/dashboard.html", f=figures(db.session()))


@bp.get("/<any(review, reply):kind>/<int:subject_id>")
@roles_required(*STAFF)
def item(kind: str, subject_id: int) -> str:
    """One submission: highlighted findings, reasons, theme answers and the decision form."""
    session = db.session()
    subject = _load(kind, subject_id)
    report = latest_report(session, kind, subject_id)
    findings = (
        list(
            session.exec(
                select(FindingRow)
                .where(FindingRow.report_id == report.id)
                .order_by(col(FindingRow.start))
            )
        )
        if report
        else []
    )
    text, spans = compose(subject_parts(session, kind, subject))
    facility = session.get(Facility, subject.facility_id)
    answers = []
    if isinstance(subject, Review):
        from models.queries import answers_by_review, theme_questions

        titles = {q.number: q.title for q in theme_questions(session, facility.sector)}  # type: ignore[union-attr]
        answers = [
            (titles.get(a.theme, a.theme), a.score, SCORE_WORDS[a.score])
            for a in answers_by_review(session, [subject_id])[subject_id]
        ]
    order = [(i.kind, i.id) for i in load_queue(session, include_escalated=_is_senior())]
    here = order.index((kind, subject_id)) if (kind, subject_id) in order else -1
    nxt = (
        order[here + 1]
        if 0 <= here < len(order) - 1
        else (order[0] if here < 0 and order else None)
    )
    prev = order[here - 1] if here > 0 else None
    return render_template(
        "moderate/item.html",
        next_url=url_for("moderate.item", kind=nxt[0], subject_id=nxt[1]) if nxt else None,
        prev_url=url_for("moderate.item", kind=prev[0], subject_id=prev[1]) if prev else None,
        kind=kind,
        subject=subject,
        report=report,
        metrics=json.loads(report.metrics_json) if report else {},
        metric_words=describe_metrics(json.loads(report.metrics_json)) if report else [],
        findings=findings,
        pieces=highlight(text, findings),
        facility=facility,
        answers=answers,
        reasons=REASONS,
        decided=subject.state not in (State.AWAITING_MODERATION, State.ESCALATED),
        is_senior=_is_senior(),
    )


@bp.post("/<any(review, reply):kind>/<int:subject_id>/beslissing")
@roles_required(*STAFF)
def decide(kind: str, subject_id: int) -> Response:
    """Publish, return, reject or escalate; redaction toggles apply before publishing."""
    session = db.session()
    subject = _load(kind, subject_id)
    action = request.form.get("action", "")
    if action not in DECISIONS:
        abort(400)
    if subject.state not in (State.AWAITING_MODERATION, State.ESCALATED):
        flash("Over dit item werd al beslist.", "error")
        return redirect(url_for("moderate.queue"))
    if action == "escalate" and subject.state == State.ESCALATED:
        abort(400)
    if subject.state == State.ESCALATED and not _is_senior():
        abort(403)
    reason = request.form.get("reason", "")
    reasons = REASONS.get(action, {})
    if reasons and reason not in reasons:
        flash("Kies een reden uit de gedragscode.", "error")
        return redirect(url_for("moderate.item", kind=kind, subject_id=subject_id))
    report = latest_report(session, kind, subject_id)
    if report is not None and report.id is not None:
        keep = set(request.form.getlist("redact"))
        for f in session.exec(select(FindingRow).where(FindingRow.report_id == report.id)):
            if f.replacement:
                f.enabled = str(f.id) in keep
                session.add(f)
        session.flush()
        apply_redactions(session, kind, subject, enabled_findings(session, report.id))
    note = (request.form.get("note") or "").strip()[:2000] or None
    to_state = DECISIONS[action]
    now = utcnow()
    if to_state == State.PUBLISHED:
        subject.published_at = now
    if to_state != State.ESCALATED:
        subject.decided_at = now
    subject.return_reason = reasons.get(reason) if action in ("return", "reject") else None
    move(session, kind, subject, to_state, f"account:{current_user.id}", reason or None, note)
    row = add_to_outbox(session, kind, subject_id, task="zr.notify")
    session.commit()
    if row.id is not None:  # the mail waits until the undo window has passed
        publish_outbox(
            db.engine(), db.celery(), only=[row.id], countdown=db.settings().notify_delay_seconds
        )
    flask_session["last_decision"] = [kind, subject_id]
    flash("Beslissing bewaard.", "ok")
    return _next_item()


def _next_item() -> Response:
    """Straight on to the next item of the queue (or the queue when it is empty)."""
    nxt = load_queue(db.session(), include_escalated=_is_senior(), limit=1)
    if nxt:
        return redirect(url_for("moderate.item", kind=nxt[0].kind, subject_id=nxt[0].id))
    return redirect(url_for("moderate.queue"))


@bp.post("/<any(review, reply):kind>/<int:subject_id>/ongedaan")
@roles_required(*STAFF)
def undo(kind: str, subject_id: int) -> Response:
    """Undo one's own decision within the undo window: a new audit event, nothing deleted."""
    session = db.session()
    subject = load_subject(session, kind, subject_id)
    if subject is None:
        abort(404)
    last = session.exec(
        select(AuditEvent)
        .where(AuditEvent.subject_kind == kind, AuditEvent.subject_id == subject_id)
        .order_by(col(AuditEvent.id).desc())
    ).first()
    window = timedelta(minutes=db.settings().undo_minutes)
    if (
        last is None
        or last.actor != f"account:{current_user.id}"
        or last.to_state != subject.state
        or last.to_state not in DECISIONS.values()
        or utcnow() - last.at > window
    ):
        flash("Deze beslissing kan je niet meer ongedaan maken.", "error")
        return redirect(url_for("moderate.queue"))
    subject.published_at = subject.decided_at = None
    subject.return_reason = None
    move(session, kind, subject, last.from_state, f"account:{current_user.id}", "undo")
    session.commit()
    flask_session.pop("last_decision", None)
    flash("Beslissing ongedaan gemaakt.", "ok")
    return redirect(url_for("moderate.item", kind=kind, subject_id=subject_id))
