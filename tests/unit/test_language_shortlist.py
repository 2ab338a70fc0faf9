"""The short-list language step: clearly Dutch text is answered early, the rest goes to lingua."""

from __future__ import annotations

import pytest

from moderation.readability import ReadabilityPolicy
from moderation.readability.language import _clearly_dutch, _detector, detect_language

POLICY = ReadabilityPolicy()

DUTCH = [
    "Ons ma woont hier sinds de zomer en ze is er echt goed op haar plaats.",
    "De begeleiders zijn vriendelijk, maar er is niet genoeg volk om iedereen op tijd te helpen.",
    "We hebben lang getwijfeld, want de wachtlijst was lang, maar het is ons heel goed bevallen.",
    "Mijn zoon gaat er nu twee jaar naartoe en hij komt altijd blij thuis.",
    "Er wordt veel gecommuniceerd via de app en je krijgt elke dag een paar foto's.",
    "Allee, da's hier toch wel een toffe bende, ons kleintje wil nooit naar huis.",
]
OTHERS = [
    "Notre fils va à la crèche depuis un an et il est très content des puéricultrices.",
    "De la part de toute la famille, merci pour les soins, en général tout se passe bien.",
    "Our daughter has been going to this daycare for a year and we are very happy with it.",
    "We love it here, the garden is big and the kids play outside in all weather.",
    "Meine Mutter wohnt seit zwei Jahren in dem Heim, die Pflege ist gut, aber das Essen kalt.",
    "Mi madre vive en la residencia desde hace un año y el personal es muy amable.",
    "Nasza córka chodzi do żłobka od roku i jest bardzo zadowolona z opiekunek.",
    "Mama mea locuiește în căminul de bătrâni de doi ani și personalul este foarte amabil.",
    "Oğlumuz bir yıldır bu kreşe gidiyor ve öğretmenler çok ilgili, ama iletişim zayıf.",
    # Half Dutch, half another language: lingua weighs it, the short list does not guess.
    "Nous sommes contents. De kinderen zijn blij mais la communication est mauvaise et le prix "
    "est trop élevé pour nous.",
    "The staff is kind. Het eten is goed, but the rooms are small and the parking is too far "
    "away from the entrance.",
]


@pytest.mark.parametrize("text", DUTCH)
def test_clear_dutch_is_answered_without_lingua_and_lingua_agrees(text: str) -> None:
    assert _clearly_dutch(text, POLICY)
    assert detect_language(text, POLICY) == "nl"
    lingua = _detector(POLICY.languages, POLICY.min_relative_distance).detect_language_of(text)
    assert lingua is not None
    assert lingua.iso_code_639_1.name.lower() == "nl"


@pytest.mark.parametrize("text", OTHERS)
def test_other_languages_and_mixed_texts_go_to_lingua(text: str) -> None:
    assert not _clearly_dutch(text, POLICY)


@pytest.mark.parametrize("text", ["Top opvang, lieve juffen!", "Heel goed, echt waar."])
def test_a_few_words_are_too_few_for_the_short_list(text: str) -> None:
    assert not _clearly_dutch(text, POLICY)
