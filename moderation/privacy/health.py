"""Health details: always shown to the moderator, redacted when tied to an identifiable person."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span
from moderation.privacy.name_tokens import word_split
from moderation.regex_set import led

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Someone particular: a family word, a possessive or a personal pronoun, Dutch and French
# ("mijn zoon", "ons ma", "hij", "sa mère").
PERSONAL = re.compile(
    r"\b(?:mijn|m'n|ons|onze|zijn|z'n|haar|hun|hij|zij|ze|hem|zoon|zoontje|dochter|dochtertje|"
    r"moeder|vader|mama|papa|ma|pa|oma|opa|broer|zus|man|vrouw|kleinkind|schoonmoeder|"
    r"schoonvader|echtgenoot|echtgenote|pleegkind|mon|mes|son|sa|ses|notre|nos|leur|leurs|"
    r"fils|fille|mère|père|mari|femme|il|elle)\b",
    re.IGNORECASE,
)
# Words after which a condition is named: "lijdt aan ...", "gekend met ...", "souffre de ...".
HEALTH_CONTEXT = re.compile(
    r"\b(?:lijdt|leed|lijden|leden)\s+aan|\bgediagnosticeerd\s+met|\bdiagnose\s*(?:van|:)?"
    r"|\bgekend\s+met|\bsouffre\s+d[e'’]|\batteinte?\s+d[e'’]|\bdiagnostiquée?\s+(?:avec|d[e'’])",
    re.IGNORECASE,
)
_HEALTH_CONTEXT_SCAN = led(HEALTH_CONTEXT, "[lgdsa]")  # the first letters of its cues
_CONDITION = re.compile(
    r"\s*(?:(?:een|de|het|la|le|les|une?|des|du|l['’])\s*)?"
    r"((?:[^\W\d_][\w'’-]*)(?:\s+(?:van|de|d['’])?\s*[^\W\d_][\w'’-]*)?)",
    re.IGNORECASE,
)
_NOT_A_CONDITION = frozenset(
    {"hem", "haar", "hen", "ons", "mij", "me", "zijn", "hun", "wat", "dat", "die", "deze", "veel"}
)
# Inflections to strip before a look-up: plural, diminutive, French plural and feminine.
ENDINGS = ("tjes", "etjes", "jes", "tje", "je", "ën", "en", "n", "s", "'s", "x", "e", "es")


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(words in every inflection, ALL-CAPS words, prefixes, phrases) from data/health.txt."""
    lower, exact = lexicon.health_terms()
    base = {t for t in lower if " " not in t and not t.endswith("*")}
    words = frozenset(base | {t + end for t in base for end in ENDINGS})
    prefixes = tuple(sorted(t[:-1] for t in lower if t.endswith("*")))
    phrases = tuple(sorted((t for t in lower if " " in t), key=len, reverse=True))
    return words, exact, prefixes, phrases


@lru_cache(maxsize=65_536)
def health_word(word: str) -> str:
    """The evidence key if `word` is a health term (in any inflection or compound), else ""."""
    words, exact, prefixes, _ = _lexicon()
    if word in exact:
        return "health"
    low = word.lower()
    if low in words or low.startswith(prefixes):
        return "health"
    heads = lexicon.health_heads()
    if len(low) >= 7 and low.endswith(heads):
        for head in heads:
            if low.endswith(head) and len(low) >= len(head) + 3:
                return "health_compound"
    return ""


def _as_term(token: str) -> tuple[str, int]:
    """The word to look up for a token, and its offset in the token."""
    word = token.rstrip("'’-")
    if word[1:2] in ("'", "’") and len(word) > 3:  # French elision: "l'asthme"
        return word[2:], 2
    return word, 0


class _TokenHealth(dict[str, str]):
    """Per token: the evidence key of its word, as `health_word` gives it (asked once)."""

    def __missing__(self, token: str) -> str:
        if len(self) >= 65_536:  # a bound on memory
            self.clear()
        self[token] = why = health_word(_as_term(token)[0])
        return why


_TOKEN_HEALTH = _TokenHealth()


def find_health(text: str, persons: Sequence[Span]) -> Iterator[tuple[Span, bool]]:
    """Yield (span, identifiable) for every health term; identifiable ones are redacted."""
    _, _, _, phrases = _lexicon()
    evidence = lexicon.evidence()
    hits: list[tuple[int, int, str]] = []
    low = text.lower()
    for term in phrases:
        pos = low.find(term)
        while pos != -1:
            hits.append((pos, pos + len(term), "health"))
            pos = low.find(term, pos + 1)
    in_phrase = [(a, b) for a, b, _ in hits]
    # Most texts hold no health word: one look-up per word string, and positions only if one is.
    if any(map(_TOKEN_HEALTH.__getitem__, word_split(text)[1::2])):  # WORD.findall(text)
        for m in WORD.finditer(text):
            word, start = _as_term(m.group(0))
            why = health_word(word)
            if why and not any(a <= start + m.start() < b for a, b in in_phrase):
                hits.append((start + m.start(), start + m.start() + len(word), why))
    for m in _HEALTH_CONTEXT_SCAN.finditer(text):
        c = _CONDITION.match(text, m.end())
        if c is None or c.group(1).split()[0].lower() in _NOT_A_CONDITION:
            continue
        start, end = c.span(1)
        if not any(a < end and start < b for a, b, _ in hits):
            hits.append((start, end, "health_context"))
    if not hits:
        return
    hits.sort()
    for sentence in SENTENCE.finditer(text):
        s_start, s_end = sentence.span()
        inside = [h for h in hits if s_start <= h[0] < s_end]
        if not inside:
            continue
        named = any(s_start <= p.start < s_end for p in persons)
        identifiable = named or PERSONAL.search(sentence.group(0)) is not None
        for start, end, why in inside:
            yield Span(start, end, "HEALTH", float(evidence[why]["score"]), why), identifiable
