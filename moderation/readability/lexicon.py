"""Word knowledge for the readability check: spelling, frequency, syllables, chat speak."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from moderation.readability.policy import ReadabilityPolicy

# Flemish diminutives ("laarskes", "manneke") and linking letters in compounds
# ("kinderSopvang") are regular: strip them before giving up on a word.
_DIMINUTIVE_ENDINGS = ("kes", "ke", "skes", "ske")
_LINKING = ("s", "e", "en")
_CLITICS = frozenset({"t", "s", "k", "n", "m"})
_DEFAULT = ReadabilityPolicy()


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """Return a packaged word list (data/<name>.txt) as a set of lowercase words."""
    text = resources.files("moderation.readability").joinpath(f"data/{name}.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.cache
def _spellchecker() -> Any:
    """Build the Dutch spelling dictionary once per process (≈ 0.3 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="nl", distance=1)


# textstat's word split, kept so the counts stay its counts without importing textstat (which
# imports nltk, ~0.9 s): drop an apostrophe that opens no English contraction, then every
# other mark but apostrophes, lowercase, split on white space.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")


@functools.cache
def _hyphenator() -> Any:
    """Pyphen's Dutch hyphenation dictionary, loaded once per process."""
    from pyphen import Pyphen

    return Pyphen(lang="nl")


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a lowercase word in Dutch (0 when unseen)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nl"))


@functools.lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in a word, counted as textstat counts Dutch: pyphen's hyphenation points + 1.

    At least 1; a "word" with inner spaces counts each of its parts.
    """
    words = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", word)).lower().split()
    hyphenator = _hyphenator()
    return max(1, sum(len(hyphenator.positions(w)) + 1 for w in words))


def _in_dictionary(word: str, known_zipf: float) -> bool:
    return (
        word in word_list("known_words")
        or word in _spellchecker().word_frequency
        or zipf(word) >= known_zipf
    )


@functools.lru_cache(maxsize=200_000)
def _known_part(word: str, min_part: int, known_zipf: float, depth: int) -> bool:
    """True if `word` is a dictionary word or a compound of such words (up to `depth` cuts)."""
    if _in_dictionary(word, known_zipf):
        return True
    for ending in _DIMINUTIVE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= min_part and _in_dictionary(stem, known_zipf):
            return True
    if depth == 0:
        return False
    for cut in range(min_part, len(word) - min_part + 1):
        head, tail = word[:cut], word[cut:]
        if not _known_part(tail, min_part, known_zipf, depth - 1):
            continue
        if _in_dictionary(head, known_zipf):
            return True
        for link in _LINKING:
            stem = head[: -len(link)]
            if head.endswith(link) and len(stem) >= min_part and _in_dictionary(stem, known_zipf):
                return True
    return False


def is_known(word: str, policy: ReadabilityPolicy = _DEFAULT) -> bool:
    """True if a word is correct Dutch: dictionary, allow-list, frequent, or a compound."""
    return _is_known(word, policy.max_compound_length, policy.min_compound_part, policy.known_zipf)


@functools.lru_cache(maxsize=200_000)
def _is_known(word: str, max_compound_length: int, min_part: int, known_zipf: float) -> bool:
    w = word.lower().strip("'’")
    if not w or w in _CLITICS:
        return True
    if "-" in w:
        return all(
            _is_known(part, max_compound_length, min_part, known_zipf)
            for part in w.split("-")
            if part
        )
    depth = 2 if len(w) <= max_compound_length else 0
    return _known_part(w, min_part, known_zipf, depth)


@functools.lru_cache(maxsize=50_000)
def suggestion(word: str, policy: ReadabilityPolicy = _DEFAULT) -> str | None:
    """The likely intended spelling of an unknown lowercase word, or None when unsure.

    One edit away (pyspellchecker's Dutch dictionary), itself a known and common word.
    """
    if is_known(word, policy):
        return None
    best = _spellchecker().correction(word)
    if not best or best == word or zipf(best) < policy.suggestion_min_zipf:
        return None
    return str(best)


def warm_up() -> None:
    """Load every word resource now, so the first real text is not slow."""
    _spellchecker()
    _hyphenator()
    zipf("opvang")
    syllables("opvang")
    for name in ("chat_speak", "informal", "known_words", "dutch_function_words"):
        word_list(name)
