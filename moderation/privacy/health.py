"""Health details: always shown to the moderator, redacted when tied to an identifiable person."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Someone particular: a family word, a possessive or a personal pronoun, Dutch and French
# ("mijn zoon", "ons ma", "hij", "sa mère").
PERSONAL = re.compile(
    r"\b(?:mijn|m'n|ons|onze|zijn|z'n|haar|hun|hij|zij|hem|zoon|zoontje|dochter|dochtertje|"
    r"moeder|vader|mama|papa|ma|pa|oma|opa|broer|zus|man|vrouw|kleinkind|schoonmoeder|"
    r"schoonvader|echtgenoot|echtgenote|pleegkind|mon|mes|son|sa|ses|notre|nos|leur|leurs|"
    r"fils|fille|mère|père|mari|femme|il|elle)\b",
    re.IGNORECASE,
)
# Inflections to strip before a look-up: plural, diminutive, French plural and feminine.
ENDINGS = ("tjes", "etjes", "jes", "tje", "je", "ën", "en", "n", "s", "'s", "x", "e")


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(words, ALL-CAPS words, prefixes, phrases) from data/health.txt."""
    lower, exact = lexicon.health_terms()
    words = frozenset(t for t in lower if " " not in t and not t.endswith("*"))
    prefixes = tuple(sorted(t[:-1] for t in lower if t.endswith("*")))
    phrases = tuple(sorted((t for t in lower if " " in t), key=len, reverse=True))
    return words, exact, prefixes, phrases


def health_word(word: str) -> str:
    """The evidence key if `word` is a health term (in any inflection or compound), else ""."""
    words, exact, prefixes, _ = _lexicon()
    if word in exact:
        return "health"
    low = word.lower()
    if low in words or low.startswith(prefixes):
        return "health"
    for end in ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 4 and low[: -len(end)] in words:
            return "health"
    for head in lexicon.health_heads():
        if low.endswith(head) and len(low) >= len(head) + 3:
            return "health_compound"
    return ""


def find_health(text: str, persons: Sequence[Span]) -> Iterator[tuple[Span, bool]]:
    """Yield (span, identifiable) for every health term; identifiable ones are redacted."""
    _, _, _, phrases = _lexicon()
    evidence = lexicon.evidence()
    for sentence in SENTENCE.finditer(text):
        s_start, s_end = sentence.span()
        body = sentence.group(0)
        hits: list[tuple[int, int, str]] = []
        low = body.lower()
        for term in phrases:
            pos = low.find(term)
            while pos != -1:
                hits.append((s_start + pos, s_start + pos + len(term), "health"))
                pos = low.find(term, pos + 1)
        for m in WORD.finditer(body):
            why = health_word(m.group(0).rstrip("'’-"))
            start, end = s_start + m.start(), s_start + m.end()
            if why and not any(a <= start < b for a, b, _ in hits):
                hits.append((start, end, why))
        if not hits:
            continue
        named = any(s_start <= p.start < s_end for p in persons)
        identifiable = named or PERSONAL.search(body) is not None
        for start, end, why in hits:
            yield Span(start, end, "HEALTH", float(evidence[why]["score"]), why), identifiable
