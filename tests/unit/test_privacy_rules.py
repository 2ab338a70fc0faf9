"""Privacy: every kind of personal data with Flemish examples, what must stay, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.contract import PLACEHOLDERS
from moderation.privacy import find_personal_data, redact


def labels(text: str, facility: str = "De Speelvogel", town: str = "Leuven") -> dict[str, str]:
    """Map each found piece of text to its label."""
    return {text[f.start : f.end]: f.label for f in find_personal_data(text, facility, town)}


@pytest.mark.parametrize(
    ("text", "piece", "label"),
    [
        ("Bel gerust naar 0493 27 81 44 als er iets is.", "0493 27 81 44", "PHONE"),
        ("Het nummer van de leefgroep is 016/22.45.78.", "016/22.45.78", "PHONE"),
        ("Je kan ze bereiken op +32 9 233 40 12.", "+32 9 233 40 12", "PHONE"),
        ("Mijn gsm: 0478123456.", "0478123456", "PHONE"),
        ("Hun Nederlandse nummer is 06 12345678.", "06 12345678", "PHONE"),
        (
            "Stuur een mail naar griet.vermeersch@skynet.be voor info.",
            "griet.vermeersch@skynet.be",
            "EMAIL",
        ),
        (
            "Mail me: tom punt declercq at telenet punt be",
            "tom punt declercq at telenet punt be",
            "EMAIL",
        ),
        (
            "Zijn rijksregisternummer 85.07.30-033.28 stond op de factuur.",
            "85.07.30-033.28",
            "NATIONAL_ID",
        ),
        ("Stort de waarborg op BE71 0961 2345 6769 aub.", "BE71 0961 2345 6769", "IBAN"),
        (
            "Met een tikfout: BE71 0961 2345 6760 blijft een rekening.",
            "BE71 0961 2345 6760",
            "IBAN",
        ),
        ("De bestelwagen met plaat 2-HGT-771 stond op het voetpad.", "2-HGT-771", "LICENSE_PLATE"),
        (
            "Volg ons op instagram.com/kribbe_flapuitje_gent",
            "instagram.com/kribbe_flapuitje_gent",
            "SOCIAL",
        ),
        ("Stuur een bericht naar @papa.van.lowie", "@papa.van.lowie", "SOCIAL"),
        ("Hij is geboren op 3 februari 1941 in Aalst.", "3 februari 1941", "DATE_OF_BIRTH"),
        ("Onze Mats (°22/08/2023) is er graag.", "22/08/2023", "DATE_OF_BIRTH"),
        (
            "We wonen in de Bruggestraat 14, 8800 Roeselare.",
            "Bruggestraat 14, 8800 Roeselare",
            "ADDRESS",
        ),
        ("Juf Hanne is super lief.", "Hanne", "PERSON"),
        ("Directrice mevrouw De Smet was niet bereikbaar.", "De Smet", "PERSON"),
        ("Meneer Van den Broeck belde terug.", "Van den Broeck", "PERSON"),
        ("Ons ma, Godelieve Verstraete, woont er drie jaar.", "Godelieve Verstraete", "PERSON"),
        ("Onze Lowie is drie.", "Lowie", "PERSON"),
        ("Mijn dochter Fien speelt graag buiten.", "Fien", "PERSON"),
        ("Begeleider Jef werkt met pictogrammen.", "Jef", "PERSON"),
        ("Onze zoon Mathis heeft epilepsie.", "epilepsie", "HEALTH"),
    ],
)
def test_finds_each_kind(text: str, piece: str, label: str) -> None:
    found = labels(text)
    assert found.get(piece) == label, found


def test_role_word_stays_and_only_the_name_goes() -> None:
    text = "Juf Sofie en directrice mevrouw Peeters waren er."
    assert redact(text, find_personal_data(text)) == (
        "Juf [naam] en directrice mevrouw [naam] waren er."
    )


def test_a_name_found_once_is_redacted_everywhere() -> None:
    text = "Onze Wannes is er graag. Wannes zegt dat elke dag."
    assert "Wannes" not in redact(text, find_personal_data(text))


@pytest.mark.parametrize(
    "text",
    [
        "Kinderdagverblijf De Speelvogel in Leuven is heel proper.",
        "We hebben het gemeld bij Zorginspectie en bij Opgroeien.",
        "Het OCMW en Kind en Gezin kwamen langs.",
        "De Speelvogel heeft een mooie tuin in Leuven.",
        "Er heerst rust in de leefgroep en er is hoop op beterschap.",
        "De juffen zijn lief en de maaltijden zijn gevarieerd.",
        "In Mechelen en Turnhout zijn de wachtlijsten lang.",
    ],
)
def test_what_must_stay(text: str) -> None:
    findings = find_personal_data(text, "Kinderdagverblijf De Speelvogel", "Leuven")
    assert [f for f in findings if f.replacement] == [], findings


def test_health_is_flagged_but_only_redacted_when_tied_to_someone() -> None:
    general = find_personal_data("Veel bewoners hebben dementie en dat vraagt geduld.")
    assert [(f.label, f.replacement) for f in general] == [("HEALTH", None)]
    personal = find_personal_data("Mijn moeder heeft dementie.")
    assert [(f.label, f.replacement) for f in personal] == [("HEALTH", "[gezondheidsinfo]")]


def test_spelled_out_phone_number() -> None:
    text = "Bel nul vier zeven twee, een twee drie vier vijf zes."
    assert "[telefoonnummer]" in redact(text, find_personal_data(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01\x02",
        "😀" * 500,
        "שלום עולם مرحبا بالعالم",
        "<script>alert(1)</script>",
        "a" * 200_000,
        ("Juf An belde 0472 12 34 56. " * 8000),
    ],
)
def test_bad_input_never_crashes_and_offsets_stay_valid(text: str) -> None:
    findings = find_personal_data(text)
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
    redact(text, findings)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_properties_offsets_valid_idempotent_and_placeholders_clean(text: str) -> None:
    findings = find_personal_data(text)
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
    once = redact(text, findings)
    twice = redact(once, find_personal_data(once))
    assert twice == once
    for placeholder in PLACEHOLDERS.values():
        assert find_personal_data(placeholder) == []
