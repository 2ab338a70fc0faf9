"""Readability and language: metrics, flags for moderators, hints for writers."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderation.contract import Finding
from moderation.readability import lexicon, rules
from moderation.readability.describe import describe_metrics, reasons
from moderation.readability.hints import Hint, writing_hints
from moderation.readability.language import detect_language, language_notice
from moderation.readability.metrics import measure
from moderation.readability.policy import ReadabilityPolicy

__all__ = [
    "Hint",
    "ReadabilityPolicy",
    "ReadabilityResult",
    "check_readability",
    "describe_metrics",
    "language_notice",
    "warm_up",
    "writing_hints",
]


@dataclass
class ReadabilityResult:
    """Findings, the detected language code (or "unknown") and metrics."""

    findings: list[Finding] = field(default_factory=list)
    language: str = "unknown"
    metrics: dict[str, float] = field(default_factory=dict)


def check_readability(text: str, policy: ReadabilityPolicy) -> ReadabilityResult:
    """Detect the language, measure `text`, and flag it only if it cannot be published as is."""
    result = ReadabilityResult(language=detect_language(text, policy))
    m = measure(text, policy)
    result.metrics = m.metrics
    end = len(text)
    met = m.metrics
    foreign = result.language not in ("unknown", *policy.published_languages)
    # Languages outside the detector's list come back "unknown"; a long text with mostly
    # non-Dutch words is still not publishable as it is.
    unplaced = (
        result.language == "unknown"
        and met["words"] >= policy.min_words_for_foreign_fallback
        and met["spelling_error_rate"] >= policy.foreign_fallback_error_rate
    )
    if foreign or unplaced:
        result.findings.append(
            Finding(
                "language",
                "language",
                0,
                end,
                "De tekst is niet in het Nederlands geschreven en kan zo niet verschijnen.",
            )
        )
    if rules.is_shouting(met, policy):
        result.findings.append(
            Finding(
                "readability",
                "readability",
                0,
                end,
                f"De tekst staat voor {met['capitals_ratio']:.0%} in hoofdletters en komt "
                "daardoor als roepen over.",
            )
        )
    if rules.is_wall(met, policy):
        start, stop = m.wall_span
        result.findings.append(
            Finding(
                "readability",
                "readability",
                start,
                stop,
                f"Hier staan {met['longest_unpunctuated_words']:.0f} woorden na elkaar zonder "
                "één leesteken, wat bijna niet te lezen is.",
            )
        )
    if not (foreign or unplaced) and rules.is_gibberish(met, policy):
        result.findings.append(
            Finding(
                "readability",
                "readability",
                0,
                end,
                f"{met['gibberish_words']:.0f} van de {met['words']:.0f} woorden zijn willekeurige "
                "toetsaanslagen (zoals 'asdf' of letters zonder klinker); zo is de tekst niet "
                "te lezen.",
            )
        )
    flagged = any(f.check == "readability" for f in result.findings)
    # Chat speak and spelling are judged in Dutch only; a foreign text already has its finding.
    dutch = not (foreign or unplaced)
    if not flagged and dutch and rules.is_noisy(met, policy):
        why = reasons(met, policy)[:3]
        listed = ", ".join(why[:-1]) + " en " + why[-1] if len(why) > 1 else "".join(why)
        result.findings.append(
            Finding(
                "readability",
                "readability",
                0,
                end,
                f"De tekst kan zo niet verschijnen door te veel slordigheden: {listed}.",
            )
        )
    return result


def warm_up(policy: ReadabilityPolicy | None = None) -> None:
    """Load the language models and word lists now (once per process), not on the first text."""
    from moderation.readability import language

    policy = policy or ReadabilityPolicy()
    language.warm_up(policy)
    lexicon.warm_up()
