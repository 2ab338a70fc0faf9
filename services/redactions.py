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
    if isinstance(subject, Reply):
        text, spans = compose(subject_parts(session, kind, subject))
        subject.text_redacted = redact_parts(text, spans, findings).get("reply", "")
        return
    if answers is None:
        answers = review_answers(session, subject)
    text, spans = compose(subject_parts(session, kind, subject, answers))
    redacted = redact_parts(text, spans, findings)
    subject.story_redacted = redacted.get("story", "")
    for answer in answers:
        redacted_text = redacted.get(f"theme:{answer.theme}", "")
        if answer.text_redacted != redacted_text:  # an unchanged row is not written again
            answer.text_redacted = redacted_text
            session.add(answer)


def enabled_findings(session: Session, report_id: int) -> list[FindingRow]:
    """The findings of a report that the moderator left switched on."""
    return list(
        session.exec(
            select(FindingRow)
            .where(FindingRow.report_id == report_id, col(FindingRow.enabled).is_(True))
            .order_by(col(FindingRow.start))
        )
    )
