"""The fast tokenizers give exactly what a plain `finditer` over their word regex gives."""

from __future__ import annotations

import pytest

from moderation.privacy.name_tokens import WORD, _clean, _Tok
from moderation.privacy.name_words import _tokens
from moderation.reliability import lemmas

TEXTS = [
    "",
    "Juf Sofie's klas, Jonas' fiets en Ayşe'nin boek: l'enfant, d'Hondt, oud-werknemer-",
    "Cafe\u0301 cafe\u0301 3de 12,5 1.000.000 x² ½ a_b __init__ 'k zie 't ",
    "Een zin. Nog een zin! En nog één? Ja; nee\nnieuwe regel... Ter Linde  — Van 't Hof",
    "ÀÉÎ ÖØ Þ ß ĳ ﬁ ǅ İstanbul ΑΒΓ Привет 你好 ١٢٣ ４５",
]


def _reference_name_tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.start(), m.start() + len(c), c, c.lower())
        for m in WORD.finditer(text)
        if (c := _clean(m.group(0)))
    ]


def _reference_lemma_tokens(text: str) -> list[lemmas.Token]:
    ends = [m.end() for m in lemmas._SENTENCE_END.finditer(text)]
    out = []
    sentence = 0
    for m in lemmas._WORD.finditer(text):
        while sentence < len(ends) and ends[sentence] <= m.start():
            sentence += 1
        out.append(lemmas.Token(m.start(), m.end(), lemmas._fast_fold(m.group()), sentence))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_name_tokens_match_the_regex(text: str) -> None:
    assert _tokens(text) == _reference_name_tokens(text)


@pytest.mark.parametrize("text", TEXTS)
def test_lemma_tokens_match_the_regex(text: str) -> None:
    assert lemmas.tokenize(text) == _reference_lemma_tokens(text)
