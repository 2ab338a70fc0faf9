"""Reliability checks: duplicates, bursts, the re-review interval, revenge, allegations."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderation.contract import Finding, History, Submission
from moderation.reliability.policy import ReliabilityPolicy


@dataclass
class ReliabilityResult:
    """Findings for this submission and flags to add to earlier ones."""

    findings: list[Finding] = field(default_factory=list)
    retro_flags: list[tuple[str, str]] = field(default_factory=list)


def check_reliability(
    submission: Submission, history: History, policy: ReliabilityPolicy
) -> ReliabilityResult:
    """Run every reliability check on one submission (placeholder: none yet)."""
    return ReliabilityResult()
