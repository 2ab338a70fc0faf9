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
from functools import cache
from typing import NamedTuple

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span
from moderation.privacy.health import health_word

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
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


@cache
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as lowercase word sequences, by first word (longest first)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(w.lower() for w in WORD.findall(phrase))
        if words and len(phrase.strip()) >= 2:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _kept_tokens(lowers: Sequence[str], keep: Sequence[str]) -> set[int]:
    """Indexes of the words that belong to a phrase that must stay."""
    kept: set[int] = set()
    present = set(lowers)
    for index in (_phrase_index(lexicon.keep_phrases()), _phrase_index(tuple(keep))):
        if present.isdisjoint(index):
            continue
        for i, low in enumerate(lowers):
            for words in index.get(low, ()):
                if tuple(lowers[i : i + len(words)]) == words:
                    kept.update(range(i, i + len(words)))
                    break
    return kept


class _Scanner:
    """One pass over one text; `find` returns (start, end, evidence) per name."""

    def __init__(self, text: str, keep: Sequence[str]) -> None:
        self.text = text
        self.toks = [
            _Tok(m.start(), m.start() + len(c), c, c.lower())
            for m in WORD.finditer(text)
            if (c := _clean(m.group(0)))
        ]
        self.kept_idx = _kept_tokens([t.lower for t in self.toks], keep)
        self.first, self.last = lexicon.first_names(), lexicon.surnames()
        self.ambiguous, self.common = lexicon.ambiguous_names(), lexicon.common_words()
        self.function = lexicon.function_words()
        self.places, self.langs = lexicon.places(), lexicon.languages()
        self.titles, self.roles, self.kin = lexicon.titles(), lexicon.roles(), lexicon.kinship()
        self.particles = lexicon.particles()
        self.greetings = lexicon.greetings()
        self.triggers = self.titles | self.roles | self.kin
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
        if word in self.first or word in self.last:
            return True
        if "-" in word:  # "Jan-Willem", "Janssens-Claes"
            parts = word.split("-")
            return all(p in self.first or p in self.last for p in parts if p)
        return self.diminutive(word)

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
        if not _is_capitalised(t.text) or self.kept_at(i):
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
        if p == k + 1 and mode not in ("title", "initials") and self.toks[k].text.islower():
            return None  # "de consulent van Jongerenwelzijn": a preposition, not a particle
        if p > k and mode == "title":  # "de heer Van 't Hof"; "juf van de Vlindergroep" stays
            mode = "surname" if self.toks[k].text[0].isupper() else "title"
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
                mode = "surname" if p - k > 1 else "particle"  # "Joost van der Vaart"
                if p < n and self._joined(p) and self.name_word(p, mode):
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
        if gap in (" '", " ’") and self.toks[k].lower == "t":  # "Van 't Hof"
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
        toks = self.toks
        # Only a capitalised word, a trigger or a particle can start a name.
        starts = [
            i
            for i, t in enumerate(toks)
            if t.text[0].isupper()
            or t.lower in self.triggers
            or t.lower in self.particles
            or t.lower[:2] in ("d'", "d’", "l'", "l’")
        ]
        i = 0
        for j in starts:
            if j < i or self.kept_at(j):
                continue
            hit = self._at(j)
            if hit is None:
                continue
            start_tok, end_tok, why = hit
            end = toks[end_tok - 1].end
            if self.is_initial(end_tok - 1):  # "Peeters, J." takes the initial's dot
                end += 1
            out.append((toks[start_tok].start, end, why))
            self.found_tokens.append((start_tok, end_tok))
            i = end_tok
        return out

    def _after_trigger(self, i: int) -> tuple[int, int, str] | None:
        """A title, role, family word or greeting at token i, then a name."""
        t = self.toks[i]
        low = t.lower
        # A title, role, family word or greeting, then the name.
        if (low in self.titles or low in self.roles or low in self.kin) and (
            i + 1 < len(self.toks) and self._joined(i + 1)
        ):
            if low in self.titles:
                mode, why = "title", "title"
            elif low in self.kin:
                mode = "possessive" if low in ("ons", "onze", "mijn", "m'n") else "kin"
                why = "kin"
            elif low in self.greetings:
                mode, why = "greeting", "role"
            else:
                mode, why = "role", "role"
            end = self.parse(i + 1, mode)
            if end is not None:
                return i + 1, end, why
        return None

    def _at(self, i: int) -> tuple[int, int, str] | None:
        """The name that starts at (or right after) token i: (start, end, evidence)."""
        found = self._after_trigger(i)
        if found is not None:
            return found
        t = self.toks[i]
        low = t.lower
        if not t.text[0].isupper() and low not in self.particles and not _is_capitalised(t.text):
            return None
        # Initials, then a surname.
        if self.is_initial(i):
            end = self.parse(i, "initials")
            if end is not None:
                return i, end, "initials"
            return None
        # A particle, then a surname ("Ter Linde" and "Ten Hove" are houses, not people).
        if t.lower in self.particles and t.lower in START_PARTICLES_NOT:
            return None
        if t.lower in self.particles and (t.text[0].isupper() or self._multi_particle(i)):
            end = self.parse(i, "particle")
            if end is not None:
                return i, end, "particle"
            return None
        return self._word_at(i)

    def _word_at(self, i: int) -> tuple[int, int, str] | None:
        """A capitalised word that the lists or its neighbours show to be a name."""
        t = self.toks[i]
        if not _is_capitalised(t.text) or self.trigger(t.lower):
            return None
        # "Peeters, J." and "Els Peeters, directeur".
        after = self._surname_initials(i)
        if after is not None:
            return i, after, "surname_initials"
        if health_word(t.text):  # "Depakine", "Parkinson": a medicine or condition
            return None
        listed = self.listed(t.text)
        if listed and (
            t.lower in self.stop or (t.lower == "an" and self.english())
        ):  # "The", "Die", "Dan": only before a listed surname
            end = self.grow(i + 1)
            if end > i + 1 and self.toks[i + 1].text in self.last and t.text in self.core:
                return i, end, "first_name"
            return None
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
        if self._person_verb(i, end):
            return i, end, "person_verb"
        return None

    def _person_verb(self, i: int, end: int) -> bool:
        """An unusual capitalised word that speaks or acts like a person: "Vranckx zei",
        "volgens Vranckx"; never a sentence start, a place or a frequent word."""
        t = self.toks[i]
        if t.lower in self.common or t.lower in self.places or self.sentence_start(i):
            return False
        before = self.toks[i - 1].lower if i > 0 and self._joined(i) else ""
        if before in PLACE_WORDS:  # "het team van Zonnehoeve belde": a house, not a person
            return False
        after = self.toks[end].lower if end < len(self.toks) and self._joined(end) else ""
        return before in lexicon.person_verbs() or after in lexicon.person_verbs()

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
            and self.toks[i].lower in ("van", "de")
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
        return tail == "" and self.sentence_start(i) and end - i <= 3 and self.listed(t.text)

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
    covered = {k for a, b in scanner.found_tokens for k in range(a, b)}
    known = {
        t.text
        for k in covered
        if (t := scanner.toks[k]).lower not in scanner.particles
        and t.lower not in scanner.function
        and t.lower not in scanner.stop
        and len(t.text) > 1
    }
    if not known:
        return
    for i, t in enumerate(scanner.toks):
        if t.text in known and i not in covered and not scanner.kept_at(i):
            yield Span(t.start, t.end, "PERSON", float(evidence["repeat"]["score"]), "repeat")


def names_in(address: str) -> bool:
    """Does a web address or handle contain a first name or surname at the start or end of one
    of its parts ("mamavanmarieke", "liesbeth-blogt"), not inside a word ("speelgoedwinkel")?"""
    names = _lower_names()
    for part in re.split(r"[^a-zà-ÿ]+", address.lower()):
        n = len(part)
        for size in range(5, min(n, 14) + 1):
            head, tail = part[:size], part[n - size :]
            if head in names or (tail in names and not part[: n - size].endswith(("sint", "st"))):
                return True
    return False


@cache
def _lower_names() -> frozenset[str]:
    core = {w.lower() for w in lexicon.core_names()}
    words = lexicon.function_words() | lexicon.ambiguous_names() | lexicon.places()
    words |= lexicon.common_words() - core
    names = {w.lower() for w in lexicon.first_names() | lexicon.surnames()}
    return frozenset(w for w in names if len(w) >= 5 and w not in words)


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
