"""Template filters and globals: Dutch dates, score words, the current user's role."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_login import current_user

from models.states import ROUTE_TITLES, author_note, state_title
from models.themes import SCORE_WORDS, SECTORS

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(value: date | datetime | None) -> str:
    """Format a date the Flemish way: 3 maart 2027 (3 mars 2027, 3 March 2027)."""
    if value is None:
        return ""
    language = _language()
    if language != "nl":
        from babel.dates import format_date

        return format_date(value, "d MMMM y", locale=BABEL_LOCALES.get(language, "nl_BE"))
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


BABEL_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def decimal(value: float | None, digits: int = 1) -> str:
    """A number as this language writes it: 3,6 in Dutch and French, 3.6 in English."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    locale = BABEL_LOCALES.get(_language(), "nl_BE")
    return format_decimal(round(value, digits), format="0." + "0" * digits, locale=locale)


FLAG_TITLES = {
    "privacy": "privacy",
    "near_duplicate": "bijna dezelfde tekst",
    "burst": "golf van waarderingen",
    "interval": "te snel opnieuw",
    "revenge": "wraak of bedreiging",
    "serious_allegation": "ernstige feiten",
    "implausible": "ongeloofwaardig",
    "abusive": "kwetsend",
    "language": "taal",
    "readability": "leesbaarheid",
    "spam": "reclame",
    "risk": "risicosignaal (nalezen)",
}


def kind_title(label: str) -> str:
    """A finding's kind in Dutch: personal data by its placeholder's word, flags by name."""
    from moderation import PLACEHOLDERS

    if label in PLACEHOLDERS:
        return PLACEHOLDERS[label].strip("[]")
    return FLAG_TITLES.get(label, label)


def score_word(score: int | str | None) -> str:
    """The answer word of a score (1-5) in the page's language."""
    from flask_babel import gettext

    return gettext(SCORE_WORDS[int(score)]) if score and int(score) in SCORE_WORDS else ""


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.add_template_filter(dutch_date, "datum")
    app.add_template_filter(score_word, "scorewoord")
    app.add_template_filter(lambda s: state_title(s, _language()), "staat")
    app.add_template_filter(lambda s: author_note(s, _language()), "staat_uitleg")
    app.add_template_filter(lambda s: ROUTE_TITLES.get(s, s), "route")
    app.add_template_filter(decimal, "getal")
    app.add_template_filter(kind_title, "soort")

    @app.context_processor
    def _globals() -> dict[str, Any]:
        role = getattr(current_user, "role", None) if current_user else None
        return {"SECTORS": SECTORS, "SCORE_WORDS": SCORE_WORDS, "user_role": role, "zip": zip}


def _language() -> str:
    """The interface language of this request (nl, fr or en)."""
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None else "nl"
