"""Whether a check in a batch was given an answer that storing its unstored batch-mates changes.

A batch is checked first and stored afterwards, in one short write transaction, so that the
database's write lock is held for the writes only. One by one, a check would have seen the
batch's earlier submissions stored. Their rows are in the database already (claimed,
`checking`, which the history counts), so only two things differ: their reports (the flags an
answer carries) and the duplicate index (they are not in it yet). The history gives the
unstored batch-mates as candidate copies itself, with their reports' flags, where the index
would give them once stored (`DBHistory(unstored=...)`, `may_copy`). The worker records what
each check's answers named (`AskingHistory`); an answer that named a batch-mate as the
database has it (without its report), or a submission that an unstored report flags
afterwards (a burst's first members), could differ (`depends_on`): then the batch-mates are
stored first and the check runs again. That is rare: a burst of one-sided reviews of one
facility, or one family reviewing it twice, inside one batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moderation import History, PastSubmission, Report, Submission
from moderation.history import as_past
from moderation.reliability.similarity import signature


@dataclass(frozen=True)
class Unstored:
    """A checked submission of the batch whose report is not stored yet."""

    #: What the history would give for it once stored (its report's flags included).
    past: PastSubmission
    #: The LSH band keys of its text (empty without an index): who could find it as a copy.
    bands: tuple[bytes, ...]
    #: Its MinHash signature as the index stores it (the index keeps only close candidates).
    stored_signature: bytes | None
    #: The earlier submissions its report flags afterwards (a burst's first members).
    retro_ids: frozenset[str]

    @classmethod
    def of(cls, sub: Submission, report: Report, index: Any) -> Unstored:
        """The unstored view of a checked submission and its report."""
        found = bands(index, sub.text)
        return cls(
            as_past(sub, report.flags),
            found,
            signature(sub.text).hashvalues.tobytes() if found else None,
            frozenset(i for i, _ in report.retro_flags),
        )


def bands(index: Any, text: str) -> tuple[bytes, ...]:
    """The LSH band keys of `text` in `index`, one per band (none without an index)."""
    if index is None or not hasattr(index, "band_keys"):
        return ()
    return tuple(index.band_keys(text))


@dataclass
class Asked:
    """Which earlier submissions one check's answers named."""

    named: set[str] = field(default_factory=set)
    #: Unstored batch-mates named as the database has them (without their reports).
    stale: set[str] = field(default_factory=set)


class AskingHistory:
    """A `History` that passes every question on and writes down what the answers named."""

    def __init__(self, history: History, unstored: Sequence[Unstored]) -> None:
        self.history = history
        self.asked = Asked()
        self._unstored = {u.past.id: u.past for u in unstored}

    def _named(self, found: Sequence[PastSubmission]) -> Sequence[PastSubmission]:
        for past in found:
            self.asked.named.add(past.id)
            if past.id in self._unstored and past is not self._unstored[past.id]:
                self.asked.stale.add(past.id)
        return found

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> Sequence[PastSubmission]:
        """Earlier submissions of this reviewer for this facility, oldest first."""
        return self._named(self.history.by_reviewer(reviewer_id, facility_id))

    def reviewer_total(self, reviewer_id: str) -> int:
        """How many earlier submissions this reviewer made (the batch's are counted)."""
        return self.history.reviewer_total(reviewer_id)

    def recent_for_facility(self, facility_id: str, since: datetime) -> Sequence[PastSubmission]:
        """Submissions for this facility at or after `since`, oldest first."""
        return self._named(self.history.recent_for_facility(facility_id, since))

    def similar(self, text: str, exclude_id: str) -> Sequence[PastSubmission]:
        """Candidate near-duplicates of `text` (the unstored batch-mates among them)."""
        return self._named(self.history.similar(text, exclude_id))


def depends_on(asked: Asked, unstored: Sequence[Unstored]) -> bool:
    """Whether storing the `unstored` batch-mates could change an answer the check was given:
    it named one of them as the database has it (without its report), or a submission that
    one of their reports flags afterwards."""
    return bool(asked.stale) or any(u.retro_ids & asked.named for u in unstored)


def may_copy(
    index: Any, text: str, other: Unstored, text_bands: tuple[bytes, ...] | None = None
) -> bool:
    """Whether the index, with `other` stored, would give it as a candidate copy of `text`:
    a shared band and a close signature (the index keeps only close candidates).

    `text_bands`: `bands(index, text)`, if the caller has them.
    """
    if not other.bands:
        return False
    mine = bands(index, text) if text_bands is None else text_bands
    if not any(a == b for a, b in zip(mine, other.bands, strict=True)):
        return False
    if other.stored_signature is None or not hasattr(index, "keep_close"):
        return True
    return bool(index.keep_close(text, [other.past.id], [other.stored_signature]))
