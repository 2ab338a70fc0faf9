"""RegexSet gives what the alternation of its patterns gives, and skips what cannot match."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.regex_set import DIGIT, Guarded, RegexSet, needles
from moderation.reliability.cues import matcher

TEXTS = [
    "",
    "0",
    "@@@",
    "Bel 0471 12 34 56 of mail jan.peeters@telenet.be, 20% korting, €5 per uur.",
    "Ze woont in de Kerkstraat 12, haar auto is 1-ABC-123, geboren op 12/03/2001.",
    "Kijk op www.voorbeeld.be of volg @handle_x, stuur CODE via sms, met de code ABCD1234.",
    "0471123456 0032 471 12 34 56 09/123.45.67 10 euro per maand 5€ 3 € 2 euro",
    "Geen cijfers, geen apenstaart, gewoon een tekst over de opvang.",
    "aaa@b.c@d.e 0000000000000 %%% 1% korting 99 %goedkoper",
    "Kerkstraat12, KERKSTRAAT 12, ſtraat 5, Kerkstraat\n12, weg 5 straat 6; laan 7 hof 8",
    "ßKerkstraat 12 ÿlaan 3 Àweg 4 _hof 5 9hof 6 Dorpstraat  \t 17b (Molenweg 3)",
]


def _alternation(regexes: RegexSet, text: str) -> list[tuple[int, tuple[int, int]]]:
    return [(int((m.lastgroup or "")[1:]), m.span()) for m in regexes.alternation.finditer(text)]


def _scanned(regexes: RegexSet, text: str) -> list[tuple[int, tuple[int, int]]]:
    return [(i, m.span()) for i, m in regexes.scan(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_scan_equals_the_alternation_on_the_cue_patterns(text: str) -> None:
    regexes = matcher().regexes
    assert regexes is not None
    assert _scanned(regexes, text) == _alternation(regexes, text)


def test_an_earlier_pattern_wins_a_tie_and_a_match_hides_what_it_covers() -> None:
    regexes = RegexSet([r"\d{4}", r"\d{2}", r"12 34"])
    found = [(i, m.group()) for i, m in regexes.scan("1234 12 34")]
    assert found == [(0, "1234"), (1, "12"), (1, "34")]


def test_empty_matches_fall_back_to_the_alternation() -> None:
    regexes = RegexSet([r"x*", r"ab"])
    text = "abxab"
    assert _scanned(regexes, text) == _alternation(regexes, text)


def test_needles_name_what_every_match_contains() -> None:
    assert set(needles(r"(?<!\d)0\d{2}")) == {frozenset({"0"}), frozenset({DIGIT})}
    assert needles(r"(?i:a@b)") == (frozenset({"@"}),)  # letters under IGNORECASE are no needle
    assert needles(r"x?y*") == ()
    assert needles(r"[^@]") == ()
    assert set(needles(r"(?:€\d|\d€)")) == {frozenset({DIGIT}), frozenset({"€"})}
    assert needles(r"(?:€\d|\d\s?euro)") == (frozenset({DIGIT}),)


def test_a_pattern_without_its_needle_is_not_searched() -> None:
    regexes = RegexSet([r"@\w+", r"\d+"])
    searched: list[int] = []
    patterns = regexes.patterns

    class Spy:
        def __init__(self, n: int) -> None:
            self.n = n

        def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
            searched.append(self.n)
            return patterns[self.n].search(text, pos)

    regexes.patterns = [Spy(0), Spy(1)]  # type: ignore[list-item]
    assert [m.group() for _, m in regexes.scan("geen cijfers of apenstaart")] == []
    assert searched == []
    assert [m.group() for _, m in regexes.scan("mail @jan of bel 123")] == ["@jan", "123"]
    assert set(searched) == {0, 1}


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    "name", ["_LOOSE_PHONE", "NATIONAL_ID", "IBAN", "PLATE", "SOCIAL", "DATE", "ADDRESS"]
)
def test_guarded_detector_patterns_find_what_the_pattern_finds(name: str, text: str) -> None:
    from moderation.privacy import detectors

    pattern = getattr(detectors, name)
    guarded = Guarded(pattern)
    assert guarded.needles  # each of these needs a digit, an "@" or a "/"
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_compile_flags_count_for_needles() -> None:
    assert needles("a@", re.IGNORECASE) == (frozenset({"@"}),)
    assert set(needles("a@")) == {frozenset({"a"}), frozenset({"@"})}


def test_a_backtracking_pattern_is_tried_only_inside_the_runs_that_hold_its_needle() -> None:
    from moderation.regex_set import alphabet_runs

    street = r"(?i:\b[a-zà-ÿ]+(?:straat|laan|weg)\s+\d+)"
    runs = alphabet_runs(street)
    assert runs is not None
    assert runs.flags & re.IGNORECASE
    assert alphabet_runs(r"a.b\s") is None  # "." may consume anything
    assert alphabet_runs(r"\d+") is None  # short runs: a plain search is quicker
    regexes = RegexSet([street])
    text = "Lang verhaal zonder cijfers. Ze woont in de Kerkstraat 12, echt waar."
    assert regexes._needle_runs(0, text) == [(28, 57)]
    assert [m.group() for _, m in regexes.scan(text)] == ["Kerkstraat 12"]


def test_word_needles_name_the_words_every_match_holds() -> None:
    from moderation.regex_set import word_needles

    assert set(word_needles(r"\b(?i:met|gebruik)\s(?i:code)\s")) == {
        frozenset({"met", "gebruik"}),
        frozenset({"code"}),
    }
    assert word_needles(r"(?:€\s?\d|\d+\s?EURO\b)") == (frozenset({"€", "euro"}),)
    assert word_needles(r"(?:ab|c)d") == ()  # a branch without a word names none
    assert word_needles(r"x(?:abc)?y") == ()  # an optional word is no needle
    assert word_needles(r"(?=abc)\d") == ()  # a lookahead consumes nothing


def test_the_fold_breakers_are_all_that_ignorecase_takes_for_another_ascii_letter() -> None:
    """Outside them, a character that IGNORECASE matches to an ASCII letter lowercases to it."""
    from moderation.regex_set import FOLD_BREAKERS

    letter = re.compile("[a-z]", re.IGNORECASE)
    breakers = set()
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        if letter.fullmatch(ch):
            matched = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, ch, re.I)]
            if any(ch.lower() != x for x in matched):
                breakers.add(ch)
    assert breakers == set(FOLD_BREAKERS)


def test_a_sign_without_case_matches_only_itself_ignoring_case() -> None:
    """What `_foldable` relies on: no character lowercases (as re does) to such a sign or to an
    ASCII character other than a letter (letters: see the fold breakers)."""
    import _sre
    from re import _casefix  # type: ignore[attr-defined]

    from moderation.regex_set import _foldable

    for cp in range(0x80, 0x110000):
        lower = _sre.unicode_tolower(cp)
        if lower != cp:
            assert chr(lower).isalpha() or not _foldable(chr(lower)), hex(cp)
    for extra in (*_casefix._EXTRA_CASES, *(c for v in _casefix._EXTRA_CASES.values() for c in v)):
        assert chr(extra).isalpha() or not _foldable(chr(extra))


_PIECES = [
    "Kerk", "straat", "STRAAT", "ſtraat", "lei", "Weg", "hof", "ı", "İ", "\u212a", "é", " ", "  ",
    "\n", ".", ",", "12", "0471 12 34 56", "€", "euro", "EURO", "per", "uur", "maand", "code",
    "CODE", "met", "gebruik", "ABCD", "stuur", "Stuurt", "'SMS'", "via", "naar", "www.", "WWW.",
    "http://", "HTTPS://", "x.be", "geboren", "op", "3/4/2001", "%", "korting", "@", "jan",
    "1-ABC-123",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_scan_equals_the_alternation_on_cue_pieces(pieces: list[str]) -> None:
    regexes = matcher().regexes
    assert regexes is not None
    text = "".join(pieces)
    assert _scanned(regexes, text) == _alternation(regexes, text)


def test_a_pattern_equal_to_an_earlier_one_is_never_searched() -> None:
    regexes = RegexSet([r"\d+", r"[a-z]+", r"\d+"])
    assert regexes.shadowed == {2}
    text = "abc 123 de 4"
    assert _scanned(regexes, text) == _alternation(regexes, text)


def test_min_digits_is_the_fewest_digits_a_match_holds() -> None:
    from moderation.regex_set import min_digits

    assert min_digits(r"\d{2}[.\s]?\d{2}") == 4
    assert min_digits(r"(?:\+|00)?\d(?:[\s./-]?\d){8,12}(?!\w)") == 9
    assert min_digits(r"(?:\d|ab)c") == 0
    assert min_digits(r"(?=\d)\d?[0-9]{2,}0") == 3  # a lookahead consumes nothing
    assert min_digits(r"[\d\s]{5}[^0-9]") == 0  # a class that may take another character


def test_count_digits_counts_what_backslash_d_matches() -> None:
    from moderation.regex_set import count_digits

    rng = random.Random(3)
    alphabet = "09a ²½٣٤０９.\u0660x"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(10)))
        assert count_digits(text) == len(re.findall(r"\d", text)), text


_DIGIT_PIECES = [
    "0472 12 34 56", "85.07.30-033.61", "85073003361", "12/03/2001", "3 maart 2019", "2", "21",
    "BE68 5390 0754 7034", "1-ABC-123", "ABC-123", "٠٤٧٢١٢٣٤٥٦", "geboren op ", " ", ".", "-", "/",
    "jaar", "Kerkstraat ", "NL91ABNA0417164300", "+32 9 123 45 67", "0032", "x",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DIGIT_PIECES), max_size=12))
def test_guarded_detector_patterns_skip_only_texts_without_enough_digits(pieces: list[str]) -> None:
    from moderation.privacy import detectors

    text = "".join(pieces)
    names = ["_LOOSE_PHONE_SCAN", "_NATIONAL_ID_SCAN", "_IBAN_SCAN", "_PLATE_SCAN", "_DATE_SCAN"]
    for name in names:
        pattern = getattr(detectors, name)
        found = [m.span() for m in detectors._guarded(pattern).finditer(text)]
        assert found == [m.span() for m in pattern.finditer(text)], (name, text)
