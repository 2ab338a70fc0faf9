"""Checks on the words of a text: allegations, revenge, implausible claims, abuse, spam.

Each flag sums weighted cue families (`data/<flag>.txt`); the text is tokenised and
lemmatised once and every cue of every flag is looked up in that one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderation.reliability.cues import TEXT_FLAGS, Score, matcher, score

REASONS = {
    "serious_allegation": "Beschrijft mogelijk geweld, misbruik, verwaarlozing of onveilige zorg "
    "({evidence}): naar een senior en de Zorginspectie-procedure.",
    "revenge": "Lijkt geschreven om te schaden: dreiging, privégegevens of een persoonlijke "
    "afrekening ({evidence}).",
    "implausible": "Bevat beweringen die onwaarschijnlijk, sterk overdreven of van horen zeggen "
    "zijn ({evidence}).",
    "abusive": "Bevat scheldwoorden, veralgemeningen over groepen of kwetsende taal ({evidence}).",
    "spam": "Lijkt reclame of heeft niets met de voorziening te maken ({evidence}).",
}
RISK = (
    "Mogelijk een risico voor een kwetsbare persoon, onder de drempel om te escaleren "
    "({evidence}): lees het na voor het verschijnt."
)
#: The check name of a below-threshold risk: not a flag, but it keeps the route off "publish".
RISK_CHECK = "risk"


@dataclass(frozen=True)
class TextHit:
    """A flag raised by the words of a text, with the span of its first cue."""

    flag: str
    start: int
    end: int
    message: str


def scores(text: str, threshold: float = 2.0, kind: str = "review") -> dict[str, Score]:
    """Every text flag's score for `text` (flags without any cue are left out)."""
    m = matcher()
    found = m.find(text, kind)
    return {
        flag: score(m.rules[flag], found[flag], threshold) for flag in TEXT_FLAGS if found.get(flag)
    }


def check_text(text: str, threshold: float = 2.0, kind: str = "review") -> list[TextHit]:
    """Raise each flag whose cue score reaches its threshold; a lone risk cue gives a risk hit."""
    hits: list[TextHit] = []
    for flag, s in scores(text, threshold, kind).items():
        start = min(h.start for h in s.hits)
        end = min(s.hits, key=lambda h: h.start).end
        if s.raised:
            hits.append(TextHit(flag, start, end, REASONS[flag].format(evidence=s.evidence())))
        elif s.risky:
            hits.append(TextHit(RISK_CHECK, start, end, RISK.format(evidence=s.evidence())))
    return hits
