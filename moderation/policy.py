"""Every tunable number of the moderation core, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderation.readability.policy import ReadabilityPolicy
from moderation.reliability.policy import ReliabilityPolicy


@dataclass(frozen=True)
class Policy:
    """The whole policy: one part per check; the web admin and env vars build their own."""

    reliability: ReliabilityPolicy = field(default_factory=ReliabilityPolicy)
    readability: ReadabilityPolicy = field(default_factory=ReadabilityPolicy)
