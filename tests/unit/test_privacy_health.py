"""Health details in Dutch and French, inflections and compounds; tied to someone or not."""

from __future__ import annotations

import pytest

from moderation.privacy import find_personal_data


def health(text: str) -> list[tuple[str, bool]]:
    """Each health finding: (the words, redacted?)."""
    found = find_personal_data(text, "WZC Ter Linde", "Lier")
    return [
        (text[f.start : f.end], f.replacement is not None) for f in found if f.label == "HEALTH"
    ]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Ons ma is gekend met COPD en krijgt zuurstof.", "COPD"),
        ("Mijn vader heeft longkanker.", "longkanker"),
        ("Zijn hartritmestoornissen werden niet opgevolgd.", "hartritmestoornissen"),
        ("Onze dochter heeft een pinda-allergie.", "pinda-allergie"),
        ("Onze zoon krijgt Rilatine voor zijn ADHD.", "Rilatine"),
        ("Hij zit in een rolstoel sinds zijn herseninfarct.", "herseninfarct"),
        ("Mijn moeder is dementerend.", "dementerend"),
        ("Mijn man heeft doorligwonden op zijn hielen.", "doorligwonden"),
        ("Haar epilepsieaanvallen zijn erger geworden.", "epilepsieaanvallen"),
        ("Mijn broer heeft het syndroom van Down.", "syndroom van Down"),
        ("Zijn alcoholprobleem werd nooit besproken.", "alcoholprobleem"),
        ("Mijn dochter heeft een dwarslaesie.", "dwarslaesie"),
        ("Mon fils est allergique aux arachides.", "allergique"),
        ("Sa mère souffre de la maladie d'Alzheimer.", "maladie d'Alzheimer"),
        ("Mon père est diabétique.", "diabétique"),
        ("Ma fille a de l'asthme.", "asthme"),
    ],
)
def test_health_tied_to_someone_is_redacted(text: str, term: str) -> None:
    assert (term, True) in health(text)


def test_health_in_general_is_shown_but_not_redacted() -> None:
    assert health("Veel bewoners hebben dementie.") == [("dementie", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Er was een inbreuk op de privacy.",
        "De betalingsachterstand werd snel opgelost.",
        "De snelheidsbeperking in de straat is goed.",
        "Het speelgoed is proper en veilig.",
        "De psychotherapeut van het team luistert goed.",
    ],
)
def test_ordinary_words_are_no_health_detail(text: str) -> None:
    assert health(text) == []


def test_a_medicine_is_no_name() -> None:
    found = find_personal_data("Ze neemt Depakine voor haar epilepsie.")
    assert [f.label for f in found] == ["HEALTH", "HEALTH"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Ze werd gediagnosticeerd met fibromyalgie.", "fibromyalgie"),
        ("Mijn zoon leed aan heimwee.", "heimwee"),
        ("Ma mère souffre d'une affection rare.", "affection rare"),
    ],
)
def test_a_condition_named_after_a_diagnosis_phrase(text: str, term: str) -> None:
    assert (term, True) in health(text)


def test_a_diagnosis_phrase_before_a_pronoun_is_no_condition() -> None:
    assert health("Ze is gekend met haar naam.") == []
