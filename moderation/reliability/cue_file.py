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
from dataclasses import dataclass, field
from pathlib import Path

from moderation.reliability.lemmas import (
    fold,
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
