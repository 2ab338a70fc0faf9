"""The name parser's faster word scans give what the plain loops gave, on generated texts."""

from __future__ import annotations

import random
from collections.abc import Sequence

from moderation.privacy import lexicon
from moderation.privacy.name_tokens import WORD, _kept_tokens, _phrase_index


def _reference_kept(lowers: Sequence[str], keep: Sequence[str]) -> set[int]:
    """_kept_tokens as it was: every word against every phrase that starts with it."""
    kept: set[int] = set()
    for index in (_phrase_index(lexicon.keep_phrases()), _phrase_index(tuple(keep))):
        for i, low in enumerate(lowers):
            for words in index.get(low, ()):
                if tuple(lowers[i : i + len(words)]) == words:
                    kept.update(range(i, i + len(words)))
                    break
    return kept


def _phrase_words() -> list[str]:
    words = [w.lower() for p in lexicon.keep_phrases() for w in WORD.findall(p)]
    return words + ["de", "het", "juf", "sofie", "rupsjes", "gent", "van", "en", "huis"]


def test_kept_tokens_equal_the_plain_loop() -> None:
    rng = random.Random(7)
    vocabulary = _phrase_words()
    phrases = list(lexicon.keep_phrases())
    keeps = [
        ("De Rupsjes", "Gent", "Rupsjes"),
        ("Huis van het Kind Gent", "Gent", "Kind Gent", "Kind", "Gent"),
        (),
        ("Kabouterhuis", "Sint-Niklaas"),
    ]
    hits = 0
    for _ in range(3000):
        lowers = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 30))]
        if rng.random() < 0.5 and phrases:  # a whole phrase somewhere
            at = rng.randrange(len(lowers) + 1)
            lowers[at:at] = [w.lower() for w in WORD.findall(rng.choice(phrases))]
        keep = rng.choice(keeps)
        expected = _reference_kept(lowers, keep)
        assert _kept_tokens(lowers, keep) == expected, (lowers, keep)
        hits += len(expected)
    assert hits > 1000
