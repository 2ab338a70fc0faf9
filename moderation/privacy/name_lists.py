"""Names inside web addresses and handles, and the facility's own words that must stay."""

from __future__ import annotations

import re
from functools import cache

from moderation.privacy import lexicon


def names_in(address: str) -> bool:
    """Does a web address or handle contain a first name or surname at the start or end of one
    of its parts ("mamavanmarieke", "liesbeth-blogt"), not inside a word ("speelgoedwinkel")?"""
    names = _lower_names()
    for part in re.split(r"[^a-zà-ÿ]+", address.lower()):
        n = len(part)
        for size in range(5, min(n, 14) + 1):
            head, tail = part[:size], part[n - size :]
            if head in names or (tail in names and not part[: n - size].endswith(("sint", "st"))):
                return True
    return False


@cache
def _lower_names() -> frozenset[str]:
    core = {w.lower() for w in lexicon.core_names()}
    words = lexicon.function_words() | lexicon.ambiguous_names() | lexicon.places()
    words |= lexicon.common_words() - core
    names = {w.lower() for w in lexicon.first_names() | lexicon.surnames()}
    return frozenset(w for w in names if len(w) >= 5 and w not in words)


def facility_keep(facility_name: str, municipality: str) -> list[str]:
    """Phrases of the submission that must stay: the facility's name (and its core), the town."""
    keep = [facility_name, municipality]
    words = [w for w in re.split(r"\s+", facility_name) if w]
    core = [w for w in words if w.lower() not in GENERIC_FACILITY_WORDS]
    if core:
        keep.append(" ".join(core))
        keep.extend(w for w in core if len(w) > 2)
    return [k for k in keep if k]


GENERIC_FACILITY_WORDS = frozenset(
    {
        "kinderdagverblijf",
        "kinderopvang",
        "kdv",
        "crèche",
        "creche",
        "wzc",
        "woonzorgcentrum",
        "dagcentrum",
        "jeugdhulp",
        "bko",
        "boa",
        "'t",
        "de",
        "het",
        "huis",
        "van",
        "ter",
        "den",
    }
)
