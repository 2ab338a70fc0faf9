"""The words of a text as the name rules see them, and the word classes they use."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from moderation.privacy import lexicon

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SPLIT = re.compile(f"({WORD.pattern})", WORD.flags)  # gap, word, gap, ..., word, gap
_last_split: tuple[str | None, list[str]] = (None, [])


def word_split(text: str) -> list[str]:
    """`text` as gap, word, gap, ..., word, gap (its words are `WORD.findall(text)`), not to
    be changed. Remembered for the last text: the name rules and the health check both ask
    (one tuple, swapped whole, so threads never see half an answer)."""
    global _last_split
    last = _last_split
    if last[0] is text:
        return last[1]
    parts = _SPLIT.split(text)
    _last_split = (text, parts)
    return parts


SENTENCE_PUNCT = re.compile(r"[.!?…:;\n\"“”()\[\]•*]")
SUFFIX = re.compile(r"^([A-ZÀ-ÖØ-Þ][^\W\d_]{2,})['’][a-zçğıöşü]{1,4}$")
DIMINUTIVE = ("tje", "ke", "eke", "ken", "je")
JOINED_PARTICLE = re.compile(r"^(?:Van(?:de[nr]?)?|De|Ver)[a-zé]{3,}$")
# Ends of the names of groups, classes and houses: "de juf van de Vlindergroep".
GROUP_WORDS = (
    "groep",
    "groepje",
    "klas",
    "klasje",
    "afdeling",
    "dienst",
    "school",
    "opvang",
    "centrum",
    "huis",
    "huisje",
    "team",
    "werking",
    "leefgroep",
    "vleugel",
)
PLACE_WORDS = frozenset(
    {"van", "bij", "in", "naar", "uit", "op", "met", "de", "het", "t", "voor", "door", "aan"}
)
ENGLISH_CUES = frozenset({"the", "and", "is", "are", "we", "our", "with", "was", "very", "they"})
# Initials of more than one letter, as clinical letters write them: "Ph. Claeys", "Chr. Maes".
LONG_INITIALS = frozenset({"Ph", "Th", "Ch", "Chr", "Fr", "Joh", "Jac", "Wm", "Gh", "Jos"})
LOOSE_PARTICLES = frozenset({"van", "de", "den", "der", "ter", "ten", "te", "d", "t"})
START_PARTICLES_NOT = frozenset({"ter", "ten", "te", "op", "in", "uit", "t"})
ARTICLE_PARTICLES = frozenset({"de", "het", "t", "le", "la", "les", "des", "du"})
# A name after "De"/"Het" alone needs a listed surname: "De Smet", not "De Rupsjes".


class _Tok(NamedTuple):
    """One word of the text."""

    start: int
    end: int
    text: str  # without a possessive ending
    lower: str


def _clean(word: str) -> str:
    """Drop a possessive or case ending: "Jonas'", "Lotte's", "Ayşe'nin", "Venne'de"."""
    last = word[-1]
    if last == "s":
        return word[:-2] if len(word) > 2 and word[-2] in "'’" else word
    if last in "'’-":
        return word[:-1]
    if "'" in word or "’" in word:
        m = SUFFIX.match(word)
        return m.group(1) if m else word
    return word


def _is_capitalised(word: str) -> bool:
    if word[:2].lower() in ("d'", "d’", "l'", "l’") and len(word) > 2:
        return word[0].isupper() or word[2].isupper()  # "D'hondt", "d'Hondt"
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


_Phrases = tuple[tuple[str, ...], ...]


class _Capitalised(dict[str, bool]):
    """`_is_capitalised` per word, asked once (a bounded table)."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 100_000:  # a bound on memory
            self.clear()
        self[word] = found = _is_capitalised(word)
        return found


CAPITALISED = _Capitalised()


@cache
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as lowercase word sequences, by first word (longest first)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(w.lower() for w in WORD.findall(phrase))
        if words and len(phrase.strip()) >= 2:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@lru_cache(maxsize=1024)
def _phrase_table(phrases: tuple[str, ...]) -> dict[str, tuple[bool, dict[str, _Phrases]]]:
    """By first word: is the word alone a phrase, and the longer phrases by their second word
    (longest first)."""
    table: dict[str, tuple[bool, dict[str, _Phrases]]] = {}
    for first, sequences in _phrase_index(phrases).items():
        by_second: dict[str, list[tuple[str, ...]]] = {}
        for words in sequences:
            if len(words) > 1:
                by_second.setdefault(words[1], []).append(words)
        single = any(len(words) == 1 for words in sequences)
        table[first] = (single, {k: tuple(v) for k, v in by_second.items()})
    return table


def _kept_tokens(lowers: Sequence[str], keep: Sequence[str]) -> set[int]:
    """Indexes of the words that belong to a phrase that must stay.

    Where several phrases start at one word, the longest that matches covers the others."""
    kept: set[int] = set()
    n = len(lowers)
    phrases = tuple(keep)
    tables = (_phrase_table(lexicon.keep_phrases()), _phrase_table(phrases))
    firsts = _first_words(phrases)
    for i in [i for i, low in enumerate(lowers) if low in firsts]:
        for table in tables:
            entry = table.get(lowers[i])
            if entry is None:
                continue
            single, by_second = entry
            for words in by_second.get(lowers[i + 1], ()) if i + 1 < n else ():
                if tuple(lowers[i : i + len(words)]) == words:
                    kept.update(range(i, i + len(words)))
                    break
            else:
                if single:
                    kept.add(i)
    return kept


@lru_cache(maxsize=1024)
def _first_words(keep: tuple[str, ...]) -> frozenset[str]:
    """The first words of the phrases that must stay: the lists' and the submission's."""
    return frozenset(_phrase_table(lexicon.keep_phrases())) | frozenset(_phrase_table(keep))
