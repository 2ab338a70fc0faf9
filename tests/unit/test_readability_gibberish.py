"""Readability: keyboard mash is flagged; simple, dialect and misspelled Dutch stays clean."""

from __future__ import annotations

import pytest

from moderation.readability import ReadabilityPolicy, check_readability
from moderation.readability.metrics import looks_like_keyboard_mash


def readability_flagged(text: str) -> bool:
    result = check_readability(text, ReadabilityPolicy())
    return any(f.check == "readability" for f in result.findings)


@pytest.mark.parametrize(
    "text",
    [
        "qwer tyui crèche sdfg hjkl zzzzzz vbnm kinderen",
        "hhhhh jkjkjk lkjh fdsa rusthuis mnbvc poiuy",
        "asdf asdf asdf goed ghjk xcvbn",
    ],
)
def test_keyboard_mash_is_flagged(text: str) -> None:
    assert readability_flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Goe opvang. De juffen zijn lief. Wij zijn content.",
        "Ons ma zit daar goe, de mensen zijn vriendelijk en t eten is lekker, merci!",
        "Ge moet da ni onderschatten, die mannen doen hun best en ons pa is er gelukkig.",
        "De kindjes spelen veel buite en de jufs zijn altijt vrindelijk, wij zijn tefreeden.",
        "Het is goed. Mijn zoon is blij. Het eten is lekker.",
        "Wzc met goede zorg, de kdv ernaast ook. Top!",
        "Mijn vader krijgt er kiné en de verpleging is heel geduldig met hem.",
    ],
)
def test_simple_dialect_and_misspelled_dutch_stays_clean(text: str) -> None:
    assert not readability_flagged(text)


@pytest.mark.parametrize(
    ("word", "mash"),
    [("lkjhg", True), ("qwerty", True), ("zzzz", True), ("opvang", False), ("wzc", False)],
)
def test_keyboard_mash_words(word: str, mash: bool) -> None:
    assert looks_like_keyboard_mash(word) is mash
