"""Names of people: name lists, role and kinship context, surname particles, health links."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
PARTICLES = {
    "van",
    "de",
    "den",
    "der",
    "het",
    "ter",
    "ten",
    "te",
    "vanden",
    "vander",
    "le",
    "la",
    "du",
    "d'",
    "op",
    "in",
    "'t",
}
# Words that may sit between a role and the name: "directrice mevrouw Peeters", "juf, Nele".
BRIDGE = {"mevrouw", "meneer", "mevr", "dhr", "mw", "juf", "meester", "dokter", "dr"}
SENTENCE_END = re.compile(r"[.!?…:;\n]\s*[\"'(]*$")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 3 and word.isupper())


def _clean(word: str) -> str:
    """Drop a possessive ending: "Jonas'" -> "Jonas", "Lotte's" -> "Lotte"."""
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def find_names(text: str, keep: Sequence[str]) -> Iterator[Span]:
    """Yield PERSON spans; only the name, never the role word before it."""
    words = list(WORD.finditer(text))
    kept = _kept_ranges(text, keep)
    roles, kin = lexicon.roles(), lexicon.kinship()
    first, last = lexicon.first_names(), lexicon.surnames()
    common, places = lexicon.common_words(), lexicon.places()
    found: list[Span] = []
    i = 0
    while i < len(words):
        m = words[i]
        word = _clean(m.group(0))
        start = m.start()
        if not _is_capitalised(word) or _inside(start, kept) or word.lower() in BRIDGE:
            i += 1
            continue
        prev = _previous_word(text, words, i)
        context = prev in roles or prev in kin
        sentence_start = SENTENCE_END.search(text[:start]) is not None or start == 0
        listed = word in first or word in last
        lower = word.lower()
        if lower in places and not context:
            i += 1
            continue
        if listed and lower in common and not context and not _followed_by_name(words, i, last):
            i += 1
            continue
        if not (listed or context):
            i += 1
            continue
        if sentence_start and not listed and not context:
            i += 1
            continue
        end, i = _extend(text, words, i, first, last, kept)
        found.append(Span(start, end, "PERSON", 0.85 if context or listed else 0.6))
    yield from found
    # A name seen once is a name everywhere in the text ("Onze Lucas ... Lucas heeft").
    known = {
        word
        for w in words
        for s in found
        if s.start <= w.start() < s.end
        and (word := _clean(w.group(0))).lower() not in PARTICLES
        and word.lower() not in common
    }
    covered = [(s.start, s.end) for s in found]
    for m in words:
        word = _clean(m.group(0))
        if word in known and not _inside(m.start(), covered) and not _inside(m.start(), kept):
            yield Span(m.start(), m.start() + len(word), "PERSON", 0.8)


def _previous_word(text: str, words: list[re.Match[str]], i: int) -> str:
    """The word before words[i], if only spaces or a comma separate them."""
    j = i - 1
    while j >= 0:
        gap = text[words[j].end() : words[i].start()]
        if gap.strip(" ,") != "":
            return ""
        w = words[j].group(0).lower()
        if w in BRIDGE and j > 0:  # "directrice mevrouw Peeters": the role counts
            return w
        return w
    return ""


def _followed_by_name(words: list[re.Match[str]], i: int, last: frozenset[str]) -> bool:
    return i + 1 < len(words) and _clean(words[i + 1].group(0)) in last


def _extend(
    text: str,
    words: list[re.Match[str]],
    i: int,
    first: frozenset[str],
    last: frozenset[str],
    kept: list[tuple[int, int]],
) -> tuple[int, int]:
    """Grow a name over following surname parts: "Maria Claes", "An De Wilde"."""
    end = words[i].start() + len(_clean(words[i].group(0)))
    j = i + 1
    while j < len(words):
        gap = text[end : words[j].start()]
        if gap not in (" ", "-") or _inside(words[j].start(), kept):
            break
        w = _clean(words[j].group(0))
        if w.lower() in PARTICLES:
            # A particle only belongs to the name if a capitalised surname follows it.
            k = j
            while k < len(words) and _clean(words[k].group(0)).lower() in PARTICLES:
                k += 1
            if k >= len(words) or not _is_capitalised(_clean(words[k].group(0))):
                break
            if w[0].islower() and _clean(words[k].group(0)) not in last:
                break
            end = words[k].start() + len(_clean(words[k].group(0)))
            j = k + 1
            continue
        if _is_capitalised(w) and (w in last or w in first or w not in lexicon.common_words()):
            if w.lower() in lexicon.places():
                break
            end = words[j].start() + len(w)
            j += 1
            continue
        break
    return end, j


def _kept_ranges(text: str, keep: Sequence[str]) -> list[tuple[int, int]]:
    """Where the facility's name, the municipality and public organisations stand."""
    ranges: list[tuple[int, int]] = []
    lowered = text.lower()
    for phrase in (*keep, *lexicon.keep_phrases()):
        phrase = phrase.strip()
        if len(phrase) < 2:
            continue
        needle = phrase.lower()
        pos = lowered.find(needle)
        while pos != -1:
            ranges.append((pos, pos + len(needle)))
            pos = lowered.find(needle, pos + 1)
    return ranges


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def facility_keep(facility_name: str, municipality: str) -> list[str]:
    """Phrases of the submission that must stay: the facility's name (and its core), the town."""
    keep = [facility_name, municipality]
    words = [w for w in re.split(r"\s+", facility_name) if w]
    generic = {
        "kinderdagverblijf",
        "kdv",
        "crèche",
        "creche",
        "wzc",
        "woonzorgcentrum",
        "dagcentrum",
        "jeugdhulp",
        "bko",
        "boa",
        "'t",
        "de",
        "het",
        "huis",
    }
    core = [w for w in words if w.lower() not in generic]
    if core:
        keep.append(" ".join(core))
        keep.extend(w for w in core if len(w) > 2)
    return [k for k in keep if k]
