"""Reliability checks: duplicates, bursts, the re-review interval, revenge, allegations."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderation.contract import Finding, History, Severity, Submission
from moderation.reliability.history_rules import burst, interval, near_duplicate
from moderation.reliability.policy import ReliabilityPolicy
from moderation.reliability.similarity import NearDuplicateIndex
from moderation.reliability.text_rules import RISK_CHECK, check_text


@dataclass
class ReliabilityResult:
    """Findings for this submission and flags to add to earlier ones."""

    findings: list[Finding] = field(default_factory=list)
    retro_flags: list[tuple[str, str]] = field(default_factory=list)


def check_reliability(
    submission: Submission, history: History, policy: ReliabilityPolicy
) -> ReliabilityResult:
    """Run every reliability check on one submission."""
    result = ReliabilityResult()
    text = submission.text
    for hit in check_text(text, policy.lexical_threshold, submission.kind):
        severity: Severity = "warning"
        if hit.flag == "serious_allegation":
            severity = "high"
        elif hit.flag == RISK_CHECK:
            severity = "info"
        result.findings.append(
            Finding(hit.flag, hit.flag, hit.start, hit.end, hit.message, severity)
        )
    result.findings.extend(near_duplicate(submission, history, policy))
    result.findings.extend(interval(submission, history, policy))
    found, earlier = burst(submission, history, policy)
    result.findings.extend(found)
    result.retro_flags.extend((member, "burst") for member in earlier)
    return result


def warm_up() -> None:
    """Compile the cue files and load the lemma tables now, not on the first text."""
    from moderation.reliability.cues import matcher

    matcher()


__all__ = [
    "RISK_CHECK",
    "NearDuplicateIndex",
    "ReliabilityPolicy",
    "ReliabilityResult",
    "check_reliability",
    "warm_up",
]
