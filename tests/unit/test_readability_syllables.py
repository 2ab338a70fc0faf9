"""Syllables are counted as textstat counts Dutch, without importing textstat (and nltk)."""

from __future__ import annotations

import pytest

from moderation.readability import lexicon
from tests.unit.fresh_process import run_fresh

_WORDS = [
    "de",
    "opvang",
    "kinderopvangcentrum",
    "begeleidster",
    "'t",
    "zo'n",
    "it's",
    "co-ouderschap",
    "e-mail",
    "12u30",
    "ÉÉN",
    "",
    "--",
    "a b",
]


@pytest.mark.parametrize(
    ("word", "count"),
    [("de", 1), ("opvang", 2), ("kinderopvangcentrum", 6), ("", 1), ("--", 1), ("a b", 2)],
)
def test_syllables_are_hyphenation_points_plus_one(word: str, count: int) -> None:
    assert lexicon.syllables(word) == count


@pytest.mark.parametrize("word", _WORDS)
def test_syllables_equal_textstat_dutch_counts(word: str) -> None:
    textstat = pytest.importorskip("textstat.textstat")
    stats = textstat.textstatistics()
    stats.set_lang("nl")
    assert lexicon.syllables(word) == max(1, int(stats.syllable_count(word)))


def test_counting_syllables_imports_neither_textstat_nor_nltk() -> None:
    code = (
        "import sys\n"
        "from moderation.readability import lexicon\n"
        "lexicon.syllables('opvang')\n"
        "print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))\n"
    )
    out = run_fresh(code)
    assert out.strip() == "[]"
