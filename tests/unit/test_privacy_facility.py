"""The facility's own public contact data stays; a person's contact data goes."""

from __future__ import annotations

import pytest

from moderation.privacy import find_personal_data, redact

FACILITY, TOWN = "Kinderopvang De Zonnebloem", "Aalst"


def redacted(text: str) -> str:
    return redact(text, find_personal_data(text, FACILITY, TOWN))


@pytest.mark.parametrize(
    "text",
    [
        "Bel gerust ons algemeen nummer 053 21 43 65.",
        "U kan terecht bij onze administratie op 053 21 43 65.",
        "Contacteer ons via directie@dezonnebloem.be of 053 21 43 65.",
        "Meer info op www.dezonnebloem.be.",
        "Mail naar info@kinderopvang-dezonnebloem.be voor een plaats.",
        "Als ik het onthaal bel op 053 21 43 65 neemt er iemand op.",
    ],
)
def test_the_facility_s_own_contact_data_stays(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Bel mij op 0478 12 34 56.", "0478 12 34 56"),
        ("Ons nummer thuis is 053 77 88 99, bel ons gerust.", "053 77 88 99"),
        ("Mail de juf: lien.devos@dezonnebloem.be", "lien.devos@dezonnebloem.be"),
        ("Mijn adres is an.claes@telenet.be.", "an.claes@telenet.be"),
        ("Lees mijn blog www.mamavanmarieke.be", "www.mamavanmarieke.be"),
    ],
)
def test_a_person_s_contact_data_goes(text: str, gone: str) -> None:
    assert gone not in redacted(text)
