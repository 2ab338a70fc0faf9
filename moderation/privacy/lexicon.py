"""Word lists for the privacy check: names from Faker, Dutch words from wordfreq, our data files.

Sources (installed packages, nothing downloaded at run time):
- first names and surnames: Faker's person providers (MIT licence), the locales in
  `CORE_LOCALES` and `FOREIGN_LOCALES`;
- municipalities and provinces: Faker's `nl_BE` address provider;
  both copied into data/faker_*.txt by `python -m moderation.privacy.build_lists` (importing
  Faker's providers at start-up took ~0.25 s);
- ordinary Dutch, French and English words: wordfreq's frequency lists (code Apache-2.0, data
  CC BY-SA 4.0), their most frequent words copied into data/wordfreq_*.txt by
  `python -m moderation.privacy.build_lists` (reading them is ~0.4 s and ~40 MB less than
  loading wordfreq's whole lists at start-up);
- everything else: the plain-text files in `data/`, one entry a line, `#` starts a comment.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
CORE_LOCALES = ("nl_BE", "nl_NL", "fr_BE")
# Names families in Flanders carry: French, Maghreb (Latin spelling), German, English, Turkish,
# Polish, Southern European and Romanian.
FOREIGN_LOCALES = (
    "fr_FR",
    "fr_DZ",
    "de_DE",
    "en_US",
    "en_GB",
    "tr_TR",
    "pl_PL",
    "es_ES",
    "it_IT",
    "pt_PT",
    "ro_RO",
)
COMMON_DUTCH = 40_000  # the most frequent Dutch words (wordfreq) count as ordinary words
COMMON_FRENCH = 15_000
FUNCTION_WORDS = 2_000  # after a title, only the very most frequent words are no name
STOP_WORDS = 300  # per language: words no name list may turn into a name
# How many of wordfreq's most frequent words data/wordfreq_<lang>.txt holds, most frequent first.
FREQUENT_WORDS = {"nl": COMMON_DUTCH, "fr": COMMON_FRENCH, "en": STOP_WORDS}
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")


def _read(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _lower_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _read(name))


@cache
def titles() -> frozenset[str]:
    """Titles and forms of address ("dhr", "mevrouw", "dr", "madame"), lowercase, no dot."""
    return _lower_set("titles.txt")


@cache
def roles() -> frozenset[str]:
    """Care roles, greetings and naming words after which a name may follow (lowercase)."""
    return _lower_set("roles.txt") | greetings()


@cache
def greetings() -> frozenset[str]:
    """Greetings and naming words ("beste", "heet"): a name follows only if listed or unusual."""
    return _lower_set("greetings.txt")


@cache
def person_verbs() -> frozenset[str]:
    """Words next to which an unusual capitalised word is a person ("zei", "volgens")."""
    return _lower_set("person_verbs.txt")


@cache
def kinship() -> frozenset[str]:
    """Family words and possessives after which a capitalised word is a name (lowercase)."""
    return _lower_set("kinship.txt")


@cache
def particles() -> frozenset[str]:
    """Surname particles ("van", "de", "vanden", "el"), lowercase."""
    return _lower_set("particles.txt")


@cache
def closers() -> tuple[str, ...]:
    """Sign-off phrases after which the writer's name follows (lowercase)."""
    return tuple(sorted(_lower_set("closers.txt"), key=len, reverse=True))


@cache
def languages() -> frozenset[str]:
    """Language and nationality words that are also names ("frans"), lowercase."""
    return _lower_set("languages.txt")


@cache
def keep_phrases() -> tuple[str, ...]:
    """Organisations, media, children's characters and idioms that are never redacted."""
    return tuple(_read("keep.txt"))


@cache
def evidence() -> dict[str, Any]:
    """What raised a finding: per evidence key a score (0-1) and the words a moderator reads."""
    with (DATA / "evidence.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def health_terms() -> tuple[frozenset[str], frozenset[str]]:
    """Health terms: (lowercase terms matched case-insensitively, terms matched as written)."""
    terms = _read("health.txt")
    exact = frozenset(t for t in terms if t.isupper())
    return frozenset(t.lower() for t in terms if not t.isupper()), exact


@cache
def health_heads() -> tuple[str, ...]:
    """Ends of health compounds ("-allergie", "-stoornis"), longest first, lowercase."""
    return tuple(sorted(_lower_set("health_heads.txt"), key=len, reverse=True))


def _name_parts(names: set[str]) -> set[str]:
    """Single name words: "Van den Broeck" gives "Broeck" (particles are rules, not names)."""
    parts = particles()
    out: set[str] = set()
    for name in names:
        for part in name.split():
            if part.lower() not in parts and len(part) > 1 and _NAME.match(part):
                out.add(part)
    return out


def faker_list(kind: str) -> set[str]:
    """One of Faker's lists as `build_lists` copied it into data/faker_<kind>.txt."""
    return set(_read(f"faker_{kind}.txt"))


@cache
def core_names() -> frozenset[str]:
    """First names and surnames of the Belgian and Dutch locales."""
    names = set(_read("nicknames.txt")) | faker_list("core_names")
    return frozenset(_name_parts(names))


@cache
def first_names() -> frozenset[str]:
    """First names from Faker's person providers (Belgian, Dutch and foreign locales), and the
    short forms in data/nicknames.txt."""
    names = set(_read("nicknames.txt")) | faker_list("first_names")
    return frozenset(_name_parts(names))


@cache
def surnames() -> frozenset[str]:
    """Surnames from Faker's person providers (particles split off)."""
    return frozenset(_name_parts(faker_list("last_names")))


@cache
def places() -> frozenset[str]:
    """Belgian municipalities, provinces (Faker's nl_BE address provider) and regions, lowercase."""
    return frozenset(faker_list("places") | _lower_set("regions.txt"))


@cache
def ambiguous_names() -> frozenset[str]:
    """Lowercase names that are also ordinary words ("elke", "roos"): they need context."""
    return _lower_set("name_words.txt") | _lower_set("ambiguous_names.txt")


@cache
def _frequent_words(lang: str) -> tuple[str, ...]:
    """wordfreq's most frequent words of `lang`, most frequent first (data/wordfreq_<lang>.txt)."""
    text = (DATA / f"wordfreq_{lang}.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("# "))


def top_n_list(lang: str, n: int) -> list[str]:
    """wordfreq's `top_n_list(lang, n)`, read from our copy of its first words."""
    words = _frequent_words(lang)
    if n > len(words):
        raise ValueError(f"data/wordfreq_{lang}.txt holds {len(words)} words, not {n}")
    return list(words[:n])


@cache
def common_words() -> frozenset[str]:
    """Frequent Dutch and French words (wordfreq), lowercase: a capitalised one is no name alone."""
    return frozenset(top_n_list("nl", COMMON_DUTCH)) | frozenset(top_n_list("fr", COMMON_FRENCH))


@cache
def function_words() -> frozenset[str]:
    """The most frequent Dutch words that are no name: never a surname, even after a title."""
    names = {n.lower() for n in first_names() | surnames()}
    return frozenset(w for w in top_n_list("nl", FUNCTION_WORDS) if w not in names)


@cache
def stop_words() -> frozenset[str]:
    """The 300 most frequent Dutch, English and French words: never a name on their own, even
    where a name list has them ("the", "die", "dan", "bien"). "Jean" and "An" stay names."""
    words = {w for lang in ("nl", "en", "fr") for w in top_n_list(lang, STOP_WORDS)}
    return frozenset(words - {"jean", "an"})


def warm_up() -> None:
    """Load every list now."""
    for load in (
        titles,
        roles,
        greetings,
        person_verbs,
        kinship,
        particles,
        closers,
        languages,
        keep_phrases,
        evidence,
        health_terms,
        health_heads,
        core_names,
        first_names,
        surnames,
        places,
        ambiguous_names,
        common_words,
        function_words,
        stop_words,
    ):
        load()
