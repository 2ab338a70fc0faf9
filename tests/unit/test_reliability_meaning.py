"""Judgement by meaning: my own Flemish and French cases per flag, positives and clean ones."""

from __future__ import annotations

from datetime import datetime

import pytest

from moderation import InMemoryHistory, Submission, moderate
from moderation.reliability.cues import matcher
from moderation.reliability.lemmas import FORMS, load_tables, tokenize, vocabulary_key
from moderation.reliability.text_rules import check_text, scores


def sub(text: str, kind: str = "review") -> Submission:
    return Submission(
        id="t1",
        kind=kind,  # type: ignore[arg-type]
        facility_id="f1",
        facility_name="De Notelaar",
        sector="kinderopvang",
        municipality="Aalst",
        reviewer_id="u1",
        submitted_at=datetime(2026, 5, 4, 9, 0),
        text=text,
        ratings={"1": 3},
    )


def text_flags(text: str, kind: str = "review") -> set[str]:
    return {h.flag for h in check_text(text, 2.0, kind)} - {"risk"}


SERIOUS = [
    # unsupervised, in danger
    "Toen ik mijn dochtertje kwam halen, zat ze in haar eentje op het voetpad aan de drukke "
    "steenweg. Geen enkele begeleidster had gemerkt dat ze weg was.",
    "Onze peuter is twee keer uit de tuin weggelopen omdat het hek niet op slot zat. De juffen "
    "wisten van niets tot een buurman hem terugbracht.",
    "De kleuters werden een uur zonder toezicht in de turnzaal gelaten terwijl de begeleiders "
    "buiten stonden te roken.",
    # allergen, wrong medication
    "Mijn zoontje is allergisch voor pinda's, dat staat overal, en toch kreeg hij een koek met "
    "pindakaas. Hij zwol op en moest naar de spoed.",
    "Mijn vader kreeg 's avonds de pillen van zijn kamergenoot. Hij was de volgende dag niet "
    "aanspreekbaar en de verpleging heeft dat pas na uren gemeld.",
    "Twee dagen op rij is de insuline van mijn moeder overgeslagen. Haar suiker was veel te "
    "hoog en niemand van het personeel had het genoteerd.",
    # injuries, violence
    "Onze dochter van drie kwam thuis met striemen op haar rug en zegt dat de juf haar met "
    "een lat geslagen heeft.",
    "Ik zag hoe een verzorgster mijn grootvader ruw bij zijn pols trok en hem in de zetel "
    "duwde. Hij had nadien blauwe vlekken.",
    "Een begeleider heeft onze zoon van 12 tegen de grond gewerkt en op hem gezeten tot hij "
    "geen adem meer kreeg.",
    # locked in, restrained
    "Ze sluiten mijn broer met een beperking 's nachts op in zijn kamer, de deur gaat op slot "
    "van buiten.",
    "Mijn moeder met alzheimer wordt elke namiddag vastgebonden in haar rolstoel zodat ze niet "
    "kan rondlopen. Niemand heeft dat met ons besproken.",
    # secret or sexualised contact
    "Een monitor van het kamp stuurt ons meisje van dertien 's nachts berichtjes op Instagram "
    "en vraagt haar dat geheim te houden.",
    "Onze tienerdochter vertelde dat een opvoeder haar op haar kamer aanraakte waar dat niet "
    "mag. Wij hebben klacht ingediend bij de politie.",
    # drugs
    "In de leefgroep van onze zoon van vijftien wordt openlijk wiet gerookt en de opvoeders "
    "kijken weg.",
    # money and belongings
    "Er is al drie keer geld uit de kamer van mijn schoonvader gestolen en de directie doet "
    "alsof het zijn eigen schuld is.",
    "Van de bankkaart van ons moeder werd op een maand 600 euro afgehaald terwijl ze haar bed "
    "niet meer uit komt.",
    # thirst, hunger, pressure sores, falls
    "Mijn grootmoeder kreeg dagenlang niets te drinken en werd uitgedroogd opgenomen in het "
    "ziekenhuis.",
    "Ons vader heeft een doorligwonde op zijn hiel die al weken openligt, en de verpleging "
    "zei dat het niets was.",
    "Mijn moeder is uit bed gevallen en heeft daar tot de ochtend op de grond gelegen. Niemand "
    "van de nachtploeg heeft het gezien.",
    "De bewoners op de afdeling van mijn tante krijgen 's middags vaak geen eten omdat er te "
    "weinig personeel is; ze is al acht kilo afgevallen.",
    # a wish for investigation or a report
    "Ik heb Opgroeien gebeld, want een kinderverzorgster schudde een baby hard door elkaar "
    "omdat hij bleef wenen.",
    # French
    "Mon fils de quatre ans a été frappé par une puéricultrice, il avait des bleus sur les "
    "bras. J'ai porté plainte à la police.",
    "Ma mère est restée enfermée dans sa chambre toute la nuit, sans surveillance, elle avait "
    "soif et personne n'est venu.",
]

CLEAN = [
    "Onze zoon is er graag, de juffen zijn lief en hij leert er veel. Een aanrader.",
    "Mijn dochter viel op de speelplaats en had een schaafwonde; de juf heeft ons meteen "
    "gebeld en het netjes verzorgd.",
    "Als ouder voel je je soms alleen gelaten met al die formulieren.",
    "De medicatie van mijn vader wordt altijd goed opgevolgd, ook in het weekend.",
    "Ons kind is er nooit alleen gelaten, er is altijd iemand in de buurt.",
    "De begeleiders hebben ons door een moeilijke periode gesleurd, zonder hen was het niet "
    "gelukt.",
    "Mijn moeder heeft dementie, maar het personeel gaat er heel geduldig mee om.",
    "Het eten is lekker en er is altijd water en fruit voorzien voor de bewoners.",
    "Er zijn te weinig parkeerplaatsen en de prijs is het voorbije jaar gestegen.",
    "De verpleging heeft de wonde van mijn vader goed verzorgd tot ze genezen was.",
    "Hij is één keer gevallen in de gang, maar de verpleger was er meteen bij en de huisarts "
    "kwam nog dezelfde dag.",
    "Onze dochter heeft een notenallergie en de keuken houdt daar heel goed rekening mee.",
    "Wij kregen elke dag een berichtje met foto's van de juf, heel fijn.",
]


@pytest.mark.parametrize("text", SERIOUS)
def test_serious_allegations_are_escalated(text: str) -> None:
    report = moderate(sub(text), InMemoryHistory())
    assert report.route == "escalate", scores(text)


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_care_stories_are_not_allegations(text: str) -> None:
    assert "serious_allegation" not in text_flags(text), scores(text)


def test_a_lone_risk_cue_goes_to_review_not_publish() -> None:
    report = moderate(sub("Onze zoon is gisteren gevallen op de speelplaats."), InMemoryHistory())
    assert report.flags == ()
    assert report.route == "review"
    assert any(f.check == "risk" and f.severity == "info" for f in report.findings)


def test_a_reply_is_never_escalated_as_an_allegation() -> None:
    text = "Onze begeleider heeft het kind niet geslagen; de politie heeft dat ook vastgesteld."
    assert "serious_allegation" not in text_flags(text, "reply")


def test_the_message_shows_cue_words_and_weights_but_no_names() -> None:
    text = (
        "Juf Hilde Peeters heeft onze baby drie uur alleen gelaten in de slaapkamer. Ik heb "
        "de politie verwittigd."
    )
    (hit,) = [h for h in check_text(text, 2.0) if h.flag == "serious_allegation"]
    assert "kwetsbare persoon: baby (1)" in hit.message
    assert "alleen laten (2)" in hit.message
    assert "melding: politie (1)" in hit.message
    assert "≥ 3" in hit.message
    assert "Hilde" not in hit.message
    assert "Peeters" not in hit.message


IMPLAUSIBLE = [
    "Sinds mijn vader naar het dagcentrum gaat, is zijn alzheimer volledig verdwenen en kent "
    "hij weer alle verjaardagen.",
    "Ons zoontje van tien maanden kan dankzij de kinderverzorgsters al lezen en schrijven.",
    "Mijn oom zat tien jaar in een rolstoel. Na een maand kinesitherapie hier liep hij de "
    "marathon van Brussel.",
    "In zes jaar heeft geen enkel kind hier ooit gehuild, nog niet één keer, geen enkele keer.",
    "Dit is de beste kinderopvang van heel België, nergens anders worden kinderen zo verzorgd.",
    "Iedereen in het dorp weet dat de directeur het geld van de bewoners op zijn eigen "
    "rekening zet. Mijn kapper heeft het van een poetsvrouw gehoord.",
    "Na één namiddag bij de logopedist sprak onze zoon vloeiend Spaans. Ik heb het zelf nog "
    "niet gehoord, maar zijn meter zweert het.",
    "Mijn grootmoeder van 98 ziet er na een jaar hier uit als 50, de dokters begrijpen er "
    "niets van.",
]

NOT_IMPLAUSIBLE = [
    "Een fijne opvang, we zijn er al drie jaar heel tevreden over.",
    "De beste opvang die we in onze buurt gevonden hebben, al is de prijs hoog.",
    "Mijn moeder loopt sinds de kine weer een stukje met haar rollator in de gang.",
    "We hebben nog nooit een probleem gehad met de facturen.",
    "Onze dochter leerde hier fietsen zonder zijwieltjes, wat waren we trots.",
    "BESTE OPVANG VAN HEEL LIMBURG! MERCI AAN HET HELE TEAM!",
]


@pytest.mark.parametrize("text", IMPLAUSIBLE)
def test_implausible_claims_are_flagged(text: str) -> None:
    assert "implausible" in text_flags(text), scores(text)


@pytest.mark.parametrize("text", NOT_IMPLAUSIBLE)
def test_enthusiasm_is_not_implausible(text: str) -> None:
    assert "implausible" not in text_flags(text), scores(text)


REVENGE = [
    (
        "Ik weet waar die kinderverzorgster woont. Als ze nog eens aan mijn kind komt, zal ze het "
        "geweten hebben.",
        "review",
    ),
    (
        "De nachtverpleger heet Tom en woont in de Dorpsstraat 12 in Aalter. Ga hem gerust eens "
        "vertellen wat je van hem denkt, doe ermee wat je wilt.",
        "review",
    ),
    (
        "Hier is het gsm-nummer van de directrice: 0477 12 34 56. Bel haar gerust allemaal, "
        "midden in de nacht.",
        "review",
    ),
    ("Die consulent gaat nergens nog werk vinden, daar zorg ik persoonlijk voor.", "review"),
    ("Ik ga ervoor zorgen dat die crèche dichtgaat. Boycot ze, deel dit overal.", "review"),
    (
        "Meneer, u vergeet te vermelden dat u al een half jaar de facturen niet betaald hebt en "
        "dat uw vrouw u verlaten heeft wegens uw drankprobleem.",
        "reply",
    ),
    (
        "Mevrouw, iedereen hier weet dat u zelf in de psychiatrie hebt gezeten en uw kinderen "
        "bijna nooit komt bezoeken.",
        "reply",
    ),
]

NOT_REVENGE = [
    (
        "Wie ook een plaats zoekt, mag mij gerust mailen, wij wonen in de Stationsstraat 4.",
        "review",
    ),
    ("Onze dochter, geboren op 2 mei 2021, gaat er graag naartoe.", "review"),
    ("Wij volgen de opvang op Instagram, daar staan mooie foto's van de uitstappen.", "review"),
    (
        "Beste mevrouw, bedankt voor uw reactie. We nodigen u graag uit voor een gesprek over de "
        "zorg voor uw moeder.",
        "reply",
    ),
    ("Beste ouder, uw vraag over de factuur hebben we doorgegeven aan de boekhouding.", "reply"),
]


@pytest.mark.parametrize(("text", "kind"), REVENGE)
def test_revenge_is_flagged(text: str, kind: str) -> None:
    assert "revenge" in text_flags(text, kind), scores(text, kind=kind)


@pytest.mark.parametrize(("text", "kind"), NOT_REVENGE)
def test_contact_offers_and_polite_replies_are_not_revenge(text: str, kind: str) -> None:
    assert "revenge" not in text_flags(text, kind), scores(text, kind=kind)


ABUSIVE = [
    ("Die directrice is een ambetante trien en haar assistent een onnozele kwast.", "review"),
    ("Wat een stelletje prutsers en luieriken, allemaal onbekwaam.", "review"),
    ("Die verzorgster is ne vieze zeurpiet en ne smeerlap.", "review"),
    ("Al die buitenlanders in de keuken zijn allemaal lui en vuil.", "review"),
    (
        "Sinds ze daar zoveel Marokkanen aannemen, is het een zootje. Dat volk kan niet werken.",
        "review",
    ),
    ("Met zo'n hysterische moeder als u is het geen wonder dat uw kind moeilijk doet.", "reply"),
    ("Cette directrice est une vraie connasse.", "review"),
]

NOT_ABUSIVE = [
    ("De directrice is streng maar rechtvaardig.", "review"),
    ("Er werken veel mensen van verschillende afkomst en dat vinden we net een rijkdom.", "review"),
    ("Mijn moeder heeft kanker en de verpleging is heel zorgzaam.", "review"),
    ("Beste mevrouw, we begrijpen uw bezorgdheid en bellen u deze week op.", "reply"),
]


@pytest.mark.parametrize(("text", "kind"), ABUSIVE)
def test_abuse_is_flagged(text: str, kind: str) -> None:
    assert "abusive" in text_flags(text, kind), scores(text, kind=kind)


@pytest.mark.parametrize(("text", "kind"), NOT_ABUSIVE)
def test_plain_words_are_not_abuse(text: str, kind: str) -> None:
    assert "abusive" not in text_flags(text, kind), scores(text, kind=kind)


SPAM = [
    "Ben je ook op zoek naar een babysit? Ik pas op kinderen aan 10 euro per uur, bel me op "
    "0499 12 34 56 of kijk op www.oppasinge.be.",
    "kinderopvang aalst goedkope kinderopvang aalst beste kinderopvang oost-vlaanderen "
    "kinderopvang aalst prijzen kinderopvang",
    "Als coach help ik ouders met slaapproblemen. Boek nu een gratis kennismaking via "
    "www.slaapcoach-an.be, eerste sessie aan halve prijs!",
]

NOT_SPAM = [
    "Ik schrijf op mijn blog over onze ervaringen als pleeggezin: www.onsgezin.be. De "
    "begeleiding hier is top.",
    "Meer uitleg over de erkenning vind je op www.kindengezin.be.",
    "De dagprijs is 28 euro en er komt geen extra kost bij voor luiers.",
]


@pytest.mark.parametrize("text", SPAM)
def test_spam_is_flagged(text: str) -> None:
    assert "spam" in text_flags(text), scores(text)


@pytest.mark.parametrize("text", NOT_SPAM)
def test_a_personal_blog_or_a_price_is_not_spam(text: str) -> None:
    assert "spam" not in text_flags(text), scores(text)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("sloeg", "slaan"),
        ("geslagen", "slaan"),
        ("kindjes", "kind"),
        ("pilletjes", "pil"),
        ("opgesloten", "opsluiten"),
        ("vastgebonden", "vastbinden"),
        ("manneke", "man"),
        ("duwde", "duwen"),
    ],
)
def test_lemmas_cover_inflections_and_diminutives(word: str, lemma: str) -> None:
    assert lemma in matcher().lemmatizer.candidates(word)


def test_compounds_match_their_head() -> None:
    m = matcher()
    found = {a.text for a, i in m.atom_id.items() if i in m.atoms_of("notenallergie")}
    assert "allergie" in found


def test_tokens_keep_spans_of_the_original_text() -> None:
    text = "Één crèche, twee kindjes."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["Één", "crèche", "twee", "kindjes"]
    assert [t.norm for t in tokens] == ["een", "creche", "twee", "kindjes"]


def test_stored_lemma_forms_match_the_cue_files() -> None:
    # After editing a cue file: python -m moderation.reliability
    wanted = matcher().lemmas()
    assert FORMS.read_text(encoding="utf-8").splitlines()[0].endswith(vocabulary_key(wanted))
    assert load_tables(wanted)
