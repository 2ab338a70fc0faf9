"""Language identification: short texts are unknown, non-Dutch texts get a finding."""

from __future__ import annotations

import pytest

from moderation.readability import ReadabilityPolicy, check_readability, language_notice
from moderation.readability.language import detect_language

POLICY = ReadabilityPolicy()


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


@pytest.mark.parametrize(
    "text", ["Top!", "Merci!", "Super", "ok", "", "👍👍", "10/10", "Zeer tevreden"]
)
def test_short_texts_are_unknown(text: str) -> None:
    result = check_readability(text, POLICY)
    assert result.language == "unknown"
    assert result.findings == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Наша дочь ходит в этот садик уже год, и мы очень довольны воспитателями.", "ru"),
        ("Наша донька ходить до цього садочка вже рік, і ми дуже задоволені.", "uk"),
        ("Η κόρη μας πηγαίνει σε αυτόν τον παιδικό σταθμό εδώ και ένα χρόνο.", "el"),
    ],
)
def test_scripts_outside_the_list_are_named_and_flagged(text: str, lang: str) -> None:
    result = check_readability(text, POLICY)
    assert result.language == lang
    assert [f.check for f in result.findings] == ["language"]


def test_unplaced_long_foreign_text_is_flagged() -> None:
    text = "Gabadhayadu waxay tagtaa xannaanadan muddo sanad ah, aad baan ugu faraxsanahay."
    assert "language" in {f.check for f in check_readability(text, POLICY).findings}


@pytest.mark.parametrize(
    "text",
    [
        "ge moet da ni doen he, da is ni oke van die mensen",
        "Goeie opvang, flexibele uren, ons manneke is er graag.",
        "Top opvang, merci aan de juffen!",
        "Alles ok, niks op aan te merken.",
    ],
)
def test_flemish_and_informal_dutch_is_dutch(text: str) -> None:
    assert detect_language(text, POLICY) == "nl"


def test_dutch_shortcut_agrees_with_lingua() -> None:
    text = "Onze zoon gaat er graag naartoe en de begeleiders zijn heel lief voor hem, echt waar."
    no_shortcut = ReadabilityPolicy(dutch_shortcut_min_words=10_000)
    assert detect_language(text, POLICY) == detect_language(text, no_shortcut) == "nl"


def test_french_text_naming_a_flemish_facility_is_french() -> None:
    text = "Notre fils va au Kinderdagverblijf Het Zonnetje et nous sommes très contents."
    assert detect_language(text, POLICY) == "fr"


@pytest.mark.parametrize("lang", ["fr", "en", "de", "tr", "ar", "pl", "ro", "es"])
def test_language_notice_exists_for_each_language(lang: str) -> None:
    notice = language_notice(lang)
    assert notice
    assert "Nederlands" not in notice


@pytest.mark.parametrize("lang", ["nl", "unknown", "xx"])
def test_no_language_notice_for_dutch_or_unknown(lang: str) -> None:
    assert language_notice(lang) is None
