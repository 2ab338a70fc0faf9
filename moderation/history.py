"""An in-memory `History` for the batch command and the unit tests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from moderation.contract import PastSubmission, Submission
from moderation.reliability.similarity import NearDuplicateIndex


def as_past(sub: Submission, flags: tuple[str, ...] = ()) -> PastSubmission:
    """What a history knows of a moderated submission: the submission and its report's flags."""
    return PastSubmission(
        sub.id,
        sub.kind,
        sub.facility_id,
        sub.reviewer_id,
        sub.submitted_at,
        sub.text,
        sub.ratings,
        flags,
    )


class InMemoryHistory:
    """Keeps every submission it is told about, with an in-memory LSH index for `similar`."""

    def __init__(self) -> None:
        self._index = NearDuplicateIndex()
        self._all: dict[str, PastSubmission] = {}
        self._by_facility: dict[str, list[PastSubmission]] = defaultdict(list)
        self._by_reviewer: dict[str, list[PastSubmission]] = defaultdict(list)

    def remember(self, sub: Submission, flags: tuple[str, ...] = ()) -> None:
        """Remember a submission that was just moderated, with the flags it got."""
        self.add(as_past(sub, flags))

    def add(self, past: PastSubmission) -> None:
        """Remember a submission (call after moderating it)."""
        self._all[past.id] = past
        self._index.add(past.id, past.text)
        self._by_facility[past.facility_id].append(past)
        self._by_reviewer[past.reviewer_id].append(past)

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> Sequence[PastSubmission]:
        """Earlier submissions of this reviewer for this facility, oldest first."""
        return [p for p in self._by_reviewer[reviewer_id] if p.facility_id == facility_id]

    def reviewer_total(self, reviewer_id: str) -> int:
        """How many earlier submissions this reviewer made."""
        return len(self._by_reviewer[reviewer_id])

    def recent_for_facility(self, facility_id: str, since: datetime) -> Sequence[PastSubmission]:
        """Submissions for this facility at or after `since`, oldest first."""
        return [p for p in self._by_facility[facility_id] if p.submitted_at >= since]

    def similar(self, text: str, exclude_id: str) -> Sequence[PastSubmission]:
        """Candidates from the LSH index (the reliability check confirms them)."""
        return [self._all[k] for k in self._index.candidates(text) if k != exclude_id]
