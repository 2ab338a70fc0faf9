"""Match every flag's cue families on a text in one pass, and score them (see cue_file)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from moderation.reliability.cue_file import (
    _GLUE,
    DATA,
    FEELING_REACH,
    FEELINGS,
    NEGATION_REACH,
    NEGATORS,
    NUMBER_WORDS,
    ORDERED_UP_TO,
    TEXT_FLAGS,
    Cue,
    FlagRules,
    Hit,
    parse,
)

__all__ = ["TEXT_FLAGS", "Matcher", "Score", "matcher", "refresh_forms", "score"]
from moderation.regex_set import RegexSet
from moderation.reliability.lemmas import (
    Lemmatizer,
    Token,
    load_tables,
    tokenize,
    write_forms,
)


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
        # The atoms a cue cannot do without: every one-word slot's, and one of each other slot's.
        self.needs: dict[int, tuple[frozenset[int], tuple[frozenset[int], ...]]] = {}
        for c in self.word_cues:
            self.slots[id(c)] = tuple(
                tuple((self.atom_id[a], a.text) for a in slot) for slot in c.atoms
            )
            slot_ids = [frozenset(self.atom_id[a] for a in slot) for slot in c.atoms]
            self.needs[id(c)] = (
                frozenset().union(*(ids for ids in slot_ids if len(ids) == 1)),
                tuple(ids for ids in slot_ids if len(ids) > 1),
            )
            trigger = max(
                c.atoms,
                key=lambda slot: min(99 if a.kind == "number" else len(a.text) for a in slot),
            )
            for a in trigger:
                self.by_trigger.setdefault(self.atom_id[a], []).append(c)
        # Per trigger word: the cues it may start, with what each needs, in the order above.
        self.triggered: dict[
            int, list[tuple[int, Cue, frozenset[int], tuple[frozenset[int], ...]]]
        ] = {
            atom: [(id(c), c, *self.needs[id(c)]) for c in cues_of]
            for atom, cues_of in self.by_trigger.items()
        }
        self.regex_cues = [c for c in cues if c.group]
        self.regexes = RegexSet([c.group for c in self.regex_cues]) if self.regex_cues else None
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
        norms = [tok.norm for tok in tokens]
        positions: dict[int, list[int]] = {}
        # Most words are known and stand for no cue word: an empty tuple, skipped at once.
        for i, atoms in enumerate(map(self._atoms_cache.get, norms)):
            if not atoms:
                if atoms is not None:
                    continue
                atoms = self.atoms_of(norms[i])
            for a in atoms:
                positions.setdefault(a, []).append(i)
        out: dict[str, list[Hit]] = {}
        tried: set[int] = set()
        found = set(positions)
        triggered = self.triggered
        for present in positions:
            for key, cue, single, multi in triggered.get(present, ()):
                if key in tried:
                    continue
                tried.add(key)
                if not single <= found or (multi and any(found.isdisjoint(ids) for ids in multi)):
                    continue  # a word the cue needs is missing: `_place` would find nothing
                span = self._place(cue, tokens, positions)
                if span is not None:
                    out.setdefault(cue.flag, []).append(Hit(cue, *span))
        if self.regexes is not None:
            seen: set[int] = set()
            for n, m in self.regexes.scan(text):
                if n not in seen:
                    seen.add(n)
                    cue = self.regex_cues[n]
                    out.setdefault(cue.flag, []).append(Hit(cue, m.start(), m.end()))
        for cue in self.special_cues:
            if cue.special == "@stuffing" and _stuffed(norms):
                out.setdefault(cue.flag, []).append(Hit(cue, 0, len(text)))
        return {
            flag: [h for h in hits if _kind_ok(self.rules[flag], h.cue, kind)]
            for flag, hits in out.items()
        }

    def _place(
        self, cue: Cue, tokens: list[Token], positions: Mapping[int, list[int]]
    ) -> tuple[int, int, str, frozenset[int]] | None:
        """Where the cue's words stand together: span and the cue words that matched."""
        # Per slot: the sorted positions of its words, and the cue word at each (one word
        # for a one-word slot).
        lists: list[tuple[list[int], str | list[str]]] = []
        for slot in self.slots[id(cue)]:
            if len(slot) == 1:
                atom, text = slot[0]
                at = positions.get(atom)
                if not at:
                    return None
                lists.append((at, text))
            else:
                found = sorted((p, text) for atom, text in slot for p in positions.get(atom, ()))
                if not found:
                    return None
                lists.append(([p for p, _ in found], [w for _, w in found]))
        window = cue.window
        ordered = window <= ORDERED_UP_TO
        across = cue.across
        firsts, first_words = lists[0]
        for i, p in enumerate(firsts):
            sentence = tokens[p].sentence
            chosen = [p]
            words = [first_words if isinstance(first_words, str) else first_words[i]]
            for at, slot_words in lists[1:]:
                lowest = p - window
                if ordered and chosen[-1] >= lowest:
                    lowest = chosen[-1] + 1  # after the last chosen word
                k = _first_near(at, lowest, p + window, chosen, across, tokens, sentence)
                if k < 0:
                    break
                chosen.append(at[k])
                words.append(slot_words if isinstance(slot_words, str) else slot_words[k])
            else:
                first, last = min(chosen), max(chosen)
                if cue.negatable and _negated(tokens, first):
                    continue
                return tokens[first].start, tokens[last].end, " ".join(words), frozenset(chosen)
        return None


def _first_near(
    at: list[int],
    lowest: int,
    highest: int,
    chosen: list[int],
    across: bool,
    tokens: list[Token],
    sentence: int,
) -> int:
    """The index of the first position in sorted `at` from `lowest` up to `highest` that is
    not chosen yet and, unless the cue reaches across sentences, in `sentence`; else -1."""
    for k in range(bisect_left(at, lowest), len(at)):
        q = at[k]
        if q > highest:
            return -1
        if q not in chosen and (across or tokens[q].sentence == sentence):
            return k
    return -1


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


def _stuffed(norms: list[str]) -> bool:
    """Keyword stuffing: a dozen words or more, hardly any glue words, keywords repeated."""
    words = [w for w in norms if not w[0].isdigit()]
    if len(words) < 12:
        return False
    glue = sum(map(_GLUE.__contains__, words))
    if glue / len(words) > 0.08:  # ordinary prose: no need to count the repeats
        return False
    repeats = Counter(w for w in words if w not in _GLUE and len(w) > 3).most_common(1)
    return bool(repeats) and repeats[0][1] >= 3


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
