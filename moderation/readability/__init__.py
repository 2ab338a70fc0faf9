"""Readability and language: metrics, flags for moderators, hints for writers."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderation.contract import Finding
from moderation.readability.policy import ReadabilityPolicy


@dataclass
class ReadabilityResult:
    """Findings, the detected language code (or "unknown") and metrics."""

    findings: list[Finding] = field(default_factory=list)
    language: str = "unknown"
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Hint:
    """One plain-Dutch hint shown to a writer while typing."""

    code: str
    message: str


def check_readability(text: str, policy: ReadabilityPolicy) -> ReadabilityResult:
    """Measure `text` and flag shouting (placeholder: shouting only)."""
    letters = [c for c in text if c.isalpha()]
    result = ReadabilityResult()
    if len(letters) >= policy.min_letters_for_shouting:
        ratio = sum(c.isupper() for c in letters) / len(letters)
        result.metrics["capitals_ratio"] = ratio
        if ratio > policy.max_capitals_ratio:
            result.findings.append(
                Finding("readability", "readability", 0, len(text),
                        "De tekst staat bijna helemaal in hoofdletters.")
            )
    return result


def writing_hints(text: str, privacy_findings: list[Finding]) -> list[Hint]:
    """Return at most three hints for a writer (placeholder)."""
    hints: list[Hint] = []
    if privacy_findings:
        hints.append(Hint("names", "Noem liever geen namen: die halen we toch weg."))
    return hints[:3]
