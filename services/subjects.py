"""Load a review or reply as the core's `Submission`, and name submissions across layers."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models import Facility, ModerationReport, Reply, Review, ReviewAnswer
from moderation import Submission
from services.composition import compose

Subject = Review | Reply


def core_id(kind: str, subject_id: int) -> str:
    """The id the core and the LSH index use for a stored submission, e.g. "review:12"."""
    return f"{kind}:{subject_id}"


def parse_core_id(value: str) -> tuple[str, int] | None:
    """Split "review:12" into ("review", 12); None for anything else."""
    kind, _, num = value.partition(":")
    if kind not in ("review", "reply") or not num.isdigit():
        return None
    return kind, int(num)


def load_subject(session: Session, kind: str, subject_id: int) -> Subject | None:
    """Return the review or reply, or None if the kind or id is unknown."""
    if kind == "review":
        return session.get(Review, subject_id)
    if kind == "reply":
        return session.get(Reply, subject_id)
    return None


def review_answers(session: Session, review: Review) -> list[ReviewAnswer]:
    """The answers of a review, theme 1 first (load them once and pass them on)."""
    return list(
        session.exec(
            select(ReviewAnswer)
            .where(ReviewAnswer.review_id == review.id)
            .order_by(col(ReviewAnswer.theme))
        )
    )


def review_parts(
    session: Session, review: Review, answers: list[ReviewAnswer] | None = None
) -> list[tuple[str, str]]:
    """The texts of a review in a fixed order: theme answers 1-8, then the story."""
    if answers is None:
        answers = review_answers(session, review)
    return [(f"theme:{a.theme}", a.text) for a in answers] + [("story", review.story)]


def subject_parts(
    session: Session, kind: str, subject: Subject, answers: list[ReviewAnswer] | None = None
) -> list[tuple[str, str]]:
    """The (key, text) parts of a review or a reply (`answers`: a review's, if loaded)."""
    if isinstance(subject, Review):
        return review_parts(session, subject, answers)
    return [("reply", subject.text)]


def ratings_of(
    session: Session, review: Review, answers: list[ReviewAnswer] | None = None
) -> dict[str, int]:
    """The theme scores as the core expects them."""
    if answers is None:
        answers = review_answers(session, review)
    return {str(a.theme): a.score for a in answers}


def to_submission(
    session: Session, kind: str, subject: Subject, answers: list[ReviewAnswer] | None = None
) -> Submission:
    """Build the core's view of a stored review or reply (`answers`: a review's, if loaded)."""
    assert subject.id is not None
    facility = session.get(Facility, subject.facility_id)
    assert facility is not None
    if isinstance(subject, Review) and answers is None:
        answers = review_answers(session, subject)
    text, _ = compose(subject_parts(session, kind, subject, answers))
    submitted = subject.submitted_at or subject.created_at
    if isinstance(subject, Review):
        return Submission(
            id=core_id("review", subject.id),
            kind="review",
            facility_id=str(facility.id),
            facility_name=facility.name,
            sector=facility.sector,
            municipality=facility.municipality,
            reviewer_id=f"reviewer:{subject.reviewer_id}",
            submitted_at=submitted,
            text=text,
            ratings=ratings_of(session, subject, answers),
        )
    return Submission(
        id=core_id("reply", subject.id),
        kind="reply",
        facility_id=str(facility.id),
        facility_name=facility.name,
        sector=facility.sector,
        municipality=facility.municipality,
        reviewer_id=f"account:{subject.account_id}",
        submitted_at=submitted,
        text=text,
        in_reply_to=core_id("review", subject.review_id),
    )


def latest_report(session: Session, kind: str, subject_id: int) -> ModerationReport | None:
    """The newest moderation report of a submission."""
    return session.exec(
        select(ModerationReport)
        .where(ModerationReport.subject_kind == kind, ModerationReport.subject_id == subject_id)
        .order_by(col(ModerationReport.id).desc())
    ).first()
