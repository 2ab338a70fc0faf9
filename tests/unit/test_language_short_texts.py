"""Short texts: lingua's trigrams answer, the words of the text may overrule them.

Lingua runs in its low-accuracy mode (trigrams only: a fraction of the memory and start-up of
its high-accuracy mode). On a text under 120 characters trigrams can be misled; these cases
are written for this project, not taken from any evaluation stream.
"""

from __future__ import annotations

import json

import pytest

from moderation.readability import ReadabilityPolicy, check_readability
from moderation.readability.language import detect_language
from tests.unit.fresh_process import run_fresh

POLICY = ReadabilityPolicy()
FOREIGN_OR_UNKNOWN = {"unknown", *POLICY.languages} - {"nl"}


@pytest.mark.parametrize(
    "text",
    [
        # Trigrams alone call these German, English and French.
        "Te weinig info over de activiteiten.",
        "Correct en professioneel.",
        "Administratie is een ramp.",
        # ... and these are plain short Flemish answers.
        "Proficiat aan de hele ploeg.",
        "Merci voor de goede zorgen.",
        "Structureel personeelstekort, jammer.",
        "Prima service, vriendelijke mensen.",
        "Ideaal gelegen aan de tramhalte.",
        "Dikke merci aan iedereen.",
        "Proper, vriendelijk, correct.",
        "Te veel interim personeel.",
        "Mijn vader is er content.",
        "Ons moeke voelt zich hier thuis.",
    ],
)
def test_a_short_dutch_answer_is_never_called_foreign(text: str) -> None:
    assert detect_language(text, POLICY) in ("nl", "unknown")
    assert "language" not in {f.check for f in check_readability(text, POLICY).findings}


@pytest.mark.parametrize(
    "text",
    [
        # Trigrams alone call these Dutch.
        "Suntem foarte mulțumiți de creșă.",
        "Gabadhayadu waxay tagtaa xannaanadan muddo sanad ah.",
    ],
)
def test_a_short_foreign_text_is_not_called_dutch(text: str) -> None:
    assert detect_language(text, POLICY) != "nl"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les puéricultrices sont très gentilles avec notre fils.", "fr"),
        ("Nous sommes très contents de la crèche.", "fr"),
        ("We are very happy with the daycare.", "en"),
        ("There is not enough staff in the evening.", "en"),
        ("Die Zimmer sind sauber und hell.", "de"),
        ("Wir sind sehr zufrieden mit der Kita.", "de"),
        ("La comida es buena y fresca.", "es"),
        ("Jedzenie jest dobre i świeże.", "pl"),
        ("Mâncarea este bună și proaspătă.", "ro"),
        ("Odalar temiz ve aydınlık.", "tr"),
        ("نحن راضون جدا عن الحضانة.", "ar"),
    ],
)
def test_a_short_text_in_a_listed_language_is_still_placed(text: str, lang: str) -> None:
    assert detect_language(text, POLICY) == lang


def test_keyboard_mash_between_dutch_words_is_not_a_language_question() -> None:
    text = "asdf opvang qwerty zzzz kinderen lkjh poiu juffen"
    findings = {f.check for f in check_readability(text, POLICY).findings}
    assert "language" not in findings
    assert "readability" in findings


def test_a_long_text_is_answered_by_lingua_alone() -> None:
    text = (
        "Administratie is een ramp, de facturen komen te laat en kloppen vaak niet, "
        "en wie belt krijgt telkens een ander verhaal te horen over de kosten van de opvang."
    )
    assert detect_language(text, POLICY) == "nl"


def test_the_detector_fits_a_small_worker() -> None:
    """Building the detector and placing short unclear texts takes tens of MB, not hundreds."""
    out = run_fresh(
        "import json, re\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', status).group(1)) / 1024\n"
        "from moderation.readability import ReadabilityPolicy\n"
        "from moderation.readability import lexicon\n"
        "from moderation.readability.language import detect_language\n"
        "lexicon.warm_up()\n"
        "before = rss()\n"
        "p = ReadabilityPolicy()\n"
        "answers = [detect_language(t, p) for t in (\n"
        "    'Correct en professioneel.', 'Nous sommes très contents de la crèche.',\n"
        "    'Wir sind sehr zufrieden mit der Kita.', 'Odalar temiz ve aydınlık.')]\n"
        "print(json.dumps({'grown_mb': rss() - before, 'answers': answers}))\n"
    )
    found = json.loads(out)
    assert found["answers"] == ["unknown", "fr", "de", "tr"]
    # lingua's high-accuracy models for the nine languages take ~250 MB.
    assert found["grown_mb"] < 60
