"""Search that forgives: sector and type words, typos in a town's name, results with scores.

A family types what they would say ("woonzorgcentrum Mecheln", "kinderopvang 9000"); the words
that name a sector or a type of facility become filters, a town's name is matched with typo
tolerance (rapidfuzz), and what is left is looked for in the names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from models import Facility
from models.queries import facility_summaries, search_facilities
from services.places import Place, place, town_of_postcode

# Words families use for a sector (lower case); the sector keys are those of models.themes.
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "kinderopvang": (
        "kinderopvang",
        "kinderdagverblijf",
        "crèche",
        "creche",
        "onthaalouder",
        "opvang",
        "baby",
        "peuter",
    ),
    "jeugdhulp": ("jeugdhulp", "jeugdzorg", "jongeren", "jeugd", "leefgroep"),
    "handicap": ("handicap", "gehandicaptenzorg", "beperking", "vaph", "dagcentrum"),
    "ouderenzorg": (
        "ouderenzorg",
        "woonzorgcentrum",
        "wzc",
        "rusthuis",
        "bejaardentehuis",
        "serviceflat",
        "assistentiewoning",
        "dagverzorging",
    ),
}
TYPO_SCORE = 85  # rapidfuzz ratio from which a word is taken for a known town or type
SORTS = ("naam", "score", "aantal")


@dataclass(frozen=True)
class Query:
    """What the words of a search turned out to mean."""

    text: str
    sector: str = ""
    kind: str = ""
    municipality: str = ""
    near: str = ""  # a postcode or smaller place: we searched the towns around it


@dataclass(frozen=True)
class Result:
    """A facility with its overall score and number of published reviews."""

    facility: Facility
    average: float | None
    count: int


def _known_types(session: Session) -> list[str]:
    rows = session.exec(select(Facility.type).where(col(Facility.listed).is_(True)).distinct())
    return sorted(v for v in rows if v)


def _known_towns(session: Session) -> list[str]:
    rows = session.exec(
        select(Facility.municipality).where(col(Facility.listed).is_(True)).distinct()
    )
    return sorted(v for v in rows if v)


def _closest(word: str, choices: dict[str, str]) -> str:
    """The choice (a key of `choices`, compared by its value) that `word` names, or "" ."""
    hit = process.extractOne(word, choices, scorer=fuzz.ratio)
    return str(hit[2]) if hit is not None and hit[1] >= TYPO_SCORE else ""


def interpret(q: str, types: Sequence[str], towns: Sequence[str] = ()) -> Query:
    """Split the typed words into a sector, a facility type, a town (if `towns`), the rest."""
    words = re.findall(r"[\wÀ-ÿ'-]+", q.lower())
    sector = kind = town = ""
    rest: list[str] = []
    lowered_types = {t: t.lower() for t in types}
    lowered_towns = {t: t.lower() for t in towns}
    for word in words:
        if not kind and (found := _closest(word, lowered_types)):
            kind = found
        elif not sector and (found := next((s for s, w in SECTOR_WORDS.items() if word in w), "")):
            sector = found
        elif not town and len(word) > 3 and (found := _closest(word, lowered_towns)):
            town = found
        else:
            rest.append(word)
    return Query(" ".join(rest), sector, kind, town)


def _place_in(text: str) -> tuple[Place, str] | None:
    """The first word (or two) of `text` that names a place, and the words left over."""
    words = text.split()
    for i in range(len(words)):
        for size in (2, 1):  # "Sint-Denijs Westrem", "Oud Heverlee" before one word
            phrase = "-".join(words[i : i + size])
            if len(words[i : i + size]) < size:
                continue
            spot = town_of_postcode(phrase) if phrase.isdigit() else place(phrase)
            if spot is not None:
                return spot, " ".join(words[:i] + words[i + size :])
    return None


def search(
    session: Session,
    q: str,
    sector: str = "",
    kind: str = "",
    sort: str = "naam",
    limit: int = 10,
    offset: int = 0,
) -> tuple[Query, list[Result]]:
    """The facilities a family most likely meant, with their overall score and review count."""
    types = _known_types(session)
    meant = interpret(q, types)
    found = search_facilities(
        session, meant.text, sector or meant.sector, 500, 0, kind or meant.kind
    )
    if not found and meant.text:  # perhaps a town with a typo ("Mecheln"), or a name
        meant = interpret(q, types, _known_towns(session))
        found = search_facilities(
            session,
            meant.text,
            sector or meant.sector,
            500,
            0,
            kind or meant.kind,
            municipality=meant.municipality,
        )
    sector, kind = sector or meant.sector, kind or meant.kind
    if not found and meant.text and (where := _place_in(meant.text)) is not None:
        spot, rest = where  # a postcode, "Louvain", or a deelgemeente such as "Heverlee"
        nearby = search_facilities(session, rest, sector, 500, 0, kind, towns=spot.towns)
        order = {town: i for i, town in enumerate(spot.towns)}
        found = sorted(nearby, key=lambda f: (order.get(f.municipality, 99), f.name))
        if found:
            one_town = bool(spot.postcode) or len(spot.towns) == 1
            meant = Query(rest, sector, kind, *((spot.name, "") if one_town else ("", spot.name)))
    if not found and meant.text:  # a typo in the name: the closest names
        pool = search_facilities(session, "", sector, 2000, 0, kind, meant.municipality)
        names = {f.id: f.name.lower() for f in pool}
        close = {
            key
            for _, score, key in process.extract(
                meant.text, names, scorer=fuzz.partial_ratio, limit=50
            )
            if score >= TYPO_SCORE
        }
        found = [f for f in pool if f.id in close]
    summary = facility_summaries(session, [f.id for f in found if f.id is not None])
    results = [Result(f, *summary.get(f.id or 0, (None, 0))) for f in found]
    if sort == "score":
        results.sort(key=lambda r: (r.average is None, -(r.average or 0), r.facility.name))
    elif sort == "aantal":
        results.sort(key=lambda r: (-r.count, r.facility.name))
    return meant, results[offset : offset + limit]
