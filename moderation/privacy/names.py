"""Names of people in the forms Flemish texts use: titles, initials, particles, lists, context.

Each name found carries the evidence that raised it (see data/evidence.toml). The rules, from
strongest to weakest:
- a title or form of address, then a name on no list: "Dhr. Vranckx", "mevrouw Öztürk";
- initials, then a surname: "J. Peeters", "P.J. de Vries", "J.-P. Maes"; or "Peeters, J.";
- a care role, a family word or a greeting, then a listed or unusual word: "verpleger Koen";
- a particle, then a surname: "Van Hoorebeke", "van den Abeele", "El Amrani";
- a first name or surname from Faker's lists, grown over the name parts after it;
- a surname with a joined particle that is no Dutch word: "Vanderstraeten", "Dewaele";
- a sign-off or a function after a name: "Groetjes, Griet", "Els Peeters, directeur".
What is not a person stays: the facility's name, organisations, media, children's characters,
idioms (data/keep.txt), places and regions, languages, and names that are also ordinary words
("Elke dag") unless context says a person is meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span
from moderation.privacy.health import health_word

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
SENTENCE_PUNCT = re.compile(r"[.!?…:;\n\"“”()\[\]•*]")
DIMINUTIVE = ("tje", "ke", "eke", "ken", "je")
JOINED_PARTICLE = re.compile(
    r"^(?:Van(?:de[nr]?)?|Vande|De|Ver|Ter|Ten|Del|Della|Di|Da)[a-zé]{3,}$"
)
LOOSE_PARTICLES = frozenset({"van", "de", "den", "der", "ter", "ten", "te", "d", "t"})
ARTICLE_PARTICLES = frozenset({"de", "het", "t", "le", "la", "les", "des", "du"})
# A name after "De"/"Het" alone needs a listed surname: "De Smet", not "De Rupsjes".
PLURAL_OR_DIMINUTIVE = re.compile(r"(?:jes|tjes|kes|ers|en)$")


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str  # without a possessive ending
    lower: str


def _clean(word: str) -> str:
    """Drop a possessive ending: "Jonas'" -> "Jonas", "Lotte's" -> "Lotte"."""
    for tail in ("'s", "’s", "'", "’", "-"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def _is_capitalised(word: str) -> bool:
    if word[:2].lower() in ("d'", "d’", "l'", "l’") and len(word) > 2:
        word = word[2:]
    return word[:1].isupper() and not (len(word) > 3 and word.isupper())


@cache
def _keep_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = sorted({re.escape(p.strip()) for p in phrases if len(p.strip()) >= 2}, key=len)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(reversed(parts)) + r")(?!\w)", re.IGNORECASE)


def kept_ranges(text: str, keep: Sequence[str]) -> list[tuple[int, int]]:
    """Where the facility's name and core, organisations, media, characters and idioms stand."""
    ranges: list[tuple[int, int]] = []
    for pattern in (_keep_pattern(lexicon.keep_phrases()), _keep_pattern(tuple(keep))):
        if pattern is not None:
            ranges.extend(m.span() for m in pattern.finditer(text))
    return ranges


class _Scanner:
    """One pass over one text; `find` returns (start, end, evidence) per name."""

    def __init__(self, text: str, keep: Sequence[str]) -> None:
        self.text = text
        self.toks = [
            _Tok(m.start(), m.start() + len(c), c, c.lower())
            for m in WORD.finditer(text)
            if (c := _clean(m.group(0)))
        ]
        self.kept = kept_ranges(text, keep)
        self.first, self.last = lexicon.first_names(), lexicon.surnames()
        self.ambiguous, self.common = lexicon.ambiguous_names(), lexicon.common_words()
        self.function = lexicon.function_words()
        self.places, self.langs = lexicon.places(), lexicon.languages()
        self.titles, self.roles, self.kin = lexicon.titles(), lexicon.roles(), lexicon.kinship()
        self.particles = lexicon.particles()
        self.core = lexicon.core_names()

    # --- what a token is ------------------------------------------------------------------

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.toks[i - 1].end : self.toks[i].start] if i > 0 else ""

    def kept_at(self, i: int) -> bool:
        t = self.toks[i]
        return any(s <= t.start < e for s, e in self.kept)

    def is_initial(self, i: int) -> bool:
        t = self.toks[i]
        return len(t.text) == 1 and t.text.isupper() and self.text[t.end : t.end + 1] == "."

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
        return word in self.first or word in self.last or self.diminutive(word)

    def diminutive(self, word: str) -> bool:
        for tail in DIMINUTIVE:
            stem = word[: -len(tail)]
            if (
                word.endswith(tail)
                and len(stem) >= 3
                and (stem in self.first or stem + "e" in self.first)
            ):
                return word.lower() not in self.common
        return False

    def trigger(self, lower: str) -> bool:
        return lower in self.titles or lower in self.roles or lower in self.kin

    def name_word(self, i: int, mode: str) -> bool:
        """Can token i be (the next part of) a name, given what came before it?"""
        t = self.toks[i]
        if not _is_capitalised(t.text) or self.kept_at(i) or self.trigger(t.lower):
            return False
        if mode not in ("title", "initials") and health_word(t.text):
            return False
        if t.lower in self.particles and mode != "title":
            return False
        listed = self.listed(t.text)
        if mode == "title":  # after a title almost anything capitalised is a name
            return listed or t.lower not in self.function
        if mode == "initials":
            return listed or t.lower not in self.common
        if mode in ("role", "kin", "possessive"):
            if t.lower in self.langs or (t.lower in self.places and mode == "possessive"):
                return False
            return listed or t.lower not in self.common
        if mode == "particle":
            return t.text in self.last or (
                t.lower not in self.common and t.lower not in self.places
            )
        # "next": a further part after a first name or surname
        if t.lower in self.places or t.lower in self.langs:
            return t.text in self.last
        return listed or t.lower not in self.common

    # --- growing a name ---------------------------------------------------------------------

    def parse(self, j: int, mode: str) -> int | None:
        """Index after the last token of a name starting at token j, or None."""
        n = len(self.toks)
        k = j
        initials = False
        while k < n and self.is_initial(k) and (k == j or self._joined(k)):
            initials = True
            k += 1
        if initials:
            mode = "title" if mode == "title" else "initials"
            if k < n and not self._joined(k):
                return None
        p = self._particles(k, mode)
        if p == k + 1 and mode in ("role", "kin", "possessive") and self.toks[k].text.islower():
            return None  # "de consulent van Jongerenwelzijn": a preposition, not a particle
        k = p
        if k >= n or not (k == j or self._joined(k)) or not self.name_word(k, mode):
            return None
        if k > j and mode not in ("title", "initials"):
            low = {self.toks[p].lower for p in range(j, k)}
            if low <= ARTICLE_PARTICLES and self.toks[k].text not in self.last:
                return None
        return self.grow(k + 1)

    def grow(self, k: int) -> int:
        """Extend a name over following parts: "Maria Claes", "An De Wilde", "Janssens-Claes"."""
        n = len(self.toks)
        while k < n and self._joined(k):
            p = self._particles(k, "next")
            if p > k:  # "Maria van den Berg": particles count only before a surname
                if p < n and self._joined(p) and self.name_word(p, "particle"):
                    k = p + 1
                    continue
                break
            if self.name_word(k, "next"):
                k += 1
                continue
            break
        return k

    def _joined(self, k: int) -> bool:
        """Token k follows token k-1 inside one name (a space, hyphen or initial's dot)."""
        gap = self.gap(k)
        if gap in (" ", "-", "\u00a0"):
            return True
        return gap.replace(" ", "") in (".", ".-", "-") and self.is_abbreviation(k - 1)

    def _particles(self, k: int, mode: str) -> int:
        n = len(self.toks)
        start = k
        while k < n and self.toks[k].lower in self.particles and (k == start or self._joined(k)):
            t = self.toks[k]
            if t.lower == "t" and self.text[t.start - 1 : t.start] not in ("'", "’"):
                break
            if mode == "next" and t.lower not in LOOSE_PARTICLES and not t.text[0].isupper():
                break
            k += 1
        return k

    # --- the rules --------------------------------------------------------------------------

    def find(self) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        toks, n = self.toks, len(self.toks)
        i = 0
        while i < n:
            if self.kept_at(i):
                i += 1
                continue
            hit = self._at(i)
            if hit is None:
                i += 1
                continue
            start_tok, end_tok, why = hit
            out.append((toks[start_tok].start, toks[end_tok - 1].end, why))
            i = end_tok
        return out

    def _at(self, i: int) -> tuple[int, int, str] | None:
        t = self.toks[i]
        n = len(self.toks)
        nxt = i + 1 < n and self._joined(i + 1)
        # A title, role, family word or greeting, then the name.
        if nxt and self.trigger(t.lower):
            if t.lower in self.titles:
                mode, why = "title", "title"
            elif t.lower in self.kin:
                mode = "possessive" if t.lower in ("ons", "onze", "mijn", "m'n") else "kin"
                why = "kin"
            else:
                mode, why = "role", "role"
            end = self.parse(i + 1, mode)
            if end is not None:
                return i + 1, end, why
            # "de heer": a two-word title
            if t.lower == "de" and self.toks[i + 1].lower == "heer" and i + 2 < n:
                end = self.parse(i + 2, "title") if self._joined(i + 2) else None
                if end is not None:
                    return i + 2, end, "title"
        if not _is_capitalised(t.text) and t.lower not in self.particles:
            return None
        # Initials, then a surname.
        if self.is_initial(i):
            end = self.parse(i, "initials")
            if end is not None:
                return i, end, "initials"
            return None
        # A particle, then a surname.
        if t.lower in self.particles and (t.text[0].isupper() or self._multi_particle(i)):
            end = self.parse(i, "particle")
            if end is not None:
                return i, end, "particle"
            return None
        if not _is_capitalised(t.text) or self.trigger(t.lower):
            return None
        # "Peeters, J." and "Els Peeters, directeur".
        after = self._surname_initials(i)
        if after is not None:
            return i, after, "surname_initials"
        if health_word(t.text):  # "Depakine", "Parkinson": a medicine or condition
            return None
        listed = self.listed(t.text)
        if listed:
            end = self.grow(i + 1)
            if self._plain(i, end):
                why = "first_name" if t.text in self.first else "surname"
                if t.text not in self.first and t.text not in self.last:
                    why = "diminutive"
                return i, end, why
        if (
            JOINED_PARTICLE.match(t.text)
            and t.lower not in self.common
            and t.lower not in self.places
            and not self.sentence_start(i)
        ):
            return i, self.grow(i + 1), "joined_particle"
        end = self.grow(i + 1) if t.lower not in self.common else i + 1
        if self._signed(i, end) or self._name_role(i, end):
            return i, end, "signature" if self._signed(i, end) else "name_role"
        return None

    def _plain(self, i: int, end: int) -> bool:
        """A listed word alone is a name unless it is also a word, a place or a language."""
        t = self.toks[i]
        if end > i + 1:
            return not (t.lower in self.langs and self.toks[i + 1].lower in self.langs)
        if t.lower in self.ambiguous or t.lower in self.langs or t.lower in self.places:
            return self._signed(i, end) or self._name_role(i, end)
        # A foreign-list name that is also a Dutch or French word: not at a sentence start.
        return not (
            t.lower in self.common
            and t.text not in self.core
            and (self.sentence_start(i) or t.lower in self.function)
        )

    def _multi_particle(self, i: int) -> bool:
        """Lowercase particles count when two stand together: "van den Abeele", "van der Meer"."""
        return (
            i + 2 < len(self.toks)
            and self._joined(i + 1)
            and self.toks[i + 1].lower in self.particles
            and self.toks[i].lower in ("van", "de", "in", "op", "uit")
        )

    def _surname_initials(self, i: int) -> int | None:
        """ "Peeters, J." or "Peeters, J.M.": the surname, then initials after a comma."""
        n = len(self.toks)
        if i + 1 >= n or self.gap(i + 1) != ", " or not self.is_initial(i + 1):
            return None
        t = self.toks[i]
        if not (self.listed(t.text) or t.lower not in self.common):
            return None
        k = i + 1
        while k < n and self.is_initial(k) and (k == i + 1 or self._joined(k)):
            k += 1
        return k

    def _signed(self, i: int, end: int) -> bool:
        """The name stands right after a sign-off, or alone at the very end of the text."""
        t = self.toks[i]
        if not (self.listed(t.text) or t.lower not in self.common):
            return False
        before = self.text[max(0, t.start - 40) : t.start].lower().rstrip(" ,\n\r\t-")
        if any(before.endswith(c) for c in lexicon.closers()):
            return True
        tail = self.text[self.toks[end - 1].end :].strip(" .!\n\r\t")
        return tail == "" and self.sentence_start(i) and end - i <= 3

    def _name_role(self, i: int, end: int) -> bool:
        """A name followed by a comma and a function: "Els Peeters, directeur"."""
        t = self.toks[i]
        if end >= len(self.toks) or not (self.listed(t.text) or t.lower not in self.common):
            return False
        gap = self.text[self.toks[end - 1].end : self.toks[end].start]
        if gap.strip() not in (",", "(", "-", "–"):
            return False
        k = end
        while k < len(self.toks) and self.toks[k].lower in ("algemeen", "hoofd", "adjunct"):
            k += 1
        return k < len(self.toks) and self.toks[k].lower in self.roles - {"beste", "dag"}


def find_names(text: str, keep: Sequence[str]) -> Iterator[Span]:
    """Yield PERSON spans; only the name, never the title or role word before it."""
    scanner = _Scanner(text, keep)
    evidence = lexicon.evidence()
    found = scanner.find()
    for start, end, why in found:
        yield Span(start, end, "PERSON", float(evidence[why]["score"]), why)
    # A name seen once is a name everywhere in the text ("Onze Lucas ... Lucas heeft").
    known = {
        t.text
        for t in scanner.toks
        for s, e, _ in found
        if s <= t.start < e
        and t.lower not in scanner.particles
        and t.lower not in scanner.function
        and len(t.text) > 1
    }
    covered = [(s, e) for s, e, _ in found]
    for i, t in enumerate(scanner.toks):
        if (
            t.text in known
            and not any(s <= t.start < e for s, e in covered)
            and not scanner.kept_at(i)
        ):
            yield Span(t.start, t.end, "PERSON", float(evidence["repeat"]["score"]), "repeat")


def names_in(word: str) -> bool:
    """Does `word` (a web address or handle, lowercase) contain a first name or surname?"""
    names = _lower_names()
    n = len(word)
    for a in range(n):
        for b in range(a + 4, min(n, a + 14) + 1):
            if word[a:b] in names:
                return True
    return False


@cache
def _lower_names() -> frozenset[str]:
    common = lexicon.common_words() | lexicon.ambiguous_names()
    names = {w.lower() for w in lexicon.first_names() | lexicon.surnames()}
    return frozenset(w for w in names if len(w) >= 4 and w not in common)


def facility_keep(facility_name: str, municipality: str) -> list[str]:
    """Phrases of the submission that must stay: the facility's name (and its core), the town."""
    keep = [facility_name, municipality]
    words = [w for w in re.split(r"\s+", facility_name) if w]
    core = [w for w in words if w.lower() not in GENERIC_FACILITY_WORDS]
    if core:
        keep.append(" ".join(core))
        keep.extend(w for w in core if len(w) > 2)
    return [k for k in keep if k]


GENERIC_FACILITY_WORDS = frozenset(
    {
        "kinderdagverblijf",
        "kinderopvang",
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
        "van",
        "ter",
        "den",
    }
)
