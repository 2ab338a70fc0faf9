"""The phone detector's shortcuts give phonenumbers' own answers: same candidates, same spans."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import phonenumbers
import pytest

from moderation.privacy import detectors
from moderation.privacy.detectors import Span

_DIGITS = "0123456789"
_ODD_DIGITS = "٠١٢٣٤٥٦٧٨٩０１２３４５６７８９"  # Arabic-Indic and full-width digits
_SEPARATORS = [" ", "-", ".", "/", " / ", "(", ")", " - ", "x", " ext ", "#", "\u00a0"]


def _number(rng: random.Random) -> str:
    """Something a review may hold that looks like a number: short or long, any prefix."""
    size = rng.choice([1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 9, 10, 11, 12, 13])
    digits = "".join(rng.choice(_DIGITS) for _ in range(size))
    if rng.random() < 0.1:
        digits = "".join(rng.choice(_ODD_DIGITS) for _ in range(size))
    prefix = rng.choice(["", "", "", "0", "0", "00", "+", "+32 ", "0032 ", "+31", "0031", "＋"])
    out = prefix
    for ch in digits:
        out += ch
        if rng.random() < 0.3:
            out += rng.choice(_SEPARATORS)
    if rng.random() < 0.1:
        out += rng.choice(["ABC", " BELLEN", "tel", "u"])
    return out.strip()


def _candidates() -> list[str]:
    rng = random.Random(17)
    fixed = ["09 123 45 67", "0472/12.34.56", "+32 9 123 45 67", "0031 20 123 4567", "2025"]
    return fixed + [_number(rng) for _ in range(4000)]


@pytest.mark.parametrize("region", ["BE", "NL"])
def test_shortcut_never_drops_a_number_phonenumbers_accepts(region: str) -> None:
    reference = phonenumbers.PhoneNumberMatcher("", region, leniency=0)
    skipped = 0
    for candidate in _candidates():
        expected = reference._parse_and_verify(candidate, 0)
        if detectors._too_short(candidate, region):
            skipped += 1
            assert expected is None, candidate
        got = detectors._parsed(candidate, region)
        assert (got is None) == (expected is None), candidate
        if expected is not None:
            assert got == expected.number, candidate
    assert skipped > 500  # the shortcut does fire


def _reference_phones(text: str) -> Iterator[Span]:
    """find_phones as it was: phonenumbers' matcher per region, every spelled run."""
    seen: set[tuple[int, int]] = set()
    for region in ("BE", "NL"):
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=0):
            key = (match.start, match.end)
            if key not in seen:
                seen.add(key)
                yield Span(match.start, match.end, "PHONE", 0.9, "phone")
    for m in detectors._LOOSE_PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith(("0", "32", "31", "0032", "0031")) and 9 <= len(digits) <= 13:
            yield Span(m.start(), m.end(), "PHONE", 0.7, "phone_digits")
    run: list[re.Match[str]] = []
    for m in detectors._NUMBER_WORD.finditer(text):
        if run and text[run[-1].end() : m.start()].strip(" ,-") != "":
            yield from detectors._spelled(run)
            run = []
        run.append(m)
    yield from detectors._spelled(run)


_NUMBER_WORDS = ["vier", "zeven", "twee", "een", "drie", "acht", "negen", "vijf"]
_WORDS = ["bel", "me", "op", "of", "mail", "naar", "de", "juf", "nul", "zes", "om", "uur"]
_WORDS += _NUMBER_WORDS


def _text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randrange(3, 40)):
        parts.append(_number(rng) if rng.random() < 0.3 else rng.choice(_WORDS))
    if rng.random() < 0.2:  # a number spelled out
        parts.append("nul " + " ".join(rng.choice(_NUMBER_WORDS) for _ in range(9)))
    return rng.choice([" ", ", ", " - "]).join(parts)


def test_find_phones_equals_the_two_matchers_on_generated_texts() -> None:
    rng = random.Random(1717)
    found = 0
    for _ in range(1500):
        text = _text(rng)
        expected = list(_reference_phones(text))
        assert list(detectors.find_phones(text)) == expected, text
        found += len(expected)
    assert found > 300


def test_the_led_candidate_pattern_finds_what_phonenumbers_pattern_finds() -> None:
    from phonenumbers import phonenumbermatcher

    rng = random.Random(4242)
    texts = [_text(rng) for _ in range(800)]
    texts += ["(09) 123 45 67", "［+32］ 9 123", "＋31 20 123 4567 ext 12", "tel.: (0)9/123", "x"]
    for text in texts:
        for pos in (0, len(text) // 2):
            expected = phonenumbermatcher._PATTERN.search(text, pos)
            got = detectors._CANDIDATE.search(text, pos)
            assert (got and (got.span(), got.groups())) == (
                expected and (expected.span(), expected.groups())
            ), text
