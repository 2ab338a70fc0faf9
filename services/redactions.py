"""Redactions: the texts as they will be published, from the findings a moderator left on."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from models import FindingRow, Reply, ReviewAnswer
from services.composition import compose, redact_parts
from services.subjects import Subject, review_answers, subject_parts


def apply_redactions(
    session: Session,
    kind: str,
    subject: Subject,
    findings: list[Any],
    answers: list[ReviewAnswer] | None = None,
) -> None:
    """Set the redacted text of every part from the (enabled) findings.

    `answers`: the review's answers if the caller loaded them already (one query less).
    """
    main, changed = redactions_of(session, kind, subject, findings, answers)
    if isinstance(subject, Reply):
        subject.text_redacted = main
        return
    subject.story_redacted = main
    for answer, redacted_text in changed:
        answer.text_redacted = redacted_text
        session.add(answer)


def redactions_of(
    session: Session,
    kind: str,
    subject: Subject,
    findings: list[Any],
    answers: list[ReviewAnswer] | None = None,
) -> tuple[str, list[tuple[ReviewAnswer, str]]]:
    """The redacted text of a reply or a review's story, and the review's answers whose
    redacted text changes, with it (an unchanged row is not written again); sets nothing."""
    if isinstance(subject, Reply):
        text, spans = compose(subject_parts(session, kind, subject))
        return redact_parts(text, spans, findings).get("reply", ""), []
    if answers is None:
        answers = review_answers(session, subject)
    text, spans = compose(subject_parts(session, kind, subject, answers))
    redacted = redact_parts(text, spans, findings)
    changed = [
        (answer, redacted_text)
        for answer in answers
        if answer.text_redacted != (redacted_text := redacted.get(f"theme:{answer.theme}", ""))
    ]
    return redacted.get("story", ""), changed


def enabled_findings(session: Session, report_id: int) -> list[FindingRow]:
    """The findings of a report that the moderator left switched on."""
    return list(
        session.exec(
            select(FindingRow)
            .where(FindingRow.report_id == report_id, col(FindingRow.enabled).is_(True))
            .order_by(col(FindingRow.start))
        )
    )
