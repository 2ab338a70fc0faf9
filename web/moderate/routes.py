"""The redactie: the queue, one submission with its findings, and the decision."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_login import current_user
from sqlmodel import col, func, select
from werkzeug.wrappers import Response

from models import DECISIONS, AuditEvent, Facility, FindingRow, Reply, Review, Role, State
from models._base import utcnow
from models.queries import queue as load_queue
from models.queries import queue_flag_counts, queue_size, reported_reviews
from models.themes import SCORE_WORDS
from moderation import PLACEHOLDERS
from moderation.readability import describe_metrics
from web import db
from web.moderate.claims import claim, holder_name, holders, release
from web.moderate.highlight import highlight
from web.moderate.reasons import ESCALATE_REASONS, REJECT_REASONS, RETURN_REASONS
from web.moderate.target import target_status
from web.security import STAFF, roles_required
from web.text_input import clean_text
from workers.audit_log import move
from workers.composition import compose
from workers.moderation_job import apply_redactions, enabled_findings
from workers.operations import add_to_outbox, publish_outbox
from workers.subjects import latest_report, load_subject, parse_core_id, subject_parts

bp = Blueprint("moderate", __name__, url_prefix="/redactie", template_folder="templates")

SENIOR = (Role.SENIOR, Role.ADMIN)
REASONS = {"return": RETURN_REASONS, "reject": REJECT_REASONS, "escalate": ESCALATE_REASONS}


def _notice_period(session: Any, subject: Review | Reply) -> timedelta:
    """Right of reply: a critical review goes online later, so the facility can reply first."""
    settings = db.settings()
    if not isinstance(subject, Review) or settings.reply_notice_hours <= 0:
        return timedelta(0)
    from models.queries import answers_by_review

    scores = [a.score for a in answers_by_review(session, [subject.id or 0])[subject.id or 0]]
    if not scores or sum(scores) / len(scores) > settings.critical_average:
        return timedelta(0)
    return timedelta(hours=settings.reply_notice_hours)


def _note() -> str:
    """The private note that was typed, without control characters, at most 2000 characters."""
    return clean_text(request.form.get("note"))[:2000]


def decided_state(subject: Review | Reply) -> bool:
    """Whether the item has left the queue."""
    return subject.state not in (State.AWAITING_MODERATION, State.ESCALATED)


def reviewer_history(session: Any, subject: Review | Reply) -> tuple[int, list[Review]]:
    """How many other reviews the reviewer wrote, and the latest 20 (never the address)."""
    if not isinstance(subject, Review):
        return 0, []
    others = (Review.reviewer_id == subject.reviewer_id, Review.id != subject.id)
    total = session.exec(select(func.count()).select_from(Review).where(*others)).one()
    latest = session.exec(
        select(Review)
        .where(*others)
        # Unconfirmed ones have no submitted_at: last, as on SQLite (PostgreSQL puts NULL first).
        .order_by(col(Review.submitted_at).desc().nulls_last(), col(Review.id).desc())
        .limit(20)
    )
    return total, list(latest)


def duplicate_originals(session: Any, findings: list[FindingRow]) -> list[tuple[str, str]]:
    """(id, text) of the originals that near-duplicate findings point to, for side by side."""
    out = []
    for f in findings:
        parsed = parse_core_id(f.related_id or "") if f.check == "near_duplicate" else None
        original = load_subject(session, *parsed) if parsed else None
        if parsed and original is not None:
            out.append(
                (f.related_id or "", compose(subject_parts(session, parsed[0], original))[0])
            )
    return out


def notes_for(session: Any, kind: str, subject_id: int) -> list[AuditEvent]:
    """Private moderator notes on an item (kept as audit events: append-only)."""
    return list(
        session.exec(
            select(AuditEvent)
            .where(
                AuditEvent.subject_kind == kind,
                AuditEvent.subject_id == subject_id,
                AuditEvent.reason_code == "note",
            )
            .order_by(col(AuditEvent.id))
        )
    )


@bp.post("/<any(review, reply):kind>/<int:subject_id>/notitie")
@roles_required(*STAFF)
def add_note(kind: str, subject_id: int) -> Response:
    """Add a private note for other moderators."""
    session = db.session()
    subject = _load(kind, subject_id)
    note = _note()
    if note:
        session.add(
            AuditEvent(
                subject_kind=kind,
                subject_id=subject_id,
                actor=f"account:{current_user.id}",
                from_state=subject.state,
                to_state=subject.state,
                reason_code="note",
                note=note,
            )
        )
        session.commit()
    return redirect(url_for("moderate.item", kind=kind, subject_id=subject_id))


@bp.post("/<any(review, reply):kind>/<int:subject_id>/redactie")
@roles_required(*STAFF)
def add_redaction(kind: str, subject_id: int) -> Response:
    """Add a redaction the checks missed: the moderator selected the text on screen."""
    session = db.session()
    subject = _load(kind, subject_id)
    report = latest_report(session, kind, subject_id)
    text, _ = compose(subject_parts(session, kind, subject))
    start = request.form.get("start", type=int)
    end = request.form.get("end", type=int)
    label = request.form.get("label", "PERSON")
    if (
        report is None
        or report.id is None
        or start is None
        or end is None
        or not 0 <= start < end <= len(text)
        or label not in PLACEHOLDERS
        or decided_state(subject)
    ):
        flash("Deze selectie kon niet weggelakt worden.", "error")
    else:
        session.add(
            FindingRow(
                report_id=report.id,
                check="privacy",
                label=label,
                start=start,
                end=end,
                message="Door een moderator toegevoegd.",
                severity="high",
                replacement=PLACEHOLDERS[label],
            )
        )
        session.commit()
        flash(f"„{text[start:end]}” wordt vervangen door {PLACEHOLDERS[label]}.", "ok")
    return redirect(url_for("moderate.item", kind=kind, subject_id=subject_id))


@bp.post("/review/<int:subject_id>/melding")
@roles_required(*STAFF)
def handle_report(subject_id: int) -> Response:
    """Handle a facility's report on a published review: keep it online, or remove it."""
    session = db.session()
    review = session.get(Review, subject_id)
    open_ids = {r.review_id for r in reported_reviews(session)}
    if review is None or subject_id not in open_ids:
        abort(404)
    action = request.form.get("action")
    if action not in ("keep", "remove"):
        abort(400)
    actor = f"account:{current_user.id}"
    note = _note() or None
    if action == "remove":
        review.published_at = None
        move(session, "review", review, State.REMOVED, actor, "report_handled", note)
    else:
        session.add(
            AuditEvent(
                subject_kind="review",
                subject_id=subject_id,
                actor=actor,
                from_state=review.state,
                to_state=review.state,
                reason_code="report_handled",
                note=note,
            )
        )
    session.commit()
    flash("Melding afgehandeld.", "ok")
    return redirect(url_for("moderate.queue"))


@bp.post("/reviewer/<int:reviewer_id>/notitie")
@roles_required(*STAFF)
def add_reviewer_note(reviewer_id: int) -> Response:
    """A private note about a reviewer (kept as an audit event), shown with their reviews."""
    session = db.session()
    note = _note()
    back = request.form.get("back", "")
    if note:
        session.add(
            AuditEvent(
                subject_kind="reviewer",
                subject_id=reviewer_id,
                actor=f"account:{current_user.id}",
                from_state="-",
                to_state="-",
                reason_code="note",
                note=note,
            )
        )
        session.commit()
    target = back if back.startswith("/redactie/") else url_for("moderate.queue")
    return redirect(target)


@bp.route("/bulk", methods=["GET", "POST"])
@roles_required(*STAFF)
def bulk() -> str | Response:
    """Publish unflagged items in one go, after a confirmation step."""
    session = db.session()
    queued = load_queue(session, include_escalated=False, limit=100)
    held = holders([(i.kind, i.id) for i in queued])
    candidates = [
        i
        for i in queued
        if held.get((i.kind, i.id), _me()) == _me()  # not what a colleague has open
        and i.state == State.AWAITING_MODERATION
        and set(i.flags) <= {"privacy"}
        and i.route == "publish"
    ]
    if request.method == "GET":
        return render_template("moderate/bulk.html", items=candidates)
    chosen = {
        (k, int(i))
        for k, _, i in (v.partition(":") for v in request.form.getlist("item"))
        if i.isascii() and i.isdigit()
    }
    done = 0
    for item in candidates:
        if (item.kind, item.id) not in chosen:
            continue
        subject = load_subject(session, item.kind, item.id)
        if subject is None or decided_state(subject):
            continue
        report = latest_report(session, item.kind, item.id)
        if report is not None and report.id is not None:
            apply_redactions(session, item.kind, subject, enabled_findings(session, report.id))
        subject.published_at = subject.decided_at = utcnow()
        move(session, item.kind, subject, State.PUBLISHED, f"account:{current_user.id}", "bulk")
        row = add_to_outbox(session, item.kind, item.id, task="zr.notify")
        session.commit()
        if row.id is not None:
            publish_outbox(
                db.engine(),
                db.celery(),
                only=[row.id],
                countdown=db.settings().notify_delay_seconds,
            )
        done += 1
    flash(f"{done} items gepubliceerd.", "ok")
    return redirect(url_for("moderate.queue"))


def _is_senior() -> bool:
    return current_user.role in SENIOR


def _me() -> str:
    """How a claim names the current moderator: account id (to compare) and name (to show)."""
    return f"{current_user.id}:{current_user.name}"


def _workable(session: Any) -> list[Any]:
    """The queue without the items another moderator is working on."""
    items = load_queue(session, include_escalated=_is_senior())
    held = holders([(i.kind, i.id) for i in items])
    me = _me()
    return [i for i in items if held.get((i.kind, i.id), me) == me]


@bp.get("/")
@roles_required(*STAFF)
def queue() -> str:
    """Items awaiting a decision: escalations first (seniors only), then oldest first."""
    session = db.session()
    senior = _is_senior()
    sector = request.args.get("sector", "")[:40]
    flag = request.args.get("signaal", "")[:40]
    facility = request.args.get("voorziening", "")[:100]
    older = max(min(request.args.get("ouder_dan", 0, type=int) or 0, 24 * 365), 0)
    now = utcnow()
    items = load_queue(
        session,
        include_escalated=senior,
        sector=sector,
        flag=flag,
        facility=facility,
        older_than_hours=older,
    )
    me = _me()
    held = {
        item: "jou" if who == me else holder_name(who)
        for item, who in holders([(i.kind, i.id) for i in items]).items()
    }
    return render_template(
        "moderate/queue.html",
        items=items,
        holders=held,
        due={(i.kind, i.id): target_status(i.submitted_at, now) for i in items},
        sector=sector,
        flag=flag,
        facility=facility,
        older=older,
        counts=queue_flag_counts(session, include_escalated=senior),
        total=queue_size(session, include_escalated=senior),
        reported=reported_reviews(session),
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
    order = [(i.kind, i.id) for i in _workable(session)]
    here = order.index((kind, subject_id)) if (kind, subject_id) in order else -1
    nxt = (
        order[here + 1]
        if 0 <= here < len(order) - 1
        else (order[0] if here < 0 and order else None)
    )
    prev = order[here - 1] if here > 0 else None
    claimed_by = claim(kind, subject_id, _me()) if not decided_state(subject) else None
    history_total, history = reviewer_history(session, subject)
    return render_template(
        "moderate/item.html",
        claimed_by=claimed_by,
        history_total=history_total,
        history=history,
        originals=duplicate_originals(session, findings),
        notes=notes_for(session, kind, subject_id),
        reviewer_notes=notes_for(session, "reviewer", subject.reviewer_id)
        if isinstance(subject, Review)
        else [],
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
        decided=decided_state(subject),
        PLACEHOLDERS=PLACEHOLDERS,
        open_report=next(
            (
                r
                for r in reported_reviews(session)
                if kind == "review" and r.review_id == subject_id
            ),
            None,
        ),
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
    reasons = REASONS.get(action, {})
    reason = request.form.get("reason", "") if reasons else ""  # only listed codes are stored
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
    note = _note() or None
    to_state = DECISIONS[action]
    now = utcnow()
    if to_state == State.PUBLISHED:
        subject.published_at = now + _notice_period(session, subject)
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
    release(kind, subject_id)
    flash("Beslissing bewaard.", "ok")
    return _next_item()


def _next_item() -> Response:
    """Straight on to the next item of the queue (or the queue when it is empty)."""
    nxt = _workable(db.session())
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
    # The last *state change*: a note or a handled report (from == to) is not a decision.
    last = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.subject_kind == kind,
            AuditEvent.subject_id == subject_id,
            col(AuditEvent.from_state) != col(AuditEvent.to_state),
        )
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
