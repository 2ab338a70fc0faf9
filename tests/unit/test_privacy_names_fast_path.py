"""The name parser's faster word scans give what the plain loops gave, on generated texts."""

from __future__ import annotations

import random
from collections.abc import Sequence

from moderation.privacy import lexicon
from moderation.privacy.name_tokens import WORD, _clean, _kept_tokens, _phrase_index, _Tok
from moderation.privacy.name_words import _tokens


def _reference_tokens(text: str) -> list[_Tok]:
    """_tokens as it was: one word at a time, each lowered and cleaned on its own."""
    toks: list[_Tok] = []
    pos = 0
    for word in WORD.findall(text):
        start = text.find(word, pos)
        pos = start + len(word)
        if word[-1] in "'’-" or "'" in word or "’" in word:
            word = _clean(word)
            if not word:
                continue
        toks.append(_Tok(start, start + len(word), word, word.lower()))
    return toks


_LETTERS = "aAbBzZeéÉçÇöÖşŞıİIΣσςΟΔßǅⅠ'’-_ 0123456789.,;\n\t"
_FIXED = [
    "",
    "ΟΔΟΣ's ΟΔΟΣ' ΟΔΟΣ ΣΑΣ Lotte's Ayşe'nin Venne'de Jonas' 's morgens d'Hondt D'hondt",
    "Jan-Willem en Janssens-Claes, ex- en x-as; İstanbul'da İSTANBUL",
    "- ' ’ -- a- b'",
]


def test_tokens_equal_the_word_by_word_loop() -> None:
    rng = random.Random(11)
    texts = _FIXED + [
        "".join(rng.choice(_LETTERS) for _ in range(rng.randrange(80))) for _ in range(20000)
    ]
    words = [
        "Juf",
        "Sofie's",
        "foto's",
        "Van",
        "'t",
        "Hof",
        "Peeters-Claes",
        "zoon",
        "x-",
        "é",
        "Σ",
    ]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randrange(30))) for _ in range(3000)]
    for text in texts:
        assert _tokens(text) == _reference_tokens(text), text


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


def test_name_starts_per_word_equal_the_token_tests() -> None:
    from moderation.privacy.names import _MAY_START

    starters = lexicon.titles() | lexicon.roles() | lexicon.kinship() | lexicon.particles()
    rng = random.Random(5)
    words = _phrase_words() + sorted(starters) + ["d'Hondt", "l’Oréal", "Écluse", "ǅemal", "x"]
    words += [
        "".join(rng.choice(_LETTERS[:22]) for _ in range(rng.randrange(1, 6))) for _ in range(3000)
    ]
    texts = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(300)]
    starts = 0
    for t in (t for text in texts for t in _tokens(text)):
        expected = (
            t.text[0].isupper() or t.lower in starters or t.lower[:2] in ("d'", "d’", "l'", "l’")
        )
        assert _MAY_START[t.text] == expected, t
        starts += expected
    assert starts > 1000


def test_word_split_is_the_health_words_and_follows_the_text() -> None:
    from moderation.privacy import health
    from moderation.privacy.name_tokens import word_split

    assert health.WORD.pattern == WORD.pattern
    rng = random.Random(3)
    texts = ["".join(rng.choice(_LETTERS) for _ in range(rng.randrange(60))) for _ in range(3000)]
    for text in texts + _FIXED:
        parts = word_split(text)
        assert parts[1::2] == health.WORD.findall(text)
        assert "".join(parts) == text
        assert word_split(text) is parts  # the same text again: the remembered split
    assert word_split("Juf Sofie") == ["", "Juf", " ", "Sofie", ""]


def test_listed_per_word_equals_the_list_tests() -> None:
    from moderation.privacy.name_words import _LISTED

    first, last, common = lexicon.first_names(), lexicon.surnames(), lexicon.common_words()

    def reference(word: str) -> bool:
        if word in first or word in last:
            return True
        if "-" in word:
            return all(p in first or p in last for p in word.split("-") if p)
        for tail in ("tje", "ke", "eke", "ken", "je"):
            stem = word[: -len(tail)]
            if word.endswith(tail) and len(stem) >= 3 and (stem in first or stem + "e" in first):
                return word.lower() not in common
        return False

    rng = random.Random(23)
    names = sorted(first)[:3000] + sorted(last)[:3000]
    words = names + [n + tail for n in names[:2000] for tail in ("tje", "ke", "je", "ken")]
    words += [f"{rng.choice(names)}-{rng.choice(names)}" for _ in range(2000)]
    words += ["Jan-", "-Jan", "Sofietje", "Marieke", "Bakje", "Huisje", "x", "Jan--Piet"]
    assert sum(_LISTED[w] for w in words) > 5000
    for word in words:
        assert _LISTED[word] == reference(word), word


def test_capitalised_per_word_equals_the_word_test() -> None:
    from moderation.privacy.name_tokens import CAPITALISED, _is_capitalised

    rng = random.Random(29)
    words = ["d'Hondt", "D'hondt", "d'hondt", "l’Oréal", "VRT", "A", "a", "Ǆemal", "ǅemal", "Ⅰx"]
    words += [
        "".join(rng.choice(_LETTERS[:24]) for _ in range(rng.randrange(1, 6))) for _ in range(5000)
    ]
    words = [w for w in words if w.strip()]
    assert 500 < sum(CAPITALISED[w] for w in words) < len(words)
    for word in words:
        assert CAPITALISED[word] == _is_capitalised(word), word
