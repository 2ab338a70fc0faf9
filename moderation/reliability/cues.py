"""Cue families with weights, read from `data/<flag>.txt`, matched on lemmas in one pass.

A cue file, line by line (see `data/serious_allegation.txt` for a commented example):

    threshold 3.0                 the flag is raised from this summed score on
    require gevaar 1.0 | nalatigheid 1.0, gevolg 1.0
                                  ... and only if this family scores at least this much, or
                                  (after "|") all of another set of families do
    risk gevaar, melding          any cue of these families, even below the threshold, is a risk
    negation off                  a negator before a cue does not turn it around (insults)
    [gevaar] max 3.0 reply        a family: its score is capped; "reply"/"review" limit the kind
    2.0  alleen laten ~4          weight, then the cue: lemmas within 4 words of each other
                                  (any order; within 3 words or fewer: in the order written)
    1.5  rolstoel lopen ~40+      ... "+": also across sentences

A cue word is a lemma ("slaan" matches "sloeg", "geslagen"); `*wond` also matches compounds
ending in it ("doorligwonde"), `mishandel*` every word starting with it, `=las` only that very
word, `<num>` any number, `a|b` either word, and `!` before the weight switches negation off
for that cue ("niet" before it does not count).
`re:name=PATTERN` is a regular expression on the text as written; moderators see only `name`.
`@stuffing` is computed: many repeated keywords and (almost) no sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from moderation.reliability.lemmas import (
    Lemmatizer,
    Token,
    fold,
    load_tables,
    tokenize,
    write_forms,
)

DATA = Path(__file__).parent / "data"
TEXT_FLAGS = ("serious_allegation", "revenge", "implausible", "abusive", "spam")
NEGATORS = frozenset({"niet", "nooit", "geen", "niemand", "nergens", "ni", "nie", "jamais", "pas"})
# A feeling, not a fact: "als ouder voel je je zo alleen gelaten".
FEELINGS = frozenset({"voel", "voelt", "voelde", "voelden", "voelen", "gevoel", "sentiment"})
# Number words count as numbers for `<num>` ("tien maanden").
_NUMBER_TEXT = (
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd tweehonderd driehonderd duizend deux trois quatre cinq six "
    "sept huit neuf dix vingt trente cent"
)
NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())
NEGATION_REACH = 3  # words before a cue in which a negator turns it around
FEELING_REACH = 4
DEFAULT_WINDOW = 5
ORDERED_UP_TO = 3  # cues this tight keep their word order ("dat volk", not "volk dat")
_SPEC_WORD = re.compile(r"[^\W\d_]+|\d+")
# Function words that make a sentence; keyword stuffing has (almost) none of them.
_GLUE_TEXT = (
    "de het een en is zijn was wij we ik ze hij zij u je mijn onze ons van in op met "
    "voor dat die er niet maar ook heel echt naar bij al wel nog"
)
_GLUE = frozenset(_GLUE_TEXT.split())


@dataclass(frozen=True)
class Atom:
    """One cue word: a lemma, a compound head (`*x`), a prefix (`x*`) or any number."""

    kind: str  # "exact" | "surface" | "head" | "prefix" | "number"
    text: str


@dataclass(frozen=True)
class Cue:
    """A weighted cue of one family: one word of each slot within `window` words of the first.

    A slot holds one cue word or alternatives ("pil|medicatie").
    """

    flag: str
    family: str
    weight: float
    spec: str
    atoms: tuple[tuple[Atom, ...], ...] = ()
    window: int = DEFAULT_WINDOW
    negatable: bool = True
    group: str = ""  # regex group name for `re:` cues
    special: str = ""  # "@stuffing"
    across: bool = False  # the words may stand in different sentences


@dataclass(frozen=True)
class Family:
    """A family of cues; its score is the sum of its distinct cues, capped at `cap`."""

    name: str
    cap: float
    kinds: frozenset[str] = frozenset()


@dataclass
class FlagRules:
    """Everything one flag's cue file says."""

    flag: str
    threshold: float | None = None
    require: list[dict[str, float]] = field(default_factory=list)  # any one set, all of it
    risk: frozenset[str] = frozenset()
    negation: bool = True
    families: dict[str, Family] = field(default_factory=dict)
    cues: list[Cue] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    """A cue found in a text, with the span of the words that raised it."""

    cue: Cue
    start: int
    end: int
    label: str = ""  # the cue words that matched, shown to the moderator
    words: frozenset[int] = frozenset()  # indices of the matched words in the text

    @property
    def shown(self) -> str:
        """What the moderator reads for this hit: cue words, never the writer's own words."""
        return self.label or self.cue.spec


def _atom(word: str) -> Atom:
    if word == "<num>":
        return Atom("number", "<num>")
    if word.startswith("="):
        return Atom("surface", fold(word[1:]))
    if word.startswith("*"):
        return Atom("head", fold(word[1:]))
    if word.endswith("*"):
        return Atom("prefix", fold(word[:-1]))
    return Atom("exact", fold(word))


def _spec_words(words: list[str]) -> list[str]:
    """Split cue words the way texts are split: "zo'n" -> "zo", "n"; "time-out" -> two words."""
    out: list[str] = []
    for w in words:
        if "|" in w or w == "<num>" or w[0] in "*=" or w.endswith("*"):
            out.append("|".join(fold(alt) if alt != "<num>" else alt for alt in w.split("|")))
        else:
            out.extend(_SPEC_WORD.findall(fold(w)))
    return out


def parse(flag: str, text: str) -> FlagRules:
    """Read one cue file."""
    rules = FlagRules(flag)
    family: Family | None = None
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            name, _, rest = line[1:].partition("]")
            words = rest.split()
            cap = float(words[words.index("max") + 1]) if "max" in words else 99.0
            kinds = frozenset(w for w in words if w in ("review", "reply"))
            family = Family(name.strip(), cap, kinds)
            rules.families[family.name] = family
            continue
        head, _, rest = line.partition(" ")
        if head == "threshold":
            rules.threshold = float(rest)
            continue
        if head == "require":
            for alternative in rest.split("|"):
                needs = {}
                for part in alternative.split(","):
                    name, _, value = part.strip().rpartition(" ")
                    needs[name.strip()] = float(value)
                rules.require.append(needs)
            continue
        if head == "negation":
            rules.negation = rest.strip() != "off"
            continue
        if head == "risk":
            rules.risk = frozenset(n.strip() for n in rest.split(",") if n.strip())
            continue
        if family is None:
            raise ValueError(f"{flag}: cue before any [family]: {raw!r}")
        negatable = rules.negation and not head.startswith("!")
        weight = float(head.lstrip("!"))
        spec = rest.strip()
        if spec.startswith("re:"):
            name, _, pattern = spec[3:].partition("=")
            re.compile(pattern)  # fail at load, not on the first text
            rules.cues.append(Cue(flag, family.name, weight, name, group=pattern))
            continue
        if spec.startswith("@"):
            rules.cues.append(Cue(flag, family.name, weight, spec, special=spec))
            continue
        window, across = DEFAULT_WINDOW, False
        words = spec.split()
        if words and words[-1].startswith("~"):
            last = words.pop()
            across = last.endswith("+")
            window = int(last[1:].rstrip("+"))
        atoms = tuple(tuple(_atom(alt) for alt in w.split("|")) for w in _spec_words(words))
        if any(a.text in NEGATORS for slot in atoms for a in slot):
            negatable = False
        shown = " ".join(words).replace("*", "").replace("|", "/")
        rules.cues.append(
            Cue(flag, family.name, weight, shown, atoms, window, negatable, across=across)
        )
    return rules


class Matcher:
    """Every flag's cues compiled once: a lemma index for words, one regex for patterns."""

    def __init__(self, rules: Sequence[FlagRules]) -> None:
        self.rules = {r.flag: r for r in rules}
        cues = [c for r in rules for c in r.cues]
        self.word_cues = [c for c in cues if c.atoms]
        self.special_cues = [c for c in cues if c.special]
        atoms = sorted(
            {a for c in self.word_cues for slot in c.atoms for a in slot},
            key=lambda a: (a.kind, a.text),
        )
        self.atom_id = {a: i for i, a in enumerate(atoms)}
        self.exact: dict[str, list[int]] = {}
        self.head: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        self.number: list[int] = []
        self.surface: dict[str, list[int]] = {}
        for a, i in self.atom_id.items():
            if a.kind == "number":
                self.number.append(i)
                continue
            if a.kind == "surface":
                self.surface.setdefault(a.text, []).append(i)
                continue
            if a.kind in ("exact", "head"):
                self.exact.setdefault(a.text, []).append(i)
            if a.kind == "head":
                self.head.setdefault(a.text, []).append(i)
            if a.kind == "prefix":
                self.prefix.setdefault(a.text, []).append(i)
        self.head_lengths = sorted({len(t) for t in self.head})
        self.prefix_lengths = sorted({len(t) for t in self.prefix})
        # Each cue's slots as atom ids and words, and an index from the rarest-looking slot
        # (the longest words: "politie" rather than "de") to the cues that need it, so that a
        # cue is tried only when that word occurs in the text.
        self.slots: dict[int, tuple[tuple[tuple[int, str], ...], ...]] = {}
        self.by_trigger: dict[int, list[Cue]] = {}
        for c in self.word_cues:
            self.slots[id(c)] = tuple(
                tuple((self.atom_id[a], a.text) for a in slot) for slot in c.atoms
            )
            trigger = max(
                c.atoms,
                key=lambda slot: min(99 if a.kind == "number" else len(a.text) for a in slot),
            )
            for a in trigger:
                self.by_trigger.setdefault(self.atom_id[a], []).append(c)
        regex_cues = [c for c in cues if c.group]
        self.regex_cue = {f"c{n}": c for n, c in enumerate(regex_cues)}
        self.regex = (
            re.compile("|".join(f"(?P<{g}>{c.group})" for g, c in self.regex_cue.items()))
            if regex_cues
            else None
        )
        self.lemmatizer = Lemmatizer(load_tables(self.lemmas()))
        self._atoms_cache: dict[str, tuple[int, ...]] = {}

    def lemmas(self) -> set[str]:
        """The lemmas whose inflected forms the lemmatizer must know."""
        return {a.text for a in self.atom_id if a.kind in ("exact", "head")}

    def atoms_of(self, norm: str) -> tuple[int, ...]:
        """Ids of the cue words that this word (or one of its lemmas) is."""
        hit = self._atoms_cache.get(norm)
        if hit is not None:
            return hit
        found: set[int] = set()
        if norm[0].isdigit():
            found.update(self.number)
            found.update(self.exact.get(norm, ()))
        else:
            if norm in NUMBER_WORDS:
                found.update(self.number)
            found.update(self.surface.get(norm, ()))
            for cand in self.lemmatizer.candidates(norm):
                found.update(self.exact.get(cand, ()))
                n = len(cand)
                for k in self.head_lengths:
                    if n - k >= 3:  # a compound: at least three letters before the head
                        found.update(self.head.get(cand[n - k :], ()))
                for k in self.prefix_lengths:
                    if k <= n:
                        found.update(self.prefix.get(cand[:k], ()))
        result = tuple(sorted(found))
        if len(self._atoms_cache) > 200_000:
            self._atoms_cache.clear()
        self._atoms_cache[norm] = result
        return result

    def find(self, text: str, kind: str = "review") -> dict[str, list[Hit]]:
        """Every cue of every flag found in `text`, per flag (each cue at most once)."""
        tokens = tokenize(text)
        positions: dict[int, list[int]] = {}
        for i, tok in enumerate(tokens):
            for a in self.atoms_of(tok.norm):
                positions.setdefault(a, []).append(i)
        out: dict[str, list[Hit]] = {}
        tried: set[int] = set()
        for present in positions:
            for cue in self.by_trigger.get(present, ()):
                if id(cue) in tried:
                    continue
                tried.add(id(cue))
                span = self._place(cue, tokens, positions)
                if span is not None:
                    out.setdefault(cue.flag, []).append(Hit(cue, *span))
        if self.regex is not None:
            seen: set[str] = set()
            for m in self.regex.finditer(text):
                group = m.lastgroup or ""
                if group not in seen:
                    seen.add(group)
                    cue = self.regex_cue[group]
                    out.setdefault(cue.flag, []).append(Hit(cue, m.start(), m.end()))
        for cue in self.special_cues:
            if cue.special == "@stuffing" and _stuffed(tokens):
                out.setdefault(cue.flag, []).append(Hit(cue, 0, len(text)))
        return {
            flag: [h for h in hits if _kind_ok(self.rules[flag], h.cue, kind)]
            for flag, hits in out.items()
        }

    def _place(
        self, cue: Cue, tokens: list[Token], positions: Mapping[int, list[int]]
    ) -> tuple[int, int, str, frozenset[int]] | None:
        """Where the cue's words stand together: span and the cue words that matched."""
        lists: list[list[tuple[int, str]]] = []
        for slot in self.slots[id(cue)]:
            if len(slot) == 1:
                atom, text = slot[0]
                found = [(p, text) for p in positions.get(atom, ())]
            else:
                found = sorted((p, text) for atom, text in slot for p in positions.get(atom, ()))
            if not found:
                return None
            lists.append(found)
        for p, word in lists[0]:
            sentence = tokens[p].sentence
            chosen = [p]
            words = [word]
            for other in lists[1:]:
                q = next(
                    (
                        (q, w)
                        for q, w in other
                        if abs(q - p) <= cue.window
                        and (q > chosen[-1] or cue.window > ORDERED_UP_TO)
                        and q not in chosen
                        and (cue.across or tokens[q].sentence == sentence)
                    ),
                    None,
                )
                if q is None:
                    break
                chosen.append(q[0])
                words.append(q[1])
            else:
                first, last = min(chosen), max(chosen)
                if cue.negatable and _negated(tokens, first):
                    continue
                return tokens[first].start, tokens[last].end, " ".join(words), frozenset(chosen)
        return None


def _negated(tokens: list[Token], at: int) -> bool:
    """A negator just before the cue, or a feeling verb a little before it, turns it around."""
    sentence = tokens[at].sentence
    for i in range(max(0, at - FEELING_REACH), at):
        tok = tokens[i]
        if tok.sentence != sentence:
            continue
        if tok.norm in FEELINGS or (tok.norm in NEGATORS and at - i <= NEGATION_REACH):
            return True
    return False


def _kind_ok(rules: FlagRules, cue: Cue, kind: str) -> bool:
    fam = rules.families[cue.family]
    return not fam.kinds or kind in fam.kinds


def _stuffed(tokens: list[Token]) -> bool:
    """Keyword stuffing: a dozen words or more, hardly any glue words, keywords repeated."""
    words = [t.norm for t in tokens if not t.norm[0].isdigit()]
    if len(words) < 12:
        return False
    glue = sum(1 for w in words if w in _GLUE)
    repeats = Counter(w for w in words if w not in _GLUE and len(w) > 3).most_common(1)
    return glue / len(words) <= 0.08 and bool(repeats) and repeats[0][1] >= 3


@dataclass(frozen=True)
class Score:
    """One flag's score for a text: the hits per family, the total and whether it is raised."""

    flag: str
    hits: tuple[Hit, ...]
    family_scores: Mapping[str, float]
    total: float
    threshold: float
    raised: bool
    risky: bool

    def evidence(self) -> str:
        """The cue words and weights that make the score, for the moderator (no text quoted)."""
        parts = []
        for name, score in self.family_scores.items():
            family_hits = [h for h in self.hits if h.cue.family == name]
            cues = [h.cue for h in family_hits]
            listed = ", ".join(f"{h.shown} ({h.cue.weight:g})" for h in family_hits)
            raw = sum(c.weight for c in cues)
            capped = f" → max {score:g}" if raw > score else ""
            parts.append(f"{name}: {listed}{capped}")
        sign = "≥" if self.total >= self.threshold else "<"
        return f"{' + '.join(parts)} = {self.total:g} {sign} {self.threshold:g}"


def score(rules: FlagRules, hits: Sequence[Hit], default_threshold: float) -> Score:
    """Sum the distinct cues per family (each family capped), then across families."""
    threshold = rules.threshold if rules.threshold is not None else default_threshold
    by_family: dict[str, float] = {}
    kept: list[Hit] = []
    seen: set[str] = set()
    # The heaviest cue first, counting against as well: an idiom ("een val breken") wins
    # over the words inside it.
    for h in sorted(hits, key=lambda h: (-abs(h.cue.weight), h.start)):
        key = f"{h.cue.family}/{h.cue.spec}"
        # One cue counts once, and the same words count once per family (the heaviest cue
        # wins): "val" and "vallen" on one word, "wond" in "wond ... groter", "nooit een" in
        # "nog nooit een".
        if key in seen or any(
            k.cue.family == h.cue.family
            and (
                (k.start, k.end) == (h.start, h.end)
                or bool(h.words and k.words and (h.words <= k.words or k.words <= h.words))
            )
            for k in kept
        ):
            continue
        seen.add(key)
        kept.append(h)
        by_family[h.cue.family] = by_family.get(h.cue.family, 0.0) + h.cue.weight
    order = list(rules.families)
    family_scores = {
        name: round(min(rules.families[name].cap, by_family[name]), 2)
        for name in sorted(by_family, key=order.index)
    }
    total = round(sum(family_scores.values()), 2)
    raised = (
        bool(kept)
        and total >= threshold
        and (
            not rules.require
            or any(
                all(family_scores.get(f, 0.0) >= v for f, v in needs.items())
                for needs in rules.require
            )
        )
    )
    risky = any(h.cue.family in rules.risk for h in kept)
    return Score(rules.flag, tuple(kept), family_scores, total, threshold, raised, risky)


@cache
def matcher() -> Matcher:
    """All cue files, compiled once per process."""
    return Matcher(
        [parse(flag, (DATA / f"{flag}.txt").read_text(encoding="utf-8")) for flag in TEXT_FLAGS]
    )


def refresh_forms() -> None:
    """Rebuild `data/lemma_forms.txt` from spaCy's tables for the current cue files."""
    write_forms(matcher().lemmas())
