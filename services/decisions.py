"""A moderator's operations on one item: decide, undo, bulk publish, handle a report, note."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from models import FindingRow, Reply, Review, State
from models._base import utcnow
from models.queries import answers_by_review
from models.settings import Settings
from models.states import DECIDED, DECISIONS, IN_QUEUE, Decision
from services.audit_log import add_note, last_decision, move
from services.errors import Conflict, atomic, expect_version
from services.outbox import NOTIFY, add_to_outbox, commit_and_enqueue
from services.platform import Platform
from services.redactions import apply_redactions, enabled_findings
from services.replies import lock_published
from services.subjects import Subject, latest_report, load_subject

ALREADY_DECIDED = "Over dit item werd al beslist."


@dataclass(frozen=True)
class Moderator:
    """Who acts: the account id and whether they may handle escalations."""

    account_id: int
    senior: bool

    @property
    def actor(self) -> str:
        """How the audit log names this moderator."""
        return f"account:{self.account_id}"


def notice_period(session: Session, settings: Settings, subject: Subject) -> timedelta:
    """Right of reply: a critical review goes online later, so the facility can reply first."""
    if not isinstance(subject, Review) or settings.reply_notice_hours <= 0:
        return timedelta(0)
    scores = [a.score for a in answers_by_review(session, [subject.id or 0])[subject.id or 0]]
    if not scores or sum(scores) / len(scores) > settings.critical_average:
        return timedelta(0)
    return timedelta(hours=settings.reply_notice_hours)


def _commit(session: Session, platform: Platform, rows: list[Any]) -> None:
    commit_and_enqueue(session, platform.celery, rows)


def _set_redactions(session: Session, kind: str, subject: Subject, keep: Collection[str]) -> None:
    """Switch each proposed redaction on or off as the moderator left it, then apply them."""
    report = latest_report(session, kind, subject.id or 0)
    if report is None or report.id is None:
        return
    for f in session.exec(select(FindingRow).where(FindingRow.report_id == report.id)):
        if f.replacement:
            f.enabled = str(f.id) in keep
            session.add(f)
    session.flush()
    apply_redactions(session, kind, subject, enabled_findings(session, report.id))


@atomic
def decide(
    session: Session,
    platform: Platform,
    who: Moderator,
    kind: str,
    subject: Subject,
    decision: Decision,
    *,
    version: int | None = None,
    reason_code: str | None = None,
    reason_text: str | None = None,
    note: str | None = None,
    keep_redactions: Collection[str] = (),
) -> None:
    """Take `decision` on an item in the queue; the author's mail waits for the undo window."""
    expect_version(subject, version)
    if subject.state not in decision.from_states:
        raise Conflict(ALREADY_DECIDED)
    if isinstance(subject, Reply) and decision.to_state == State.PUBLISHED:
        lock_published(session, subject.review_id)  # a reply shows only under a live review
    _set_redactions(session, kind, subject, keep_redactions)
    now = utcnow()
    if decision.to_state == State.PUBLISHED:
        subject.published_at = now + notice_period(session, platform.settings, subject)
    if decision.decides:
        subject.decided_at = now
    subject.return_reason = reason_text if decision.code in ("return", "reject") else None
    move(session, kind, subject, decision.to_state, who.actor, reason_code, note)
    row = add_to_outbox(
        session, kind, subject.id or 0, task=NOTIFY, due_in=platform.settings.notify_delay_seconds
    )
    _commit(session, platform, [row])


@atomic
def undo(
    session: Session,
    platform: Platform,
    who: Moderator,
    kind: str,
    subject: Subject,
    version: int | None = None,
) -> None:
    """Undo one's own decision within the undo window: a new audit event, nothing deleted."""
    expect_version(subject, version)
    last = last_decision(session, kind, subject.id or 0)
    window = timedelta(minutes=platform.settings.undo_minutes)
    if (
        last is None
        or last.actor != who.actor
        or last.to_state != subject.state
        or last.to_state not in DECIDED
        or last.from_state not in IN_QUEUE
        or utcnow() - last.at > window
    ):
        raise Conflict("Deze beslissing kan je niet meer ongedaan maken.")
    subject.published_at = subject.decided_at = None
    subject.return_reason = None
    move(session, kind, subject, last.from_state, who.actor, "undo")
    _commit(session, platform, [])


def bulk_publish(
    session: Session, platform: Platform, who: Moderator, items: Collection[tuple[str, int]]
) -> int:
    """Publish each chosen item that still waits, each in its own transaction; return how many."""
    done = 0
    publish = DECISIONS["publish"]
    for kind, subject_id in items:
        subject = load_subject(session, kind, subject_id)
        if subject is None or subject.state != State.AWAITING_MODERATION:
            continue
        report = latest_report(session, kind, subject_id)
        if report is not None and report.id is not None:
            apply_redactions(session, kind, subject, enabled_findings(session, report.id))
        subject.published_at = subject.decided_at = utcnow()
        move(session, kind, subject, publish.to_state, who.actor, "bulk")
        row = add_to_outbox(
            session, kind, subject_id, task=NOTIFY, due_in=platform.settings.notify_delay_seconds
        )
        try:
            _commit(session, platform, [row])
        except Conflict:
            continue  # someone acted on it at the same moment: leave it to them
        done += 1
    return done


@atomic
def handle_report(
    session: Session,
    platform: Platform,
    who: Moderator,
    review: Review,
    remove: bool,
    note: str | None,
) -> None:
    """Keep a reported review online, or remove it."""
    if review.state != State.PUBLISHED:
        raise Conflict(ALREADY_DECIDED)
    if remove:
        review.published_at = None
        move(session, "review", review, State.REMOVED, who.actor, "report_handled", note)
    else:
        add_note(
            session, "review", review.id or 0, review.state, who.actor, note or "", "report_handled"
        )
    _commit(session, platform, [])


def add_private_note(
    session: Session, who: Moderator, kind: str, subject_id: int, note: str
) -> None:
    """A private note for other moderators on an item or a reviewer (append-only)."""
    state = "-"
    subject = load_subject(session, kind, subject_id) if kind != "reviewer" else None
    if subject is not None:
        state = subject.state
    add_note(session, kind, subject_id, state, who.actor, note, "note")
    session.commit()


def add_redaction(
    session: Session, kind: str, subject: Subject, start: int, end: int, label: str, text_len: int
) -> bool:
    """Add a redaction the checks missed; False if the selection cannot be used."""
    from moderation import PLACEHOLDERS

    report = latest_report(session, kind, subject.id or 0)
    if (
        report is None
        or report.id is None
        or not 0 <= start < end <= text_len
        or label not in PLACEHOLDERS
        or subject.state not in IN_QUEUE
    ):
        return False
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
    return True
