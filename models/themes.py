"""The theme questions per sector, read from themes.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from sqlmodel import Session, select

from models.facility import ThemeQuestion


def N_(text: str) -> str:
    """Mark a Dutch text for the catalogue (pybabel extract); it is translated where shown."""
    return text


# Dutch, as stored and as msgids: pages translate them with gettext when they show them.
# The theme titles and questions in themes.toml reach the catalogue through
# devtools/babel_toml.py, and the ThemeQuestion rows keep the same Dutch text.
SECTORS: dict[str, str] = {
    "kinderopvang": N_("Kinderopvang"),
    "jeugdhulp": N_("Jeugdhulp"),
    "handicap": N_("Zorg voor personen met een handicap"),
    "ouderenzorg": N_("Ouderenzorg"),
}
SCORE_WORDS: dict[int, str] = {
    1: N_("heel slecht"),
    2: N_("slecht"),
    3: N_("gaat wel"),
    4: N_("goed"),
    5: N_("heel goed"),
}


@cache
def _table() -> dict[str, dict[str, dict[str, str]]]:
    with (Path(__file__).parent / "themes.toml").open("rb") as fh:
        return tomllib.load(fh)


def questions_for(sector: str) -> list[tuple[int, str, str]]:
    """Return (number, title, question) for the eight themes of a sector."""
    table = _table()
    override = table.get(sector, {})
    out = []
    for n in range(1, 9):
        entry = override.get(str(n)) or table["default"][str(n)]
        out.append((n, entry["title"], entry["question"]))
    return out


def seed_theme_questions(session: Session) -> int:
    """Fill the ThemeQuestion table from themes.toml where a sector has no questions yet."""
    added = 0
    for sector in SECTORS:
        if session.exec(select(ThemeQuestion).where(ThemeQuestion.sector == sector)).first():
            continue
        for number, title, question in questions_for(sector):
            session.add(ThemeQuestion(sector=sector, number=number, title=title, question=question))
            added += 1
    session.commit()
    return added
