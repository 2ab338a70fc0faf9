"""Texts outside a request (mails from a worker) in a given language, from the .po catalogues."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("nl", "fr", "en")
# The same catalogues as the pages (web/translations): read as text, so that a worker needs
# neither Flask nor a compiled .mo file.
CATALOGUES = Path(__file__).resolve().parent.parent / "web" / "translations"

Gettext = Callable[..., str]


def known(language: str | None) -> str:
    """The language if we speak it; Dutch otherwise."""
    return language if language in LANGUAGES else "nl"


@cache
def _table(language: str) -> dict[str, str]:
    path = CATALOGUES / language / "LC_MESSAGES" / "messages.po"
    if language == "nl" or not path.exists():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def translator(language: str | None) -> Gettext:
    """A gettext for one language: the Dutch msgid when there is no translation."""
    table = _table(known(language))

    def gettext(text: str, **values: object) -> str:
        translated = table.get(text) or text
        return translated % values if values else translated

    return gettext


def letter(body: str, language: str | None) -> str:
    """A mail's plain text: greeting, body, closing, in the recipient's language."""
    _ = translator(language)
    greeting, closing, sender = _("Dag,"), _("Met vriendelijke groeten,"), _("De redactie")
    return f"{greeting}\n\n{body}\n{closing}\n{sender}\n"
