"""The redactie: the queue, one submission with its findings, the dashboard and bulk publish."""

from __future__ import annotations

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import Facility, FindingRow, Reply, Review
from models._base import utcnow
from models.queries import (
    decisions_since,
    previews,
    queue_flag_counts,
    queue_size,
    reported_reviews,
)
from models.queries import queue as load_queue
from models.states import DECISION_LIST
from models.themes import SCORE_WORDS
from moderation import FLAGS, PLACEHOLDERS
from moderation.readability import describe_metrics
from services import decisions
from services.composition import compose
from services.subjects import latest_report, subject_parts
from web import db
from web.moderate.access import is_senior, load_item, me, moderator, platform, workable
from web.moderate.claims import claim, holder_name, holders
from web.moderate.highlight import highlight, highlight_parts
from web.moderate.item_page import decided_state, duplicate_originals, notes_for, reviewer_history
from web.moderate.reasons import REASONS
from web.moderate.target import start_of_day, target_status
from web.security import STAFF, roles_required

bp = Blueprint("moderate", __name__, url_prefix="/redactie", template_folder="templates")


@bp.get("/")
@roles_required(*STAFF)
def queue() -> str:
    """Items awaiting a decision: escalations first (seniors only), then oldest first."""
    session = db.session()
    senior = is_senior()
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
    mine = me()
    held = {
        item: "jou" if who == mine else holder_name(who)
        for item, who in holders([(i.kind, i.id) for i in items]).items()
    }
    return render_template(
        "moderate/queue.html",
        FLAGS=FLAGS,
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
        previews=previews(
            session,
            [i.id for i in items if i.kind == "review"],
            [i.id for i in items if i.kind == "reply"],
        ),
        my_day=decisions_since(session, moderator().actor, start_of_day(now)),
    )


@bp.get("/dashboard")
@roles_required(*STAFF)
def dashboard() -> str:
    """Queue size and age, turnaround, decisions per reason, flags per week, sector shares."""
    from services import health
    from web.moderate.dashboard import figures

    return render_template(
        "moderate/dashboard.html",
        f=figures(db.session()),
        health=health.check(db.engine(), db.settings()),
        stuck_after=db.settings().stuck_after_minutes,
    )


@bp.get("/<any(review, reply):kind>/<int:subject_id>")
@roles_required(*STAFF)
def item(kind: str, subject_id: int) -> str:
    """One submission: highlighted findings, reasons, theme answers and the decision form."""
    session = db.session()
    subject = load_item(kind, subject_id)
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
    part_titles: dict[str, str] = {"story": "Verhaal", "reply": ""}
    if isinstance(subject, Review):
        from models.queries import answers_by_review, theme_questions

        titles = {q.number: q.title for q in theme_questions(session, facility.sector)}  # type: ignore[union-attr]
        answers = [
            (titles.get(a.theme, a.theme), a.score, SCORE_WORDS[a.score])
            for a in answers_by_review(session, [subject_id])[subject_id]
        ]
        for a in answers_by_review(session, [subject_id])[subject_id]:
            part_titles[f"theme:{a.theme}"] = f"{titles.get(a.theme, a.theme)} · {a.score}/5"
    # A reply is read under the review it answers (as published: the redacted text).
    answered = session.get(Review, subject.review_id) if isinstance(subject, Reply) else None
    order = [(i.kind, i.id) for i in workable(session)]
    here = order.index((kind, subject_id)) if (kind, subject_id) in order else -1
    nxt = (
        order[here + 1]
        if 0 <= here < len(order) - 1
        else (order[0] if here < 0 and order else None)
    )
    prev = order[here - 1] if here > 0 else None
    claimed_by = claim(kind, subject_id, me()) if not decided_state(subject) else None
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
        parts=highlight_parts(text, spans, findings),
        part_titles=part_titles,
        text=text,
        answered=answered,
        facility=facility,
        answers=answers,
        reasons=REASONS,
        decisions=[d for d in DECISION_LIST if subject.state in d.from_states],
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
        is_senior=is_senior(),
    )


@bp.route("/bulk", methods=["GET", "POST"])
@roles_required(*STAFF)
def bulk() -> str | Response:
    """Publish items without any signal in one go, after a confirmation step."""
    from web.moderate.actions import bulk_candidates

    candidates = bulk_candidates()
    if request.method == "GET":
        return render_template("moderate/bulk.html", items=candidates)
    chosen = {
        (k, int(i))
        for k, _, i in (v.partition(":") for v in request.form.getlist("item"))
        if i.isascii() and i.isdigit() and len(i) < 10
    }
    items = [(c.kind, c.id) for c in candidates if (c.kind, c.id) in chosen]  # type: ignore[attr-defined]
    done = decisions.bulk_publish(db.session(), platform(), moderator(), items)
    flash(f"{done} items gepubliceerd.", "ok")
    return redirect(url_for("moderate.queue"))


from web.moderate import actions  # noqa: E402, F401  (registers the POST actions on `bp`)
