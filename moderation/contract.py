"""The core's data contract: what goes into `moderate()` and what comes out."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

FLAGS: tuple[str, ...] = (
    "privacy",
    "near_duplicate",
    "burst",
    "interval",
    "revenge",
    "serious_allegation",
    "implausible",
    "abusive",
    "language",
    "readability",
    "spam",
)


def _personal_data_kinds() -> dict[str, dict[str, Any]]:
    with (Path(__file__).parent / "privacy" / "data" / "kinds.toml").open("rb") as fh:
        return tomllib.load(fh)


#: The one table of personal-data kinds (privacy/data/kinds.toml): per label its placeholder,
#: priority (1 wins an overlap), moderator message and writer hint.
PERSONAL_DATA_KINDS: Mapping[str, Mapping[str, Any]] = _personal_data_kinds()
PII_LABELS: tuple[str, ...] = tuple(PERSONAL_DATA_KINDS)
PLACEHOLDERS: Mapping[str, str] = {
    label: str(kind["placeholder"]) for label, kind in PERSONAL_DATA_KINDS.items()
}

Kind = Literal["review", "reply"]
Route = Literal["publish", "review", "return", "reject", "escalate"]
Severity = Literal["info", "warning", "high"]


@dataclass(frozen=True)
class Submission:
    """One review or facility reply, as the core sees it (plain data, no storage)."""

    id: str
    kind: Kind
    facility_id: str
    facility_name: str
    sector: str
    municipality: str
    reviewer_id: str
    submitted_at: datetime
    text: str
    ratings: Mapping[str, int] = field(default_factory=dict)
    in_reply_to: str | None = None


@dataclass(frozen=True)
class PastSubmission:
    """What the history knows of an earlier submission."""

    id: str
    kind: Kind
    facility_id: str
    reviewer_id: str
    submitted_at: datetime
    text: str
    ratings: Mapping[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed; `start`/`end` index the original text.

    `check` is "privacy", a flag name, or "risk" (a weak cue of a serious allegation below the
    escalation threshold: it flags nothing and only routes the item to a person); `label` is a
    PII label for privacy findings and the flag name (or "risk") otherwise. `message` is one
    Dutch sentence a moderator reads. A finding with a `replacement` is a proposed redaction.
    `related_id` names another submission (the original of a near-duplicate, the earlier review
    for the interval rule).
    """

    check: str
    label: str
    start: int
    end: int
    message: str
    severity: Severity = "warning"
    replacement: str | None = None
    related_id: str | None = None


@dataclass(frozen=True)
class Report:
    """The outcome of `moderate()`: findings, redacted text, flags and a suggested route.

    `retro_flags` lists (earlier submission id, flag) pairs whose reports must be updated, e.g.
    the first members of a burst that only became visible with this submission.
    """

    findings: tuple[Finding, ...]
    redacted: str
    flags: tuple[str, ...]
    route: Route
    language: str = "unknown"
    metrics: Mapping[str, float] = field(default_factory=dict)
    retro_flags: tuple[tuple[str, str], ...] = ()


class History(Protocol):
    """What the core may ask about the past; the CLI keeps it in memory, workers in the DB.

    `by_reviewer` and `recent_for_facility` may give their submissions with an empty `text`:
    the rules that ask them (interval, burst) read dates, authors, ratings and flags only, and
    a burst window's texts would cost a worker most of its query. `similar` gives the texts.
    """

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> Sequence[PastSubmission]:
        """Earlier submissions of this reviewer for this facility, oldest first."""
        ...

    def reviewer_total(self, reviewer_id: str) -> int:
        """How many earlier submissions this reviewer made (any facility)."""
        ...

    def recent_for_facility(self, facility_id: str, since: datetime) -> Sequence[PastSubmission]:
        """Submissions for this facility at or after `since`, oldest first."""
        ...

    def similar(self, text: str, exclude_id: str) -> Sequence[PastSubmission]:
        """Candidate near-duplicates of `text` (e.g. from a MinHash LSH index), any order."""
        ...
