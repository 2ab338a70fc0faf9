"""The French and English catalogues: complete, one register, and fed by the data they translate."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from devtools.babel_toml import extract_themes
from models.themes import SCORE_WORDS, SECTORS, questions_for
from services.language import letter, translator

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "web" / "translations"
# "tu" and its forms as a pronoun (the whole word), and "t'" before a vowel ("t'envoyons").
INFORMAL = re.compile(r"\b(?:tu|ton|ta|tes|toi|te|tien|tienne)\b|\bt['’]", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _messages(language: str) -> list[Message]:
    with (FOLDER / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return [m for m in read_po(fh) if m.id]


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string or ""]


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [str(message.id)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_msgid_has_a_translation(language: str) -> None:
    missing = [m.id for m in _messages(language) if not all(_strings(m)) or m.fuzzy]
    assert missing == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_translations_keep_the_placeholders(language: str) -> None:
    for message in _messages(language):
        wanted = set(PLACEHOLDER.findall(" ".join(_ids(message))))
        for text in _strings(message):
            # a singular may say "un" instead of %(num)d; nothing else may be lost or added
            assert set(PLACEHOLDER.findall(text)) <= wanted, message.id
            assert wanted - {"num"} <= set(PLACEHOLDER.findall(text)), message.id


def test_no_french_string_says_tu() -> None:
    informal = [s for m in _messages("fr") for s in _strings(m) if INFORMAL.search(s)]
    assert informal == []


@pytest.mark.parametrize(
    ("text", "informal"),
    [
        ("Merci ! Nous avons bien reçu ton avis", True),
        ("Tu reçois un e-mail", True),
        ("Nous t'envoyons un lien", True),
        ("Garde-le pour toi", True),
        ("Vous êtes un établissement ? Participez", False),
        ("Votre avis sur la tête de liste", False),
        ("Le site du service", False),
    ],
)
def test_the_register_check_sees_tu_and_only_tu(text: str, informal: bool) -> None:
    assert bool(INFORMAL.search(text)) is informal


def test_every_theme_sector_and_score_word_is_in_the_catalogue() -> None:
    msgids = {i for m in _messages("fr") for i in _ids(m)}
    wanted = set(SECTORS.values()) | set(SCORE_WORDS.values())
    for sector in SECTORS:
        for _n, title, question in questions_for(sector):
            wanted |= {title, question}
    assert wanted - msgids == set()


def test_the_toml_extractor_yields_titles_and_questions_with_their_line() -> None:
    toml = (
        b'# a comment with title = "not this"\n[default]\n'
        b'1 = { title = "Bejegening", question = "Werd je \\"goed\\" behandeld?" }\n'
    )
    found = list(extract_themes(io.BytesIO(toml), {}, [], {}))
    assert found == [
        (3, "_", "Bejegening", []),
        (3, "_", 'Werd je "goed" behandeld?', []),
    ]


def test_a_mail_text_in_french_and_the_dutch_fallback() -> None:
    fr = translator("fr")
    assert fr("Bevestig je waardering") == "Confirmez votre avis"
    assert "Vous avez déjà donné un avis sur De Rupsjes" in fr(
        "Je gaf al een waardering voor %(name)s. Die kan je aanpassen via deze link:\n%(link)s\n",
        name="De Rupsjes",
        link="https://x",
    )
    assert translator("de")("Bevestig je waardering") == "Bevestig je waardering"
    assert translator("fr")("Geen msgid in de catalogus") == "Geen msgid in de catalogus"
    assert letter("Tekst.\n", "fr").startswith("Bonjour,\n\nTekst.\n")
    assert letter("Tekst.\n", "nl") == "Dag,\n\nTekst.\n\nMet vriendelijke groeten,\nDe redactie\n"
