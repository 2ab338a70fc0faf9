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
