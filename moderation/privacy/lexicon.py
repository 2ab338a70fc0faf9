"""Word lists for the privacy check: names from Faker, places, roles, kinship, health terms."""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
NAME_LOCALES = ("nl_BE", "nl_NL", "fr_BE")


def _read(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def roles() -> frozenset[str]:
    """Role and address words after which a capitalised word is a name (lowercase)."""
    return frozenset(w.lower() for w in _read("roles.txt"))


@cache
def kinship() -> frozenset[str]:
    """Family words after which a capitalised word is a name (lowercase)."""
    return frozenset(w.lower() for w in _read("kinship.txt"))


@cache
def keep_phrases() -> tuple[str, ...]:
    """Public organisations and other phrases that are never redacted."""
    return tuple(_read("keep.txt"))


@cache
def health_terms() -> tuple[frozenset[str], frozenset[str]]:
    """Health terms: (lowercase terms matched case-insensitively, terms matched as written)."""
    terms = _read("health.txt")
    exact = frozenset(t for t in terms if t.isupper())
    return frozenset(t.lower() for t in terms if not t.isupper()), exact


@cache
def first_names() -> frozenset[str]:
    """First names from Faker's Belgian and Dutch person providers."""
    out: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        out.update(provider.first_names)
    return frozenset(n for n in out if len(n) > 1)


@cache
def surnames() -> frozenset[str]:
    """Surnames from Faker's Belgian and Dutch person providers (particles kept)."""
    out: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for name in provider.last_names:
            out.add(name.split()[-1])  # "Van den Broeck" -> "Broeck"; particles are rules
    return frozenset(n for n in out if len(n) > 1)


@cache
def places() -> frozenset[str]:
    """Belgian municipality and place names (Faker's nl_BE address provider), lowercase."""
    provider = importlib.import_module("faker.providers.address.nl_BE").Provider
    names = {c.lower() for c in provider.cities} | {p.lower() for p in provider.provinces}
    return frozenset(names)


@cache
def common_words() -> frozenset[str]:
    """Lowercase names that are also ordinary Dutch words ("roos", "hoop"): need context."""
    return frozenset(w.lower() for w in _read("name_words.txt"))
