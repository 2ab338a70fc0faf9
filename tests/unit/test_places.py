"""Places a family may type: postcodes, French names, deelgemeenten (data from packages)."""

from __future__ import annotations

import pytest

from services.places import place, town_of_postcode


@pytest.mark.parametrize(
    ("word", "town"),
    [
        ("Heverlee", "Leuven"),
        ("Kessel-Lo", "Leuven"),
        ("Wilsele", "Leuven"),
        ("Borgerhout", "Antwerpen"),
        ("Wilrijk", "Antwerpen"),
        ("Gentbrugge", "Gent"),
        ("Sint-Amandsberg", "Gent"),
        ("Assebroek", "Brugge"),
        ("Heule", "Kortrijk"),
        ("Erembodegem", "Aalst"),
        ("Kuringen", "Hasselt"),
        ("Melle", "Merelbeke-Melle"),  # merged in 2025
        ("Zwijndrecht", "Beveren-Kruibeke-Zwijndrecht"),
    ],
)
def test_a_deelgemeente_covers_its_own_town(word: str, town: str) -> None:
    found = place(word)
    assert found is not None
    assert town in found.towns


def test_nearest_towns_come_first_and_far_ones_not_at_all() -> None:
    found = place("Heverlee")
    assert found is not None
    assert found.towns[0] == "Leuven"
    assert "Brugge" not in found.towns


def test_french_names_and_typos() -> None:
    assert [place(w).towns for w in ("Louvain", "Gand", "Anvers")] == [  # type: ignore[union-attr]
        ("Leuven",),
        ("Gent",),
        ("Antwerpen",),
    ]
    typo = place("heverle")
    assert typo is not None
    assert typo.name == "Heverlee"
    assert place("qwxzv") is None
    assert place("de") is None  # short words are no place


def test_postcodes_after_the_2025_mergers() -> None:
    assert town_of_postcode("3001") is not None
    assert town_of_postcode("3001").towns == ("Leuven",)  # type: ignore[union-attr]
    merged = town_of_postcode("9820")
    assert merged is not None
    assert merged.towns == ("Merelbeke-Melle",)
    assert town_of_postcode("0000") is None
    assert town_of_postcode("5000") is None  # Namur: Wallonia is not covered
