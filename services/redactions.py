"""Redactions: the texts as they will be published, from the findings a moderator left on."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from models import FindingRow, Reply, ReviewAnswer
from services.composition import compose, redact_parts
from services.subjects import Subject, subject_parts


def apply_redactions(session: Session, kind: str, subject: Subject, findings: list[Any]) -> None:
    """Set the redacted text of every part from the (enabled) findings."""
    text, spans = compose(subject_parts(session, kind, subject))
    redacted = redact_parts(text, spans, findings)
    if isinstance(subject, Reply):
        subject.text_redacted = redacted.get("reply", "")
        return
    subject.story_redacted = redacted.get("story", "")
    for answer in session.exec(select(ReviewAnswer).where(ReviewAnswer.review_id == subject.id)):
        answer.text_redacted = redacted.get(f"theme:{answer.theme}", "")
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
