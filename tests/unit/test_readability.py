"""Readability and language check: flags only what a moderator must act on."""

from __future__ import annotations

import pytest

from moderation.readability import (
    ReadabilityPolicy,
    check_readability,
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
        "hey ik wil ff zeggen da de opvang echt top is mr de juffen zijn soms wel kortaf tegen "
        "de kids idk wrm mss omda ze gestrest zijn lol",
        "kga da ni meer doen want ze luisteren toch ni idk wa ze daar doen lol mr niemand zecht",
        "Wat een zooi!!!!! NIEMAND NEEMT OP!!!! Al 3 keer gebeld!!!!! ECHT NIET NORMAAL",
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
        "Fantastisch!!!! Echt top!!!! De juffen zijn geweldig!!!! Aanrader!!!!",
        "Ik zit hier nu een jaar lol. de begeleiders zijn oké, het eten is mwa. 4/5",
        "Super opvang haha, de juffen zijn top. Merci xxx",
        "Top bij KINDERDAGVERBLIJF ZONNEBLOEM!",
        "Wij zijn tevreden over WZC DE LINDE en het personeel. De zorg is goed.",
        "😡😡😡😡😡 Slechte communicatie, factuur klopt niet. 😡😡😡😡😡",
        "mijn zoon gaat daar na school hij is er graag de begeleiders zijn lief en ze doen veel "
        "spelletjes buiten ook als het regent we zijn tevreden",
        "Goed verzorgt, vriendelike mensen, eten lekker maar weinig. Ik ben tevrede, dank u.",
        "ik ben niet zo goed in nederlands maar ik wil zeggen de juf is heel lief voor mijn kind "
        "en hij leert veel woorden. dank u juf",
        "Het MFC doet goed werk. De begeleiders van de leefgroep zijn betrokken, maar de "
        "communicatie met het CLB kan beter.",
    ],
)
def test_plain_short_or_slightly_misspelled_dutch_stays_clean(text: str) -> None:
    result = check_readability(text, POLICY)
    assert result.findings == []
    assert result.language in ("nl", "unknown")


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


def test_noise_finding_says_why() -> None:
    text = "Wat een zooi!!!!! NIEMAND NEEMT OP!!!! Al drie keer gebeld!!!!! Echt niet normaal"
    (finding,) = check_readability(text, POLICY).findings
    assert "uitroep" in finding.message
    assert finding.message.count(".") == 1


def test_thresholds_come_from_the_policy() -> None:
    text = "De opvang is goed!!! De juffen zijn lief!!! Aanrader!!! Top!!! Echt waar!!!"
    assert check_readability(text, POLICY).findings == []
    strict = ReadabilityPolicy(min_noise_score=1.0, min_noise_kinds=1)
    assert check_readability(text, strict).findings
