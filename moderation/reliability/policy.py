"""Tunable numbers of the reliability checks, with their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReliabilityPolicy:
    """Defaults: 12-month re-review interval; a burst is 4+ one-sided new reviews in 48 hours."""

    interval_months: int = 12
    interval_months_per_sector: Mapping[str, int] = field(default_factory=dict)
    burst_window_hours: int = 48
    burst_min_size: int = 4
    burst_glowing_average: float = 4.5  # all-glowing: average score at least this
    burst_damning_average: float = 1.5  # all-damning: average score at most this
    burst_max_reviewer_history: int = 0  # "new" reviewers: at most this many earlier reviews
    duplicate_min_chars: int = 20  # shorter texts ("Top!", "Heel tevreden") are not compared
    duplicate_lsh_threshold: float = 0.5  # Jaccard of word 3-shingles for LSH candidates
    duplicate_min_ratio: float = 85.0  # rapidfuzz ratio (0-100) that confirms a copy
    lexical_threshold: float = 2.0  # summed weight of signals for revenge/implausible/spam

    def interval_for(self, sector: str) -> int:
        """Return the re-review interval in months for a sector."""
        return self.interval_months_per_sector.get(sector, self.interval_months)
