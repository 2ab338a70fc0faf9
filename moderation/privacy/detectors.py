"""Detectors per kind of personal data; each returns spans into the original text."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from phonenumbers import phonenumbermatcher
from phonenumbers.phonenumberutil import _SECOND_NUMBER_START_PATTERN
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn

from moderation.regex_set import Guarded, folded, has_digit, led


@dataclass(frozen=True)
class Span:
    """A piece of personal data: where, what, and how sure (0-1)."""

    start: int
    end: int
    label: str
    score: float
    evidence: str = ""  # a key of data/evidence.toml: what raised it


@functools.cache
def _guarded(pattern: re.Pattern[str]) -> Guarded:
    """The pattern, skipped at once on a text without a character each match needs (a digit)."""
    return Guarded(pattern)


# --- contact data -----------------------------------------------------------------------

_TLD = r"(?:be|nl|com|net|org|eu|fr|de|info|io|me)"
_SEP = r"\s*(?:\.|\(dot\)|\[dot\]|\bpunt\b|\bdot\b)\s*"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+", re.UNICODE)
# "jan punt peeters at gmail punt com", "jan.peeters (at) telenet (dot) be"
OBFUSCATED_EMAIL = re.compile(
    r"\b\w{1,40}(?:\s*(?:\.|\bpunt\b|\bdot\b)\s*\w{1,40}){0,3}\s*"
    r"(?:\(at\)|\[at\]|\bat\b|\bapenstaartje\b|\bapestaart\b)\s*"
    rf"\w{{2,40}}(?:{_SEP}\w{{2,20}})?{_SEP}{_TLD}\b",
    re.IGNORECASE,
)


_AT_WORD = re.compile(r"\bat\b|\(at\)|\[at\]|apenstaart|apestaart", re.IGNORECASE)
_AT_WORD_SCAN = led(_AT_WORD, r"[a(\[]")


def find_emails(text: str) -> Iterator[Span]:
    """E-mail addresses, also written out with 'at' and 'punt'."""
    if "@" in text:
        for m in EMAIL.finditer(text):
            yield Span(m.start(), m.end(), "EMAIL", 0.95, "email")
    if not _AT_WORD_SCAN.search(text):  # the full pattern is costly: only where an "at" stands
        return
    for m in OBFUSCATED_EMAIL.finditer(text):
        yield Span(m.start(), m.end(), "EMAIL", 0.8, "email_spelled")


NUMBER_WORDS = {
    "nul": "0",
    "een": "1",
    "één": "1",
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# Digits glued together or with separators people use: 0472123456, 0472/12.34.56
_LOOSE_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[\s./-]?\d){8,12}(?!\w)")
_LOOSE_PHONE_SCAN = led(_LOOSE_PHONE, r"[+\d]")


_NUL = re.compile(r"\bnul\b", re.IGNORECASE)  # a spelled number starts with "nul"
_NUL_SCAN = led(_NUL, "n")
_PLUS = ("+", "\uff0b")  # phonenumbers' plus signs


@functools.cache
def _national_minimum(region: str) -> int:
    """The fewest digits a possible national number of `region` has (BE 8, NL 5)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    assert metadata is not None
    desc = metadata.general_desc
    assert desc is not None
    return min(n for n in (*desc.possible_length, *desc.possible_length_local_only) if n > 0)


def _too_short(candidate: str, region: str) -> bool:
    """Can `candidate` never parse to a possible number of `region` (POSSIBLE leniency)?

    parse() keeps at most the candidate's letters and digits (a vanity number's letters become
    digits) and needs a national number of at least 2 digits: with a plus sign and a country
    code that is 3; with the international prefix 00 and a country code 5; a national number
    (no plus, not starting with 0) has at least the region's shortest possible length."""
    size = sum(map(str.isalnum, candidate))
    if size >= 8 or any(plus in candidate for plus in _PLUS):
        return size < 3
    if size < 5:
        return True
    first = next((c for c in candidate if c.isdecimal()), "0")
    return unicodedata.decimal(first) != 0 and size < _national_minimum(region)


@functools.lru_cache(maxsize=4096)
def _parsed(candidate: str, region: str) -> phonenumbers.PhoneNumber | None:
    """phonenumbers' own verdict on one candidate (POSSIBLE leniency reads no context)."""
    match = _PROBES[region]._parse_and_verify(candidate, 0)
    return match.number if match is not None else None


# phonenumbers' candidate pattern behind a lookahead for its first character (an opening
# bracket, a plus sign or a digit): the same matches, but re skips to those characters
# instead of trying its optional lead at every position of the text (half the search time).
_CANDIDATE = led(phonenumbermatcher._PATTERN, rf"(?:{phonenumbermatcher._LEAD_CLASS}|\d)")


class _Matcher(phonenumbers.PhoneNumberMatcher):
    """PhoneNumberMatcher at POSSIBLE leniency, skipping the parse of a candidate with too few
    digits (most: years, ages, prices) and remembering the verdict on the others."""

    def _find(self, index: int) -> phonenumbers.PhoneNumberMatch | None:
        """phonenumbers' own `_find` (9.0), searching with `_CANDIDATE`."""
        match = _CANDIDATE.search(self.text, index)
        while self._max_tries > 0 and match is not None:
            start = match.start()
            candidate = self.text[start : match.end()]
            candidate = self._trim_after_first_match(_SECOND_NUMBER_START_PATTERN, candidate)
            if len(candidate) >= self._min_candidate_length:
                found = self._extract_match(candidate, start)
                if found is not None:
                    return found
                self._max_tries -= 1
            index = start + len(candidate)
            match = _CANDIDATE.search(self.text, index)
        return None

    def __init__(self, text: str, region: str) -> None:
        super().__init__(text, region, leniency=0)
        self.region = region
        self.asked: list[tuple[str, bool]] = []  # every candidate and whether it was a number

    def _parse_and_verify(
        self, candidate: str, offset: int
    ) -> phonenumbers.PhoneNumberMatch | None:
        number = _verdict(candidate, self.region)
        self.asked.append((candidate, number is not None))
        return phonenumbers.PhoneNumberMatch(offset, candidate, number) if number else None


def _verdict(candidate: str, region: str) -> phonenumbers.PhoneNumber | None:
    return None if _too_short(candidate, region) else _parsed(candidate, region)


_PROBES = {
    region: phonenumbers.PhoneNumberMatcher("", region, leniency=0) for region in ("BE", "NL")
}


def _same_run(asked: list[tuple[str, bool]], region: str) -> bool:
    """Would a matcher for `region` get the same verdict on every candidate? Then it asks the
    same candidates in the same order (the verdicts alone steer the matcher) and finds the
    same spans."""
    return all((_verdict(candidate, region) is not None) == was for candidate, was in asked)


def find_phones(text: str) -> Iterator[Span]:
    """Belgian and Dutch phone numbers in every written form, also spelled out in words."""
    seen: set[tuple[int, int]] = set()
    asked: list[tuple[str, bool]] = []
    # Every written number holds a digit (phonenumbers reads the same Unicode digits as \d).
    for region in ("BE", "NL") if has_digit(text) else ():
        if region == "NL" and _same_run(asked, region):
            break  # the Dutch pass would find only the Belgian spans again
        matcher = _Matcher(text, region)
        for match in matcher:
            key = (match.start, match.end)
            if key not in seen:
                seen.add(key)
                yield Span(match.start, match.end, "PHONE", 0.9, "phone")
        asked = matcher.asked
    for m in _guarded(_LOOSE_PHONE_SCAN).finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith(("0", "32", "31", "0032", "0031")) and 9 <= len(digits) <= 13:
            yield Span(m.start(), m.end(), "PHONE", 0.7, "phone_digits")
    lowered = folded(text)  # a spelled number starts with "nul": most texts have none
    if (lowered is not None and "nul" not in lowered) or not _NUL_SCAN.search(text):
        return
    run: list[re.Match[str]] = []
    for m in _NUMBER_WORD.finditer(text):
        if run and text[run[-1].end() : m.start()].strip(" ,-") != "":
            yield from _spelled(run)
            run = []
        run.append(m)
    yield from _spelled(run)


def _spelled(run: list[re.Match[str]]) -> Iterator[Span]:
    if len(run) >= 8 and NUMBER_WORDS[run[0].group(0).lower()] == "0":
        yield Span(run[0].start(), run[-1].end(), "PHONE", 0.75, "phone_words")


# --- numbers ------------------------------------------------------------------------------

NATIONAL_ID = re.compile(r"(?<![\w.])\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s.]?\d{3}[.\s-]?\d{2}(?![\w])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_NATIONAL_ID_SCAN = led(NATIONAL_ID, r"\d")
_IBAN_SCAN = led(IBAN, "[A-Z]")


def find_national_ids(text: str) -> Iterator[Span]:
    """Belgian national register numbers; the checksum raises confidence, never drops one."""
    for m in _guarded(_NATIONAL_ID_SCAN).finditer(text):
        compact = re.sub(r"\D", "", m.group(0))
        valid = stdnum_nn.is_valid(compact)
        why = "national_id" if valid else "national_id_shape"
        yield Span(m.start(), m.end(), "NATIONAL_ID", 0.95 if valid else 0.6, why)


def find_ibans(text: str) -> Iterator[Span]:
    """Bank account numbers (IBAN); a failed checksum still counts (people mistype)."""
    for m in _guarded(_IBAN_SCAN).finditer(text):
        valid = stdnum_iban.is_valid(m.group(0))
        yield Span(
            m.start(), m.end(), "IBAN", 0.95 if valid else 0.6, "iban" if valid else "iban_shape"
        )


# Belgian plates 1-ABC-123 (and without dashes), older ABC-123; Dutch sidecodes with dashes.
PLATE = re.compile(
    r"\b(?:[1-9]-?[A-Z]{3}-?\d{3}|[A-Z]{3}-\d{3}|\d{3}-[A-Z]{3}|[A-Z]{2}-\d{3}-[A-Z]|"
    r"\d{2}-[A-Z]{3}-\d|[A-Z]{2}-\d{2}-[A-Z]{2}|\d-[A-Z]{3}-\d{2}|[A-Z]-\d{3}-[A-Z]{2})\b"
)
_PLATE_SCAN = led(PLATE, r"[\dA-Z]")


def find_plates(text: str) -> Iterator[Span]:
    """Number plates."""
    for m in _guarded(_PLATE_SCAN).finditer(text):
        yield Span(m.start(), m.end(), "LICENSE_PLATE", 0.85, "plate")


SOCIAL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:instagram|facebook|fb|tiktok|twitter|x|linkedin|youtube)"
    r"\.com/[\w.\-/@]+|(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])"
)
_SOCIAL_SCAN = led(SOCIAL, "[hwiftxly@]")  # http, www, a site's first letter, a handle's @


# Web addresses: a personal one (a name in it) is redacted like a profile ("mijn blog ...").
URL = re.compile(
    r"(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+(?:/[\w.\-/~%?=&#]*)?|"
    rf"\b[\w-]{{3,}}\.{_TLD}/[\w.\-/~%?=&#]+",
    re.IGNORECASE,
)


def find_social(text: str) -> Iterator[Span]:
    """Social media handles and profile links, and web addresses with a person's name in them."""
    from moderation.privacy.name_lists import names_in

    for m in _guarded(_SOCIAL_SCAN).finditer(text):
        yield Span(m.start(), m.end(), "SOCIAL", 0.85, "social")
    if "www." not in text and "/" not in text:
        return
    for m in URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?)")
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
        if names_in(host.split("/")[0].rsplit(".", 1)[0]):
            yield Span(m.start(), m.start() + len(url), "SOCIAL", 0.8, "web_name")


_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}\b",
    re.IGNORECASE,
)
_DATE_SCAN = led(DATE, r"\d")
BIRTH_CONTEXT = re.compile(
    r"(?:geboren|geboortedatum|geb\.|°|verjaardag|jarig|birthday|né|née)\W{0,3}(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


def find_birth_dates(text: str) -> Iterator[Span]:
    """Dates with a birth context just before them ("geboren op", "°")."""
    for m in _guarded(_DATE_SCAN).finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if BIRTH_CONTEXT.search(before):
            yield Span(m.start(), m.end(), "DATE_OF_BIRTH", 0.85, "birth_date")


_STREET_SUFFIX = (
    "straat|laan|lei|plein|weg|dreef|steenweg|kaai|baan|hof|markt|singel|vest|wegel|pad|dijk|"
    "berg|veld|gracht|kade|park|ring|boulevard|dam|akker|heide|hoek|wijk|kouter|dries|meers"
)
_BARE_STREET = "Markt|Dorp|Kouter|Meir|Plein|Dries|Vesten|Dijk|Dam|Zavel|Heide|Statie"
_NUMBER_TAIL = (
    r"\s+\d{1,4}(?:\s?[a-zA-Z])?\b(?:\s*(?:bus|/|boîte|bte)\s*\d+)?"
    r"(?:,?\s+\d{4}(?:\s+[A-Z][\w'-]+(?:[-\s][A-Z][\w'-]+)?)?)?"
)
ADDRESS = re.compile(rf"\b(?:[A-Z][\w'’-]*(?:{_STREET_SUFFIX})|{_BARE_STREET}){_NUMBER_TAIL}")
_ADDRESS_SCAN = led(ADDRESS, "[A-Z]")  # a street name or a bare street word, capitalised
# "Rue de la Station 12", "Avenue Louise 54"
FRENCH_ADDRESS = re.compile(
    r"\b(?:[Rr]ue|[Aa]venue|[Cc]haussée|[Bb]oulevard|[Pp]lace|[Cc]hemin|[Aa]llée|[Qq]uai)\s"
    r"(?:(?:de\sla|de|du|des|d'|la|le)\s?)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?" + _NUMBER_TAIL
)
# "Grote Markt 5": an adjective before the street name belongs to it.
STREET_ADJECTIVE = re.compile(r"\b(?:Grote|Kleine|Oude|Nieuwe|Lange|Korte|Hoge|Lage)\s$")
_FRENCH_CUES = ("rue", "avenue", "chauss", "boulevard", "place", "chemin", "allée", "quai")


def find_addresses(text: str) -> Iterator[Span]:
    """Street addresses with a house number (and a postcode and town if they follow)."""
    for m in _guarded(_ADDRESS_SCAN).finditer(text):
        start = m.start()
        adjective = STREET_ADJECTIVE.search(text, max(0, start - 8), start)
        yield Span(adjective.start() if adjective else start, m.end(), "ADDRESS", 0.85, "address")
    lowered = text.lower()
    if any(cue in lowered for cue in _FRENCH_CUES):
        for m in FRENCH_ADDRESS.finditer(text):
            yield Span(m.start(), m.end(), "ADDRESS", 0.85, "address")


STRUCTURED = (
    find_emails,
    find_phones,
    find_national_ids,
    find_ibans,
    find_plates,
    find_social,
    find_birth_dates,
    find_addresses,
)
