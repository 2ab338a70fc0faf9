"""Languages of the interface: Dutch first, with French and English catalogues (Flask-Babel)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request, session
from flask_babel import Babel
from wtforms.i18n import messages_path

LANGUAGES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str:
    """?taal=fr switches and is remembered; otherwise the browser's choice; Dutch by default."""
    chosen = request.args.get("taal")
    if chosen in LANGUAGES:
        session["taal"] = chosen
        return chosen
    remembered = session.get("taal")
    if remembered in LANGUAGES:
        return str(remembered)
    return request.accept_languages.best_match(list(LANGUAGES), default="nl") or "nl"


def page_language() -> str:
    """The language of this request's page (nl, fr or en)."""
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "nl"


_WTFORMS_MESSAGES: dict[str, Any] = {}


def wtforms_messages() -> Any:
    """WTForms' own messages in the page's language, read once per language and process.

    Flask-WTF reads the catalogue again for every request that shows or checks a form.
    """
    language = page_language()
    messages = _WTFORMS_MESSAGES.get(language)
    if messages is None:
        messages = support.Translations.load(messages_path(), [language], domain="wtforms")
        _WTFORMS_MESSAGES[language] = messages
    return messages


def compile_catalogues(folder: Path = TRANSLATIONS) -> int:
    """Compile every .po to .mo when the .mo is missing or older (no build step needed)."""
    compiled = 0
    for po_path in folder.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog)
        compiled += 1
    return compiled


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with our catalogues."""
    compile_catalogues()
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app, locale_selector=select_locale)

    @app.context_processor
    def _languages() -> dict[str, object]:
        from flask_babel import get_locale

        return {"LANGUAGES": LANGUAGES, "current_language": str(get_locale() or "nl")}
