"""The `History` the core asks about the past, backed by the database and the LSH index."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from models import Review
from models.queries import COUNTED_STATES as COUNTED
from moderation import PastSubmission
from workers.subjects import (
    core_id,
    latest_report,
    load_subject,
    parse_core_id,
    to_submission,
)

# How many near-duplicate candidates one check loads at most.
MAX_CANDIDATES = 16


class DBHistory:
    """Answers the core's questions with a few indexed queries per submission."""

    def __init__(self, session: Session, index: Any | None = None, current: str = "") -> None:
        self.session = session
        self.index = index
        self.current = current  # the submission being checked is not its own past

    def _past(self, kind: str, subject_id: int) -> PastSubmission | None:
        subject = load_subject(self.session, kind, subject_id)
        if subject is None:
            return None
        sub = to_submission(self.session, kind, subject)
        report = latest_report(self.session, kind, subject_id)
        return PastSubmission(
            id=sub.id,
            kind=sub.kind,
            facility_id=sub.facility_id,
            reviewer_id=sub.reviewer_id,
            submitted_at=sub.submitted_at,
            text=sub.text,
            ratings=sub.ratings,
            flags=tuple(report.flag_list) if report else (),
        )

    def _reviews(self, *where: Any) -> list[PastSubmission]:
        ids = self.session.exec(
            select(Review.id)
            .where(col(Review.state).in_(COUNTED), *where)
            .order_by(col(Review.submitted_at))
        ).all()
        return [
            p
            for i in ids
            if i is not None and core_id("review", i) != self.current
            if (p := self._past("review", i))
        ]

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> Sequence[PastSubmission]:
        """Earlier reviews of this reviewer for this facility, oldest first."""
        parsed = parse_core_id(reviewer_id.replace("reviewer:", "review:"))
        if parsed is None or not facility_id.isdigit():
            return []
        return self._reviews(
            Review.reviewer_id == parsed[1], Review.facility_id == int(facility_id)
        )

    def reviewer_total(self, reviewer_id: str) -> int:
        """How many reviews this reviewer gave."""
        parsed = parse_core_id(reviewer_id.replace("reviewer:", "review:"))
        if parsed is None:
            return 0
        count = self.session.exec(
            select(func.count())
            .select_from(Review)
            .where(Review.reviewer_id == parsed[1], col(Review.state).in_(COUNTED))
        ).one()
        return int(count)

    def recent_for_facility(self, facility_id: str, since: datetime) -> Sequence[PastSubmission]:
        """Reviews of this facility submitted at or after `since`, oldest first."""
        if not facility_id.isdigit():
            return []
        return self._reviews(
            Review.facility_id == int(facility_id), col(Review.submitted_at) >= since
        )

    def similar(self, text: str, exclude_id: str) -> Sequence[PastSubmission]:
        """Candidates from the LSH index (its cost does not grow with the number stored)."""
        if self.index is None:
            return []
        found = [
            parsed
            for cid in self.index.candidates(text)
            if cid not in (exclude_id, self.current) and (parsed := parse_core_id(cid))
        ]
        # A copy-paste flood makes every earlier copy a candidate: load only the earliest
        # few (the original is among them), so one review never costs O(flood) queries.
        found.sort(key=lambda p: (p[0], p[1]))
        out = []
        for parsed in found[:MAX_CANDIDATES]:
            past = self._past(*parsed)
            if past is not None:
                out.append(past)
        return out


__all__ = ["COUNTED", "DBHistory", "core_id"]
