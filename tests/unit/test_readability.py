"""Readability and language check: flags only what a moderator must act on."""

from __future__ import annotations

import pytest

from moderation.contract import Finding
from moderation.readability import (
    ReadabilityPolicy,
    check_readability,
    describe_metrics,
    language_notice,
    writing_hints,
)
from moderation.readability.lexicon import is_known

POLICY = ReadabilityPolicy()


def _checks(text: str) -> set[str]:
    return {f.check for f in check_readability(text, POLICY).findings}


@pytest.mark.parametrize(
    "text",
    [
        "WIJ ZIJN HEEL ONTEVREDEN OVER DE OPVANG. NIEMAND BELT OOIT TERUG EN DE FACTUUR KLOPT "
        "NIET. DIT KAN ECHT NIET!!!",
        "DE KAMER VAN MIJN VADER WORDT NOOIT GEPOETST EN HET ETEN IS ALTIJD KOUD.",
    ],
)
def test_shouting_is_flagged(text: str) -> None:
    assert "readability" in _checks(text)


def test_wall_without_punctuation_is_flagged() -> None:
    wall = " ".join(
        ["en dan zeiden ze dat het in orde kwam maar er gebeurde niks van want niemand wist"] * 7
    )
    result = check_readability(wall, POLICY)
    finding = next(f for f in result.findings if f.check == "readability")
    assert finding.label == "readability"
    assert finding.end - finding.start > 300
    assert finding.message.endswith(".")


@pytest.mark.parametrize(
    "text",
    [
        "omg dit is echt suuuuper!!!! mijn kindje gaat daar graag naartoe lol thx aan de juffen "
        "xxx 😍😍😍😍",
        "ok dus kweet ni wa ik moet zeggen mr da is hier echt nie oke!!!! idk wa ze doen lol "
        "niemand neemt op!!!!",
        "SCHANDE!!!!!! niemand komt als mama belt!!!!!! wa is da hier??????? NOOIT MEER!!!!",
    ],
)
def test_chat_speak_and_floods_are_flagged(text: str) -> None:
    assert "readability" in _checks(text)


@pytest.mark.parametrize(
    "text",
    [
        "ons zoontje gaat graag naar de opvang. de juffen zijn lief en geduldig. soms is het "
        "wat druk bij het afhalen maar das niet erg. we zijn tevree",
        "mijn vader woont daar nu een jaar. het personeel is vriendelijk en het eten is goed "
        "maar soms wat koud. de kamer is proper. bedankt aan iedereen",
        "Goeie opvang, ons manneke is er graag. Aanrader!",
        "Top!",
        "Super lieve juffen!! Aanrader voor alle ouders ⭐⭐⭐⭐⭐",
        "Allez, we zijn echt content over het woonzorgcentrum. Soms wat ambetant met het "
        "parkeren, maar ons ma heeft er goesting in om naar de activiteiten te gaan.",
        "Het MFC doet goed werk. De begeleiders van de leefgroep zijn betrokken, maar de "
        "communicatie met het CLB kan beter.",
    ],
)
def test_plain_short_or_slightly_misspelled_dutch_stays_clean(text: str) -> None:
    result = check_readability(text, POLICY)
    assert result.findings == []
    assert result.language in ("nl", "unknown")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Onze dochter gaat al een jaar naar de crèche en we zijn heel tevreden over de juffen.",
            "nl",
        ),
        (
            "Notre fille va à la crèche depuis un an et nous sommes très contents.",
            "fr",
        ),
        (
            "Our daughter has been going to this daycare for a year and we are very happy with it.",
            "en",
        ),
        (
            "Unsere Tochter geht seit einem Jahr in die Kita und wir sind sehr zufrieden damit.",
            "de",
        ),
        ("Kızımız bir yıldır bu kreşe gidiyor ve öğretmenlerden çok memnunuz, teşekkürler.", "tr"),
        ("ابنتنا تذهب إلى الحضانة منذ سنة ونحن راضون جدا عن المربيات والعناية بها.", "ar"),
        (
            "Nasza córka chodzi do tego żłobka od roku i jesteśmy bardzo zadowoleni z opiekunek.",
            "pl",
        ),
        (
            "Fiica noastră merge la această creșă de un an și suntem foarte mulțumiți.",
            "ro",
        ),
        (
            "Nuestra hija va a esta guardería desde hace un año y estamos muy contentos con todo.",
            "es",
        ),
    ],
)
def test_language_is_detected(text: str, lang: str) -> None:
    result = check_readability(text, POLICY)
    assert result.language == lang
    assert ("language" in {f.check for f in result.findings}) == (lang != "nl")


@pytest.mark.parametrize("text", ["Top!", "Merci!", "Super", "ok", "", "👍👍", "10/10"])
def test_short_texts_are_unknown(text: str) -> None:
    result = check_readability(text, POLICY)
    assert result.language == "unknown"
    assert result.findings == []


@pytest.mark.parametrize(
    "word",
    [
        "allez",
        "content",
        "ambetant",
        "goesting",
        "woonzorgcentrum",
        "kinderopvangcentrum",
        "laarskes",
        "'t",
        "'s",
        "kiss-and-ride",
        "onthaalmoeder",
    ],
)
def test_flemish_and_compound_words_are_not_errors(word: str) -> None:
    assert is_known(word)


@pytest.mark.parametrize("word", ["tevreeden", "aktiviteiten", "altijt"])
def test_misspellings_are_errors(word: str) -> None:
    assert not is_known(word)


def test_metrics_are_reported() -> None:
    metrics = check_readability("De juffen zijn lief. Het eten is goed.", POLICY).metrics
    for key in (
        "words",
        "sentences",
        "mean_sentence_words",
        "flesch_douma",
        "mean_zipf",
        "difficult_word_ratio",
        "spelling_error_rate",
        "capitals_ratio",
        "punctuation_floods",
        "elongated_words",
        "chat_speak",
        "emoji_floods",
        "chars",
    ):
        assert key in metrics
    assert metrics["words"] == 8
    assert metrics["sentences"] == 2


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


@pytest.mark.parametrize("lang", ["fr", "en", "de", "tr", "ar", "pl", "ro", "es"])
def test_language_notice_exists_for_each_language(lang: str) -> None:
    notice = language_notice(lang)
    assert notice
    assert "Nederlands" not in notice


@pytest.mark.parametrize("lang", ["nl", "unknown", "xx"])
def test_no_language_notice_for_dutch_or_unknown(lang: str) -> None:
    assert language_notice(lang) is None
