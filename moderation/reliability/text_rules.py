"""Checks on the words of a text: allegations, revenge, implausible claims, abuse, spam."""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderation.reliability.lexicon import TEXT_FLAGS, signals

# A negation right before an allegation turns it around: "niet geslagen", "nooit alleen gelaten".
NEGATION = re.compile(r"\b(?:niet|nooit|geen|niemand heeft)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A feeling, not a fact: "als ouder voel je je zo alleen gelaten".
FIGURATIVE = re.compile(r"\b(?:voel|voelde|voelen|voelt)\w*\s+(?:\w+\s+){0,3}$", re.IGNORECASE)

REASONS = {
    "serious_allegation": "Beschrijft mogelijk geweld, misbruik, verwaarlozing of onveilige zorg "
    "({hits}): naar een senior en de Zorginspectie-procedure.",
    "revenge": "Lijkt geschreven om te schaden: oproep tot boycot, dreiging of persoonlijke "
    "afrekening ({hits}).",
    "implausible": "Bevat beweringen die onwaarschijnlijk of sterk overdreven zijn ({hits}).",
    "abusive": "Bevat scheldwoorden of kwetsende taal ({hits}).",
    "spam": "Lijkt reclame of heeft niets met de voorziening te maken ({hits}).",
}
THRESHOLDS = {"serious_allegation": 2.0, "abusive": 2.0}


@dataclass(frozen=True)
class TextHit:
    """A flag raised by the words of a text, with the span of its first signal."""

    flag: str
    start: int
    end: int
    message: str


def check_text(text: str, threshold: float) -> list[TextHit]:
    """Sum the weights of each flag's signals; a flag whose sum reaches its threshold is raised."""
    hits: list[TextHit] = []
    lowered = text.lower()  # same length as text for the scripts we meet; checked below
    if len(lowered) != len(text):
        lowered = text
    for flag in TEXT_FLAGS:
        total = 0.0
        spans: list[tuple[int, int]] = []
        for signal in signals(flag):
            for m in signal.pattern.finditer(text if signal.cased else lowered):
                before = text[max(0, m.start() - 40) : m.start()]
                if flag == "serious_allegation" and (
                    NEGATION.search(before) or FIGURATIVE.search(before)
                ):
                    continue
                total += signal.weight
                spans.append(m.span())
                break  # one pattern counts once
        if spans and total >= THRESHOLDS.get(flag, threshold):
            start, end = min(spans)
            quoted = ", ".join(f"„{text[s:e]}”" for s, e in sorted(spans)[:3])
            hits.append(TextHit(flag, start, end, REASONS[flag].format(hits=quoted)))
    return hits
