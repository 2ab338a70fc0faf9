"""Health details: always shown to the moderator, redacted when tied to an identifiable person."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span

WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Someone particular: a family word or a possessive ("mijn zoon", "ons ma", "zijn", "haar").
PERSONAL = re.compile(
    r"\b(?:mijn|m'n|ons|onze|zijn|z'n|haar|hun|zoon|zoontje|dochter|dochtertje|moeder|vader|"
    r"mama|papa|ma|pa|oma|opa|broer|zus|man|vrouw|kleinkind)\b",
    re.IGNORECASE,
)


def find_health(text: str, persons: Sequence[Span]) -> Iterator[tuple[Span, bool]]:
    """Yield (span, identifiable) for every health term; identifiable ones are redacted."""
    lower_terms, exact_terms = lexicon.health_terms()
    multi = [t for t in lower_terms if " " in t]
    for sentence in SENTENCE.finditer(text):
        s_start, s_end = sentence.span()
        hits: list[tuple[int, int]] = []
        for m in WORD.finditer(sentence.group(0)):
            word = m.group(0)
            lw = word.lower()
            if word in exact_terms or lw in lower_terms or _compound(lw, lower_terms):
                hits.append((s_start + m.start(), s_start + m.end()))
        low = sentence.group(0).lower()
        for term in multi:
            pos = low.find(term)
            if pos != -1:
                hits.append((s_start + pos, s_start + pos + len(term)))
        if not hits:
            continue
        named = any(s_start <= p.start < s_end for p in persons)
        identifiable = named or PERSONAL.search(sentence.group(0)) is not None
        for start, end in hits:
            yield Span(start, end, "HEALTH", 0.8), identifiable


def _compound(word: str, terms: frozenset[str]) -> bool:
    """A compound ending in a health term: "notenallergie", "hechtingsstoornis"."""
    return (
        len(word) > 8
        and any(word.endswith(t) and len(t) >= 6 for t in ("allergie", "stoornis", "achterstand"))
        and word not in terms
    )
