"""Placing a cue's words with a window over sorted positions finds what a scan of all found."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.reliability.cue_file import ORDERED_UP_TO, Cue
from moderation.reliability.cues import Matcher, _negated, matcher
from moderation.reliability.lemmas import Token, tokenize

EVAL = Path("/work/shared/eval")


def _place_by_scanning(
    m: Matcher, cue: Cue, tokens: list[Token], positions: Mapping[int, list[int]]
) -> tuple[int, int, str, frozenset[int]] | None:
    """The placement as it was: every found word of a slot is tried, near or far."""
    lists: list[list[tuple[int, str]]] = []
    for slot in m.slots[id(cue)]:
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


def _assert_every_cue_placed_alike(text: str) -> None:
    m = matcher()
    tokens = tokenize(text)
    positions: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        for a in m.atoms_of(tok.norm):
            positions.setdefault(a, []).append(i)
    for cue in m.word_cues:
        assert m._place(cue, tokens, positions) == _place_by_scanning(m, cue, tokens, positions), (
            cue.spec,
            text,
        )


def _cue_words() -> list[str]:
    return sorted({a.text for a in matcher().atom_id if a.kind in ("exact", "head", "surface")})


_WORDS = st.sampled_from(_cue_words() + ["niet", "geen", "en", "de", "12", "."])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60))
def test_windowed_placement_equals_the_scan_on_cue_word_soup(words: list[str]) -> None:
    """Texts dense in cue words: long position lists, repeats, negators, sentence ends."""
    _assert_every_cue_placed_alike(" ".join(words))


def test_windowed_placement_equals_the_scan_on_the_eval_texts() -> None:
    texts = ["Hij sloeg haar. Ze sloeg niet terug, de politie kwam niet. Nooit meer, nooit."]
    for name in ("dev.jsonl", "dev2.jsonl"):
        path = EVAL / name
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [str(json.loads(line).get("text") or "") for line in lines if line.strip()]
    for text in texts:
        _assert_every_cue_placed_alike(text)
