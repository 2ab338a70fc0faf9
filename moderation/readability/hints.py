"""Live writing hints in plain Dutch (B1): at most three, never blocking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from moderation.contract import PERSONAL_DATA_KINDS, Finding
from moderation.readability import rules
from moderation.readability.language import detect_language
from moderation.readability.metrics import surface
from moderation.readability.policy import ReadabilityPolicy
from moderation.readability.spelling import spelling_message, spelling_suggestions

MAX_HINTS = 3
_DEFAULT = ReadabilityPolicy()

# One message per kind of personal data (privacy/data/kinds.toml): what we remove and why.
_PRIVACY: dict[str, str] = {label: str(k["hint"]) for label, k in PERSONAL_DATA_KINDS.items()}
_MAX_PRIVACY_HINTS = 2


@dataclass(frozen=True)
class Hint:
    """One plain-Dutch hint shown to a writer while typing."""

    code: str
    message: str


def _privacy_hints(findings: Sequence[Finding]) -> list[Hint]:
    seen: list[str] = []
    for f in sorted(findings, key=lambda f: f.start):
        if f.label in _PRIVACY and f.label not in seen:
            seen.append(f.label)
    return [Hint(label.lower(), _PRIVACY[label]) for label in seen[:_MAX_PRIVACY_HINTS]]


def writing_hints(
    text: str, privacy_findings: list[Finding], policy: ReadabilityPolicy = _DEFAULT
) -> list[Hint]:
    """Return at most three hints that help a writer, most useful first."""
    if not text.strip():
        return []
    m = surface(text, policy)
    met = m.metrics
    hints: list[Hint] = []
    lang = detect_language(text, policy)
    if lang not in ("unknown", *policy.published_languages):
        hints.append(
            Hint(
                "language",
                "Reviews verschijnen in het Nederlands. Schrijf je tekst in het Nederlands: "
                "eenvoudige zinnen zijn goed genoeg.",
            )
        )
    hints.extend(_privacy_hints(privacy_findings))
    if lang in ("unknown", "nl"):
        typos = spelling_suggestions(text, privacy_findings, policy)
        if typos:
            hints.append(Hint("spelling", spelling_message(typos)))
    if rules.is_shouting(met, policy):
        hints.append(
            Hint(
                "shouting",
                "Je tekst staat helemaal in hoofdletters. In gewone letters leest hij makkelijker.",
            )
        )
    if met["longest_unpunctuated_words"] >= policy.wall_signal_words:
        hints.append(
            Hint("punctuation", "Zet af en toe een punt. Dan is je tekst makkelijker te lezen.")
        )
    elif met["max_sentence_words"] > policy.hint_sentence_words:
        hints.append(
            Hint("long_sentence", "Deze zin is erg lang. Kan je hem in twee delen splitsen?")
        )
    if met["chat_speak"] >= 1:
        hints.append(
            Hint(
                "chat_speak",
                "Schrijf woorden liever voluit, zoals 'ik weet het niet' in plaats van 'idk'. "
                "Zo begrijpt iedereen je.",
            )
        )
    if met["punctuation_floods"] >= 1:
        hints.append(
            Hint("exclamation", "Eén uitroepteken is genoeg. Zo komt je boodschap rustiger over.")
        )
    if met["elongated_words"] >= 1:
        hints.append(
            Hint("elongation", "Schrijf woorden gewoon, zonder extra letters zoals in 'suuuper'.")
        )
    if met["emoji"] > policy.hint_max_emoji:
        hints.append(Hint("emoji", "Een paar emoji is genoeg. Woorden zeggen meer."))
    # Only when the writer seems done (the text ends a sentence), else it nags while typing.
    if 0 < met["words"] < policy.hint_min_words and text.rstrip()[-1:] in ".!?":
        hints.append(
            Hint("short", "Je tekst is kort. Vertel gerust wat goed ging en wat beter kan.")
        )
    return hints[:MAX_HINTS]
