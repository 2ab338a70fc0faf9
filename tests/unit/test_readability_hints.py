"""Live writing hints and moderator phrases: plain Dutch, at most three, never blocking."""

from __future__ import annotations

import time

import pytest

from moderation.contract import Finding
from moderation.readability import describe_metrics, writing_hints


def test_hints_are_capped_at_three() -> None:
    text = (
        "IK BEN ZO BOOS OP IEDEREEN DAAR EN NIEMAND LUISTERT OOIT NAAR ONS EN WE BLIJVEN MAAR "
        "BELLEN EN BELLEN EN BELLEN ZONDER ANTWOORD LOL IDK!!!! 😡😡😡😡😡😡"
    )
    privacy = [Finding("privacy", "PERSON", 0, 2, "Naam."), Finding("privacy", "PHONE", 3, 5, "")]
    hints = writing_hints(text, privacy)
    assert len(hints) == 3
    assert all(h.message for h in hints)


@pytest.mark.parametrize(
    ("label", "word"),
    [
        ("PERSON", "namen"),
        ("PHONE", "telefoonnummer"),
        ("EMAIL", "e-mailadres"),
        ("IBAN", "rekeningnummer"),
    ],
)
def test_privacy_hint_per_kind(label: str, word: str) -> None:
    hints = writing_hints("Het is een fijne opvang.", [Finding("privacy", label, 0, 3, "")])
    assert word in hints[0].message


def test_shouting_hint_and_long_sentence_hint() -> None:
    assert writing_hints("DE OPVANG IS ECHT HEEL SLECHT GEORGANISEERD.", [])[0].code == "shouting"
    long = "De opvang is goed, " + ", ".join(["de juffen zijn lief en het eten is lekker"] * 5)
    assert "long_sentence" in {h.code for h in writing_hints(long + ".", [])}


def test_clean_text_gets_no_hints() -> None:
    assert writing_hints("De juffen zijn lief en het eten is goed. Aanrader voor ouders.", []) == []


def test_describe_metrics_says_why_in_dutch() -> None:
    phrases = describe_metrics({"mean_sentence_words": 41.0, "words": 82.0, "sentences": 2.0})
    assert "moeilijk leesbaar: zinnen van gemiddeld 41 woorden" in phrases
    assert describe_metrics({}) == []


def test_hints_are_fast_for_300_words() -> None:
    text = " ".join(["De juffen zijn lief en het eten is vers, maar parkeren is lastig."] * 25)
    writing_hints(text, [])
    start = time.perf_counter()
    for _ in range(10):
        writing_hints(text, [])
    assert (time.perf_counter() - start) / 10 < 0.03


def test_foreign_text_gets_a_language_hint() -> None:
    hints = writing_hints("Our son loves this daycare and the staff are very kind to him.", [])
    assert hints[0].code == "language"


def test_short_hint_only_when_the_writer_seems_done() -> None:
    assert [h.code for h in writing_hints("Top!", [])] == ["short"]
    assert writing_hints("De juf", []) == []


def test_chat_speak_hint() -> None:
    codes = {h.code for h in writing_hints("de juffen zijn lief idk wrm ze zo streng zijn", [])}
    assert "chat_speak" in codes


def test_empty_text_has_no_hints() -> None:
    assert writing_hints("   ", [Finding("privacy", "PERSON", 0, 1, "")]) == []
