"""Template filters and globals: Dutch dates, score words, the current user's role."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_login import current_user

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
    """Format a date the Flemish way: 3 maart 2027."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.add_template_filter(dutch_date, "datum")
    app.add_template_filter(lambda s: SCORE_WORDS.get(int(s), "") if s else "", "scorewoord")

    @app.context_processor
    def _globals() -> dict[str, Any]:
        role = getattr(current_user, "role", None) if current_user else None
        return {"SECTORS": SECTORS, "SCORE_WORDS": SCORE_WORDS, "user_role": role, "zip": zip}
