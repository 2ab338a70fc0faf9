"""Tunable numbers of the reliability checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReliabilityPolicy:
    """Defaults: a person may review the same facility again after 12 months."""

    interval_months: int = 12
    interval_months_per_sector: Mapping[str, int] = field(default_factory=dict)

    def interval_for(self, sector: str) -> int:
        """Return the re-review interval in months for a sector."""
        return self.interval_months_per_sector.get(sector, self.interval_months)
