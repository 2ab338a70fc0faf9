"""The logic behind the moderation task: load, moderate, store the report, move the state."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from models import Facility, FindingRow, ModerationReport, Reply, Review, ReviewAnswer, State
from models._base import utcnow
from models.db import table_of
from moderation import Policy, Report, Submission, moderate
from services.audit_log import Move, move, move_all
from services.outbox import NOTIFY, add_owed_task
from services.redactions import redactions_of
from services.subjects import (
    Subject,
    latest_report,
    load_subject,
    parse_core_id,
    review_answers,
    to_submission,
)
from workers.batch_overlap import Asked, AskingHistory, Unstored, depends_on
from workers.db_history import (
    BatchRows,
    DBHistory,
    lsh_add,
    lsh_add_many,
    lsh_candidates_many,
    prefetch_batch,
)

log = logging.getLogger(__name__)


def content_hash(text: str) -> str:
    """A stable hash of the text the pipeline sees; a report belongs to one version."""
    return hashlib.sha256(text.encode()).hexdigest()


_REPORT = table_of(ModerationReport)
# Built once, run on the session's connection: the ORM's INSERT path cost more than the rows.
_NEW_REPORT = insert(_REPORT).returning(_REPORT.c.id)
_NEW_FINDINGS = insert(table_of(FindingRow))


def store_report(session: Session, kind: str, subject_id: int, digest: str, report: Report) -> int:
    """Write the report and its findings (two INSERTs, the findings in one); return its id."""
    conn = session.connection()
    report_id = conn.execute(
        _NEW_REPORT,
        {
            "subject_kind": kind,
            "subject_id": subject_id,
            "content_hash": digest,
            "route": report.route,
            "flags": " ".join(report.flags),
            "language": report.language,
            "metrics_json": json.dumps(dict(report.metrics)),
            "created_at": utcnow(),
        },
    ).scalar_one()
    if report.findings:
        conn.execute(
            _NEW_FINDINGS,
            [
                {
                    "report_id": report_id,
                    "check": f.check,
                    "label": f.label,
                    "start": f.start,
                    "end": f.end,
                    "message": f.message,
                    "severity": f.severity,
                    "replacement": f.replacement,
                    "related_id": f.related_id,
                    "enabled": True,
                }
                for f in report.findings
            ],
        )
    return int(report_id)


def add_retro_flag(session: Session, core_id: str, flag: str) -> None:
    """Add a flag to the latest report of an earlier submission still waiting in the queue."""
    parsed = parse_core_id(core_id)
    if parsed is None:
        return
    subject = load_subject(session, *parsed)
    if subject is None or subject.state not in (State.AWAITING_MODERATION, State.ESCALATED):
        return
    report = latest_report(session, *parsed)
    if report is None or flag in report.flag_list:
        return
    report.flags = " ".join([*report.flag_list, flag])
    if report.route == "publish":
        report.route = "review"
    session.add(report)


@dataclass(frozen=True)
class Outcome:
    """What `run_moderation` did: true if it moved the submission to the queue."""

    done: bool
    #: It added an outbox row (the escalation notice) that the caller should publish now.
    queued: bool = False

    def __bool__(self) -> bool:
        return self.done


def run_moderation(
    session: Session, kind: str, subject_id: int, index: Any = None, policy: Policy | None = None
) -> Outcome:
    """Moderate one submission if it still waits for it; the outcome is true if it did.

    Idempotent: a submission that already left `submitted`/`checking`, or whose current text
    already has a report, is left alone, so a redelivered task does nothing twice.
    """
    subject = load_subject(session, kind, subject_id)
    if subject is None:
        log.warning("moderation: %s %s does not exist", kind, subject_id)
        return Outcome(False)
    if subject.state not in (State.SUBMITTED, State.CHECKING):
        return Outcome(False)
    answers = review_answers(session, subject) if isinstance(subject, Review) else None
    if subject.state == State.SUBMITTED:
        move(session, kind, subject, State.CHECKING, "worker")
        session.commit()
    try:
        checked = _check(session, kind, subject, answers, index, policy or Policy())
        writes = _Writes()
        outcome = _store(session, checked, writes)
        writes.apply(session)
        if index is not None and checked.report is not None:
            lsh_add(index, checked.sub.id, checked.sub.text)
    except IntegrityError:  # another worker took the same submission and stored it first
        session.rollback()
        log.info("moderation: %s %s was reported by another worker", kind, subject_id)
        return Outcome(False)
    session.commit()
    log.info("moderation: %s %s ready for the queue", kind, subject_id)
    return outcome


def run_moderation_batch(
    session: Session,
    items: Sequence[tuple[str, int]],
    index: Any = None,
    policy: Policy | None = None,
) -> dict[tuple[str, int], Outcome]:
    """Moderate several submissions, one after the other, loaded and claimed together.

    The outcome of each (kind, id), as `run_moderation` gives it. One query loads them, one
    commit claims them (`checking`); then each is checked and stored in a short transaction
    of its own, so that another worker process is never kept waiting for the database while
    this one computes, and each sees the ones before it (a copy sent twice in one batch is
    still a copy). If anything fails, the rest is rolled back and every submission is
    moderated on its own path (those already done are left alone there).
    """
    policy = policy or Policy()
    wanted = list(dict.fromkeys(items))
    try:
        outcomes = _batch(session, wanted, index, policy)
    except Exception:  # noqa: BLE001  (any failure: each item again on its own path)
        session.rollback()
        log.info("moderation: a batch of %s fell back to one by one", len(wanted))
        return {item: run_moderation(session, *item, index, policy) for item in wanted}
    log.info(
        "moderation: %s of %s ready for the queue", sum(map(bool, outcomes.values())), len(wanted)
    )
    return outcomes


def _batch(
    session: Session, items: list[tuple[str, int]], index: Any, policy: Policy
) -> dict[tuple[str, int], Outcome]:
    outcomes = {item: Outcome(False) for item in items}
    subjects = _load_many(session, items)
    waiting = [
        (kind, subject)
        for (kind, subject_id) in items
        if (subject := subjects.get((kind, subject_id))) is not None
        and subject.state in (State.SUBMITTED, State.CHECKING)
    ]
    for kind, subject_id in items:
        if (kind, subject_id) not in subjects:
            log.warning("moderation: %s %s does not exist", kind, subject_id)
    if not waiting:
        return outcomes
    answers = _answers_of(session, [s.id for _, s in waiting if isinstance(s, Review)])
    # Held here for the batch: the session's identity map keeps unchanged rows only while
    # someone refers to them, and `to_submission` gets each facility from it without a query.
    _facilities = session.exec(
        select(Facility).where(col(Facility.id).in_({s.facility_id for _, s in waiting}))
    ).all()
    claimed = [(kind, s) for kind, s in waiting if s.state == State.SUBMITTED]
    for kind in ("review", "reply"):
        move_all(
            session, kind, [Move(s, State.CHECKING) for k, s in claimed if k == kind], "worker"
        )
    if claimed:
        session.commit()
    # Check them all, then store them in one short write transaction: the write lock is held
    # for the writes only. A check whose answers an unstored batch-mate could change (a copy,
    # the same author, a burst) has the batch-mates stored first and runs again, so that each
    # sees those before it, as one by one (see `batch_overlap`).
    owns = [
        answers.get(subject.id, []) if isinstance(subject, Review) and subject.id else None
        for _, subject in waiting
    ]
    subs = [
        to_submission(session, kind, subject, own)
        for (kind, subject), own in zip(waiting, owns, strict=True)
    ]
    reported = _reported(session, waiting, subs)
    # The index as it stands before the batch stores anything, for every text in one round
    # trip; once some of the batch are stored (below), each check looks its text up again.
    looked_up: list[list[str] | None] = (
        list(lsh_candidates_many(index, [sub.text for sub in subs]))
        if index is not None
        else [None] * len(subs)
    )
    # The history's prefetch query of every review, as one query for the batch (same time).
    rows = prefetch_batch(session, subs, [sub.id for sub in subs], [f or [] for f in looked_up])
    checked: list[_Checked] = []
    unstored: list[Unstored] = []
    stored_some = False
    for (kind, subject), own, sub, found in zip(waiting, owns, subs, looked_up, strict=True):
        known = (sub, (kind, subject.id, content_hash(sub.text)) in reported)
        pre = (found, rows) if not stored_some else None
        done = _check(session, kind, subject, own, index, policy, unstored, known, pre)
        if done.asked is not None and depends_on(done.asked, unstored):
            _store_all(session, checked, index, outcomes)
            checked, unstored = [], []
            stored_some = True
            done = _check(session, kind, subject, own, index, policy, known=known)
        checked.append(done)
        if done.report is not None:
            unstored.append(Unstored.of(done.sub, done.report, index))
    _store_all(session, checked, index, outcomes)
    return outcomes


def _reported(
    session: Session, waiting: list[tuple[str, Subject]], subs: list[Submission]
) -> set[tuple[str, int | None, str]]:
    """Which of these (kind, id, text hash) have a report already (a redelivered task)."""
    wanted = {
        (kind, subject.id, content_hash(sub.text))
        for (kind, subject), sub in zip(waiting, subs, strict=True)
    }
    rows = session.execute(
        select(
            ModerationReport.subject_kind,
            ModerationReport.subject_id,
            ModerationReport.content_hash,
        ).where(col(ModerationReport.subject_id).in_({s.id for _, s in waiting}))
    )
    return {(kind, subject_id, digest) for kind, subject_id, digest in rows} & wanted


def _store_all(
    session: Session,
    checked: list[_Checked],
    index: Any,
    outcomes: dict[tuple[str, int], Outcome],
) -> None:
    """Store these checks, in their order, in one transaction (statements sent together)."""
    writes = _Writes()
    with session.no_autoflush:  # what `_store` reads back it wrote itself, or was there
        for done in checked:
            assert done.subject.id is not None
            outcomes[done.kind, done.subject.id] = _store(session, done, writes)
        writes.apply(session)
    if index is not None:
        lsh_add_many(index, [(c.sub.id, c.sub.text) for c in checked if c.report is not None])
    session.commit()


def _load_many(session: Session, items: list[tuple[str, int]]) -> dict[tuple[str, int], Subject]:
    """The reviews and replies named, in one query per kind."""
    found: dict[tuple[str, int], Subject] = {}
    reviews = [i for k, i in items if k == "review"]
    replies = [i for k, i in items if k == "reply"]
    rows: list[Subject] = []
    if reviews:
        rows.extend(session.exec(select(Review).where(col(Review.id).in_(reviews))).all())
    if replies:
        rows.extend(session.exec(select(Reply).where(col(Reply.id).in_(replies))).all())
    for row in rows:
        assert row.id is not None
        found["review" if isinstance(row, Review) else "reply", row.id] = row
    return found


def _answers_of(session: Session, review_ids: list[int | None]) -> dict[int, list[ReviewAnswer]]:
    """The answers of these reviews, theme 1 first, in one query."""
    out: dict[int, list[ReviewAnswer]] = {i: [] for i in review_ids if i is not None}
    if out:
        for answer in session.exec(
            select(ReviewAnswer)
            .where(col(ReviewAnswer.review_id).in_(list(out)))
            .order_by(col(ReviewAnswer.review_id), col(ReviewAnswer.theme))
        ):
            out[answer.review_id].append(answer)
    return out


@dataclass
class _Checked:
    """One claimed submission checked, its report not stored yet (None: stored before)."""

    kind: str
    subject: Subject
    answers: list[ReviewAnswer] | None
    sub: Submission
    digest: str
    report: Report | None
    asked: Asked | None = None


def _check(
    session: Session,
    kind: str,
    subject: Subject,
    answers: list[ReviewAnswer] | None,
    index: Any,
    policy: Policy,
    unstored: Sequence[Unstored] | None = None,
    known: tuple[Submission, bool] | None = None,
    looked_up: tuple[list[str] | None, BatchRows] | None = None,
) -> _Checked:
    """Run the core on one claimed submission (in `checking`), writing nothing.

    `unstored`: the batch's earlier checks, not stored yet; the check then writes down what
    it asked its history (for `batch_overlap.depends_on`) and sees them as candidate copies.
    `known`: its submission, and whether that text has a report, if the caller knows them.
    `looked_up`: its text's LSH candidates and the batch's prefetch rows, if the caller
    looked them up for the whole batch (as the database and index stand now).
    """
    assert subject.id is not None
    if known is None:
        sub = to_submission(session, kind, subject, answers)
        reported = (
            session.exec(
                select(ModerationReport.id).where(
                    ModerationReport.subject_kind == kind,
                    ModerationReport.subject_id == subject.id,
                    ModerationReport.content_hash == content_hash(sub.text),
                )
            ).first()
            is not None
        )
    else:
        sub, reported = known
    digest = content_hash(sub.text)
    if reported:  # the report of this text was stored before (a redelivered task)
        return _Checked(kind, subject, answers, sub, digest, None)
    history = DBHistory(session, index, current=sub.id, unstored=unstored or ())
    candidates, rows = looked_up if looked_up is not None else (None, None)
    history.prefetch(sub, policy.reliability.burst_window_hours, candidates, rows)
    if unstored is None:
        return _Checked(kind, subject, answers, sub, digest, moderate(sub, history, policy))
    recorder = AskingHistory(history, unstored)
    report = moderate(sub, recorder, policy)
    return _Checked(kind, subject, answers, sub, digest, report, recorder.asked)


@dataclass
class _Writes:
    """What `_store` leaves to write for one or more checks: the moves (with each row's
    content hash and redacted text), the answers' redacted texts and the retro flags."""

    moves: dict[str, list[Move]] = field(default_factory=lambda: {"review": [], "reply": []})
    answers: list[tuple[ReviewAnswer, str]] = field(default_factory=list)
    retro_flags: list[tuple[str, str]] = field(default_factory=list)

    def apply(self, session: Session) -> None:
        """Write them as statements (one UPDATE a row, sent together); the caller commits."""
        for kind, moves in self.moves.items():
            move_all(session, kind, moves, "worker")
        if self.answers:
            session.connection().execute(
                _REDACT_ANSWER,
                [{"id_": answer.id, "text_redacted": text} for answer, text in self.answers],
            )
            for answer, text in self.answers:
                set_committed_value(answer, "text_redacted", text)
        # After the moves: an earlier submission of the same batch is in the queue by now.
        for earlier, flag in self.retro_flags:
            add_retro_flag(session, earlier, flag)


_ANSWERS = table_of(ReviewAnswer)
_REDACT_ANSWER = (
    update(_ANSWERS)
    .where(_ANSWERS.c.id == bindparam("id_"))
    .values(text_redacted=bindparam("text_redacted"))
)


def _store(session: Session, done: _Checked, writes: _Writes) -> Outcome:
    """Store one check's report, and leave its submission's move (with its redacted texts)
    to `writes`; the caller applies them, indexes the texts for near-duplicates and commits."""
    kind, subject, report = done.kind, done.subject, done.report
    assert subject.id is not None
    subject_id = subject.id
    route: str | None = None
    values: dict[str, Any] = {"content_hash": done.digest}
    if report is not None:
        store_report(session, kind, subject_id, done.digest, report)
        route = report.route
        main, changed = redactions_of(session, kind, subject, list(report.findings), done.answers)
        values["text_redacted" if kind == "reply" else "story_redacted"] = main
        writes.answers.extend(changed)
        writes.retro_flags.extend(report.retro_flags)
    if route is None:  # the report of this text was stored before (a redelivered task)
        stored = latest_report(session, kind, subject_id)
        route = stored.route if stored is not None else None
    if route == "escalate":
        # Serious allegations go straight to the senior queue, and the author is told at
        # once where to report directly (1712, Zorginspectie).
        writes.moves[kind].append(Move(subject, State.ESCALATED, "ernstige_feiten", values))
        add_owed_task(session, kind, subject_id, NOTIFY, 0)
    else:
        writes.moves[kind].append(Move(subject, State.AWAITING_MODERATION, values=values))
    return Outcome(True, queued=route == "escalate")
