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

from collections.abc import Iterator, Sequence

from moderation.privacy import lexicon
from moderation.privacy.detectors import Span
from moderation.privacy.health import health_word
from moderation.privacy.name_tokens import (
    ARTICLE_PARTICLES,
    CAPITALISED,
    JOINED_PARTICLE,
    LOOSE_PARTICLES,
    PLACE_WORDS,
    START_PARTICLES_NOT,
)
from moderation.privacy.name_words import WordTests, _starters

_ELISIONS = frozenset({"d'", "d’", "l'", "l’"})


class _MayStart(dict[str, bool]):
    """Per word (a token's text, which its lowercase follows from): can a name start there?
    A capitalised word, a trigger, a particle or an elided article; asked once per word."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 100_000:  # a bound on memory; the words come back soon enough
            self.clear()
        low = word.lower()
        self[word] = found = word[0].isupper() or low in _starters() or low[:2] in _ELISIONS
        return found


_MAY_START = _MayStart()


class _Scanner(WordTests):
    """One pass over one text; `find` returns (start, end, evidence) per name."""

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
        may_start = _MAY_START
        starts = [i for i, t in enumerate(toks) if may_start[t.text]]
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
        if not t.text[0].isupper() and low not in self.particles and not CAPITALISED[t.text]:
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
        if not CAPITALISED[t.text] or self.trigger(t.lower):
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
