"""Search forgives: sector and type words, a typo in a town or a name; results carry scores."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from models import Facility
from services.search import interpret

pytestmark = pytest.mark.integration


def test_words_for_a_sector_a_type_and_a_town_with_a_typo() -> None:
    types = ["woonzorgcentrum", "groepsopvang"]
    towns = ["Mechelen", "Gent", "Lint"]
    assert interpret("kinderopvang", types).sector == "kinderopvang"
    meant = interpret("woonzorgcentrum Mecheln", types, towns)
    assert (meant.kind, meant.municipality, meant.text) == ("woonzorgcentrum", "Mechelen", "")
    assert interpret("rusthuis", types).sector == "ouderenzorg"
    assert interpret("De Rupsjes", types, towns).text == "de rupsjes"  # a name stays a name


@pytest.fixture
def facilities(engine: Any) -> None:
    with Session(engine) as session:
        session.add(
            Facility(
                name="WZC Hof ter Beke",
                sector="ouderenzorg",
                type="woonzorgcentrum",
                municipality="Mechelen",
                postcode="2800",
            )
        )
        session.commit()


def test_a_family_finds_what_they_meant(client: Any, facilities: None) -> None:
    by_sector = client.get("/zoeken?q=kinderopvang").text
    assert "De Rupsjes" in by_sector
    assert "WZC Ter Linde" not in by_sector
    typo = client.get("/zoeken?q=woonzorgcentrum+Mecheln").text
    assert "WZC Hof ter Beke" in typo
    assert "We zochten in Mechelen." in typo
    name_typo = client.get("/zoeken?q=Rupsje").text
    assert "De Rupsjes" in name_typo
    assert "Nog geen waarderingen" in name_typo
    assert "Hof ter Beke" in client.get("/zoeken?q=2800").text
    assert client.get("/zoeken?q=x&sorteer=score").status_code == 200


@pytest.fixture
def around_leuven(engine: Any) -> None:
    with Session(engine) as session:
        for name, town, code in (
            ("Kinderdagverblijf Bertemse Bijtjes", "Bertem", "3060"),
            ("Kribbe Leuvense Vest", "Leuven", "3000"),
            ("Kinderopvang Brugse Poort", "Brugge", "8000"),
        ):
            session.add(
                Facility(
                    name=name,
                    sector="kinderopvang",
                    type="kinderdagverblijf",
                    municipality=town,
                    postcode=code,
                )
            )
        session.commit()


def test_a_deelgemeente_a_postcode_or_a_french_name_finds_the_towns_around(
    client: Any, around_leuven: None
) -> None:
    near = client.get("/zoeken?q=Heverlee").text  # part of Leuven, no facility names it
    assert "In de buurt van Heverlee (tot 8 km), de dichtste eerst." in near
    assert near.index("Kribbe Leuvense Vest") < near.index("Bertemse Bijtjes")  # nearest first
    assert "Brugse Poort" not in near
    typo = client.get("/zoeken?q=kinderopvang+Heverle").text
    assert "Kribbe Leuvense Vest" in typo
    assert "Brugse Poort" not in typo
    by_code = client.get("/zoeken?q=3001").text  # Heverlee's postcode; the facility has 3000
    assert "Kribbe Leuvense Vest" in by_code
    assert "We zochten in Leuven." in by_code
    assert "Bertemse Bijtjes" not in by_code
    french = client.get("/zoeken?q=Louvain").text
    assert "Kribbe Leuvense Vest" in french
    assert "Brugse Poort" not in french
    nowhere = client.get("/zoeken?q=Qwxzv").text
    assert "Kribbe Leuvense Vest" not in nowhere
