"""Names in the forms Flemish reviews and clinical letters use, and what is not a person."""

from __future__ import annotations

import pytest

from moderation.privacy import find_personal_data, redact

FACILITY, TOWN = "Kinderdagverblijf De Zonnebloem", "Gent"


def redacted(text: str) -> str:
    return redact(text, find_personal_data(text, FACILITY, TOWN))


def persons(text: str) -> list[str]:
    found = find_personal_data(text, FACILITY, TOWN)
    return [text[f.start : f.end] for f in found if f.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a title or form of address with a surname, abbreviated or not, with or without a dot
        ("Patiënt werd gezien door dr. Vanhoutte op spoed.", ["Vanhoutte"]),
        ("Dhr. Willems (68 jaar) werd opgenomen.", ["Willems"]),
        ("Op 3 mei zag ik dhr Goris en mw Bosmans.", ["Goris", "Bosmans"]),
        ("Mevr. van der Linden-Bakker belde over haar moeder.", ["van der Linden-Bakker"]),
        ("De heer Vercruysse kwam op controle.", ["Vercruysse"]),
        ("Bijlage: verslag van prof. dr. Verbeke.", ["Verbeke"]),
        ("Madame Dubois a rencontré le docteur Lefèvre.", ["Dubois", "Lefèvre"]),
        ("Mevr. Öztürk en dhr. Nowak spraken met de directie.", ["Öztürk", "Nowak"]),
        ("Juffrouw Vandenbroucke en meester Bart zijn top.", ["Vandenbroucke", "Bart"]),
        ("De kinesiste, mevr. D'hondt, komt elke dinsdag.", ["D'hondt"]),
        ("Mevrouw Vandeputte is een topdirectrice.", ["Vandeputte"]),
        # initials with a surname, joined initials, initials with a particle
        ("Mw. A.M. de Graaf, huisarts te Lokeren", ["A.M. de Graaf"]),
        ("Verwezen door Dr. K. Van den Eynde, neuroloog.", ["K. Van den Eynde"]),
        ("Behandeld door drs. M. Koster en ir. P. Smits.", ["M. Koster", "P. Smits"]),
        ("Huisarts: Dr. Ph. Claeys", ["Ph. Claeys"]),
        ("Getekend, A. Vandecasteele", ["A. Vandecasteele"]),
        ("J. Peeters, hoofdverpleegkundige", ["J. Peeters"]),
        ("Peeters, J. (huisarts)", ["Peeters, J."]),
        ("Jansen, Jan werd gisteren ontslagen.", ["Jansen", "Jan"]),
        # particle surnames in every spelling, hyphenated and two-word surnames
        ("mevr. de Backer en dhr. van Gucht tekenden het verslag.", ["de Backer", "van Gucht"]),
        ("Pieter van der Meer was aanwezig.", ["Pieter van der Meer"]),
        ("Meneer Van Der Heijden was aanwezig.", ["Van Der Heijden"]),
        ("De dokter, Van Roy, kwam pas om tien uur.", ["Van Roy"]),
        ("Ik sprak met Vandewalle van de boekhouding.", ["Vandewalle"]),
        ("De patiënt, Jan-Willem de Boer, is 54 jaar.", ["Jan-Willem de Boer"]),
        (
            "Ingrid De Wolf en Jef Van Acker zijn verantwoordelijk.",
            ["Ingrid De Wolf", "Jef Van Acker"],
        ),
        # care roles, family words, greetings and sign-offs
        (
            "In aanwezigheid van zr. Hilde en verpleegkundige Tom De Clercq.",
            ["Hilde", "Tom De Clercq"],
        ),
        ("Verpleger Tuur en kinesist Stijn zijn fantastisch.", ["Tuur", "Stijn"]),
        ("Tante Mieke en nonkel Rik waren er ook.", ["Mieke", "Rik"]),
        ("Oma Jeanneke en opa Staf komen op bezoek.", ["Jeanneke", "Staf"]),
        ("Mijn broer Hasan en zijn vrouw Elif komen elke week.", ["Hasan", "Elif"]),
        ("Wij danken collega Ruben Verstraete voor de doorverwijzing.", ["Ruben Verstraete"]),
        ("Bij vragen: Bart Lievens, zorgcoördinator.", ["Bart Lievens"]),
        ("Met vriendelijke groeten,\nDr. Ingrid Desmet\nGeriater", ["Ingrid Desmet"]),
        ("Groetjes, Annelies en Bert", ["Annelies", "Bert"]),
        # foreign names, diminutives, names without a list but in a person-shaped place
        ("Dank aan Fatma Yilmaz en Mohamed El Khattabi.", ["Fatma Yilmaz", "Mohamed El Khattabi"]),
        ("Niet meer door mevrouw El Ouali laten begeleiden.", ["El Ouali"]),
        ("Onze kleine Noah en zijn vriendje Milan spelen graag.", ["Noah", "Milan"]),
        ("Ik ben Lies, de mama van Tuur.", ["Lies", "Tuur"]),
        ("Zuster Marie-Thérèse kent elke bewoner.", ["Marie-Thérèse"]),
        ("Babam iki yıldır Ter Linde'de kalıyor, Ahmet'in odası mooi.", ["Ahmet"]),
    ],
)
def test_finds_names(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Elke dag zijn de kinderen buiten.",
        "Ze spreken Frans, Engels en Turks met de kinderen.",
        "Er werken veel Nederlandse en Franse medewerkers.",
        "Het Nederlands van de begeleiders is goed.",
        "Jan en alleman mag er binnen, dat vind ik niet veilig.",
        "Een echte Pietje Precies, die directeur.",
        "De kinderen kijken naar Bumba en Samson en Gert.",
        "Ze zongen liedjes van K3 en Kabouter Plop.",
        "Ze zingen Vader Jacob met de peuters.",
        "We wandelen vaak in de Kempen en het Pajottenland.",
        "Ook de Vlaamse Ardennen zijn mooi in de herfst.",
        "Mijn zoon leest De Standaard en kijkt naar Ketnet.",
        "De Lijn stopt vlak voor de deur.",
        "De Zonnebloem is een warme plek.",
        "Bij De Kleine Wereld was het anders.",
        "Hoop doet leven, zegt men.",
        "Roos en andere bloemen staan in de tuin.",
        "Groen licht voor de nieuwe vleugel.",
        "Klein maar fijn, deze crèche.",
        "Best wel een fijne crèche.",
        "Dan gaan we naar huis.",
        "Vandaag regende het. Vanaf morgen is er zon.",
        "Verder is alles in orde. Vervolgens kregen we een brief.",
        "Deze crèche is goed. Desondanks is de wachtlijst lang.",
        "Het O.L.V.-ziekenhuis ligt vlakbij.",
        "Vitamine C. Daarna gingen we eten.",
        "Het was een plan B. Mijn dochter vond het leuk.",
        "Beste ouders, bedankt voor jullie vertrouwen.",
        "Met vriendelijke groet, het team van De Zonnebloem",
        "Ze hebben Pasen en Kerstmis gevierd met de bewoners.",
        "We gaan naar Gent en Brugge op uitstap.",
        "Via de consulent van Jongerenwelzijn kwamen we hier.",
        "Sint-Jan en Sint-Maarten zijn gezellige wijken.",
    ],
)
def test_keeps_what_is_not_a_person(text: str) -> None:
    assert persons(text) == []
    assert redacted(text) == text


def test_role_word_stays_and_initials_go_with_the_surname() -> None:
    assert redacted("Verwezen door Dr. K. Van den Eynde, neuroloog.") == (
        "Verwezen door Dr. [naam], neuroloog."
    )


def test_names_inside_personal_web_addresses() -> None:
    text = "Lees mijn blog www.mamavanmarieke.be voor meer."
    assert "marieke" not in redacted(text)


def test_every_person_message_says_the_evidence_but_not_the_name() -> None:
    text = "Dhr. Vranckx en J. Peeters, en onze Lowie."
    for f in find_personal_data(text, FACILITY, TOWN):
        assert "Herkend aan:" in f.message
        assert text[f.start : f.end] not in f.message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("juf sofie is heel lief.", "sofie"),
        ("onze zoon lowie is drie.", "lowie"),
        ("verpleger koen hielp ons.", "koen"),
    ],
)
def test_a_listed_name_without_its_capital_after_a_title_or_family_word(
    text: str, name: str
) -> None:
    assert persons(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "de kinesist komt op dinsdag.",
        "mevrouw van het onthaal was vriendelijk.",
        "De uitstap naar Plopsaland en Pairi Daiza was top.",
        "Tijdens de Ramadan houden ze rekening met het eten.",
        "Ik doe boodschappen bij Colruyt.",
    ],
)
def test_lowercase_words_and_places_after_roles_stay(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Gisteren zei Vranckx dat het beter ging.", ["Vranckx"]),
        ("Volgens Mbuyi is alles in orde.", ["Mbuyi"]),
        ("Het team van Zonnehoeve belde ons.", []),
        ("Volgens Zorginspectie is alles in orde.", []),
    ],
)
def test_an_unlisted_word_that_speaks_like_a_person(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Gesprek met de heer Van 't Hof.", ["Van 't Hof"]),
        ("Dhr. A. van 't Zand werd gebeld.", ["A. van 't Zand"]),
        ("Kees belde om tien uur over opa Staf.", ["Kees", "Staf"]),
        ("Fam. Jansen werd ingelicht.", ["Jansen"]),
        ("Patient: Jansen, Petra", ["Jansen", "Petra"]),
        ("Mijn naam is Ilse Martens.", ["Ilse Martens"]),
        ("juf van de Vlindergroep is lief.", []),
        ("Begeleidster van de Zonnebloemgroep belde.", []),
    ],
)
def test_more_clinical_and_family_forms(text: str, names: list[str]) -> None:
    assert persons(text) == names
