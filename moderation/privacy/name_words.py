"""What one token of a text may be, in its context: the tests the name parser asks."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, partial
from itertools import accumulate

from moderation.privacy import lexicon
from moderation.privacy.health import health_word
from moderation.privacy.name_tokens import (
    CAPITALISED,
    DIMINUTIVE,
    ENGLISH_CUES,
    GROUP_WORDS,
    LONG_INITIALS,
    SENTENCE_PUNCT,
    _clean,
    _kept_tokens,
    _Tok,
    word_split,
)

_MARK = re.compile(r"['’-]")  # a word with one of these may lose a possessive ending
_new_tok = partial(tuple.__new__, _Tok)


def _tokens(text: str) -> list[_Tok]:
    """The words of `text` without possessive endings (a word with none is kept as it is)."""
    parts = word_split(text)
    words = parts[1::2]
    if not words:
        return []
    ends = list(accumulate(map(len, parts)))
    starts, stops = ends[0::2], ends[1::2]
    # One lower() for all words: no word holds a newline, and a newline keeps a final sigma
    # final as the end of a word alone does.
    lowers = "\n".join(words).lower().split("\n")
    toks = list(map(_new_tok, zip(starts, stops, words, lowers, strict=False)))
    if "'" in text or "’" in text or "-" in text:
        marked = {
            k
            for m in _MARK.finditer(text)
            if (k := bisect_right(starts, m.start()) - 1) >= 0 and m.start() < stops[k]
        }
        for k in sorted(marked, reverse=True):  # _clean leaves a word without an ending as it is
            t = toks[k]
            word = _clean(t.text)
            if not word:
                del toks[k]
            elif word != t.text:
                toks[k] = _new_tok((t.start, t.start + len(word), word, word.lower()))
    return toks


@cache
def _starters() -> frozenset[str]:
    """The lowercase words that may start a name: titles, roles, family words, particles."""
    return lexicon.titles() | lexicon.roles() | lexicon.kinship() | lexicon.particles()


def _listed(word: str) -> bool:
    """Is `word` a listed first name or surname, a double one, or a first name's diminutive?"""
    first, last = lexicon.first_names(), lexicon.surnames()
    if word in first or word in last:
        return True
    if "-" in word:  # "Jan-Willem", "Janssens-Claes"
        parts = word.split("-")
        return all(p in first or p in last for p in parts if p)
    return _diminutive(word)


def _diminutive(word: str) -> bool:
    first = lexicon.first_names()
    for tail in DIMINUTIVE:
        stem = word[: -len(tail)]
        if word.endswith(tail) and len(stem) >= 3 and (stem in first or stem + "e" in first):
            return word.lower() not in lexicon.common_words()
    return False


class _Listed(dict[str, bool]):
    """`_listed` per word, asked once (the lists do not change in a process)."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 100_000:  # a bound on memory
            self.clear()
        self[word] = found = _listed(word)
        return found


_LISTED = _Listed()


class WordTests:
    """One text's tokens and what each may be: a title, an initial, a (part of a) name."""

    def __init__(self, text: str, keep: Sequence[str]) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.kept_idx = _kept_tokens([t.lower for t in self.toks], keep)
        self.first, self.last = lexicon.first_names(), lexicon.surnames()
        self.ambiguous, self.common = lexicon.ambiguous_names(), lexicon.common_words()
        self.function = lexicon.function_words()
        self.places, self.langs = lexicon.places(), lexicon.languages()
        self.titles, self.roles, self.kin = lexicon.titles(), lexicon.roles(), lexicon.kinship()
        self.particles = lexicon.particles()
        self.greetings = lexicon.greetings()
        self.found_tokens: list[tuple[int, int]] = []
        self.core = lexicon.core_names()
        self.stop = lexicon.stop_words()
        self._english: bool | None = None

    # --- what a token is ------------------------------------------------------------------

    def english(self) -> bool:
        """Is this an English text (where "An" is an article, not a Flemish first name)?"""
        if self._english is None:
            self._english = sum(t.lower in ENGLISH_CUES for t in self.toks) >= 3
        return self._english

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.toks[i - 1].end : self.toks[i].start] if i > 0 else ""

    def kept_at(self, i: int) -> bool:
        return i in self.kept_idx

    def is_initial(self, i: int) -> bool:
        t = self.toks[i]
        if self.text[t.end : t.end + 1] != ".":
            return False
        return (len(t.text) == 1 and t.text.isupper()) or t.text in LONG_INITIALS

    def is_abbreviation(self, i: int) -> bool:
        return self.is_initial(i) or self.toks[i].lower in self.titles

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.gap(i)
        if not SENTENCE_PUNCT.search(gap):
            return False
        return not (gap.strip() == "." and self.is_abbreviation(i - 1))

    def listed(self, word: str) -> bool:
        return _LISTED[word]

    def diminutive(self, word: str) -> bool:
        return _diminutive(word)

    def trigger(self, lower: str) -> bool:
        return lower in self.titles or lower in self.roles or lower in self.kin

    def _as_name_token(self, i: int, mode: str) -> _Tok | None:
        """Token i as a name part would be written (capitalised), or None if it cannot be."""
        t = self.toks[i]
        strong = mode in ("title", "initials", "surname")
        if strong and len(t.text) > 1 and t.text.isupper() and t.text.isalpha():
            return t._replace(text=t.text.title())  # "Mevr. JANSEN", "dr. J. PEETERS"
        if mode in ("title", "kin", "role") and t.text.islower():
            # "juf sofie", "onze zoon lowie": a listed name written without its capital
            title = t.text.capitalize()
            if (
                title not in self.core  # a Belgian or Dutch name: "sofie", not "kent"
                or t.lower in self.function
                or t.lower in self.ambiguous
                or t.lower in self.stop
            ):
                return None
            return t._replace(text=title)
        return t

    def _excluded(self, i: int, t: _Tok, mode: str) -> bool:
        """Whatever the mode, this capitalised token is no name part here."""
        strong = mode in ("title", "initials", "surname")
        if not CAPITALISED[t.text] or self.kept_at(i):
            return True
        if self.trigger(t.lower) and not (strong and t.text in self.last):
            return True  # "mevrouw Kok", "dhr. De Man": a role word as a surname
        if not strong and health_word(t.text):
            return True
        if t.lower in self.particles and mode != "title":
            return True
        # "Vlindergroep", "Zonnehuis": a group's or house's name
        return not self.listed(t.text) and t.lower.endswith(GROUP_WORDS)

    def name_word(self, i: int, mode: str) -> bool:
        """Can token i be (the next part of) a name, given what came before it?"""
        t = self._as_name_token(i, mode)
        if t is None or self._excluded(i, t, mode):
            return False
        return self._fits(t, mode, self.listed(t.text))

    def _fits(self, t: _Tok, mode: str, listed: bool) -> bool:
        """The rule of each context: how much evidence an unlisted word needs there."""
        low = t.lower
        if mode == "surname":  # after a title or name and particles: "de heer Van 't Hof"
            return listed or low not in self.stop
        if mode in ("title", "kin"):  # "dr. Aerts"; "opa Staf", "zijn vrouw Ans"
            return listed or low not in self.function
        if mode == "initials":
            return listed or low not in self.common
        if low in self.langs:
            return False
        if mode == "role":  # "kinesist Bakker", "verpleger Koen"
            if low in self.places or low in self.function:
                return listed and low not in self.places
            return True
        if mode in ("greeting", "possessive"):  # "Beste Griet", "onze Lowie", not "Beste Ouders"
            return low not in self.places and (listed or low not in self.common)
        # "particle" ("van der Meer") and "next" (a further part): a place only as a surname
        if low in self.places:
            return t.text in self.last
        return listed or low not in self.common

    # --- growing a name ---------------------------------------------------------------------
