"""The facility's own public e-mail address, website and general number are no personal data."""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderation.privacy.detectors import Span
from moderation.privacy.name_lists import GENERIC_FACILITY_WORDS, names_in

# Words before a number that say it is the facility's, not a person's: "ons algemeen nummer",
# "het onthaal", "bel ons op", "onze administratie op", "contacteer ons via".
_OFFICE = r"(?:onthaal|secretariaat|administratie|receptie|permanentie|centrale|balie|kantoor)"
ORGANISATION_CONTEXT = re.compile(
    rf"(?:\b(?:ons|onze)\s+(?:algeme(?:en|ne)\s+|centrale?\s+|vaste\s+)?(?:telefoon)?(?:nummer|{_OFFICE})"
    rf"|\b(?:het|de)\s+(?:algeme(?:en|ne)|centrale?|vaste)\s+(?:telefoon)?nummer"
    rf"|\b(?:het|de)\s+{_OFFICE}"
    r"|\b(?:bel|bellen|contacteer|contacteren|bereiken|mail|mailen)\s+(?:ons|naar\s+ons)"
    r"|\bons\s+(?:rechtstreeks\s+)?(?:te\s+)?(?:contacteren|bereiken|bellen)"
    r"|\bnotre\s+(?:numéro|secrétariat|accueil|administration)|\bnous\s+(?:contacter|joindre))\b"
    r"(?P<tail>[^.!?\n]{0,60})$",
    re.IGNORECASE,
)
# Words between that context and the number that make it someone's own number after all.
PERSONAL_NUMBER = re.compile(r"\b(?:mijn|m'n|zijn|z'n|haar|gsm|privé|prive|thuis)\b", re.IGNORECASE)
_JOINER = re.compile(r"^\s*(?:,|of|en|/|or|ou|et)\s*$", re.IGNORECASE)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _facility_cores(facility_name: str) -> list[str]:
    words = [w for w in re.split(r"[\s-]+", facility_name) if w]
    core = [w for w in words if w.lower() not in GENERIC_FACILITY_WORDS]
    cores = {_squash(facility_name), _squash(" ".join(core)), _squash(" ".join(words[-2:]))}
    return [c for c in cores if len(c) >= 4]


def own_domain(domain: str, facility_name: str) -> bool:
    """Is `domain` ("derakkertjes.be", "www.wzc-terlinde.be") the facility's own?"""
    host = _squash(re.sub(r"^(?:https?://)?(?:www\.)?", "", domain.lower()).split("/")[0])
    host = re.sub(r"(?:be|nl|com|org|net|eu|info)$", "", host)
    return any(
        core in host or (len(host) >= 5 and host in core) for core in _facility_cores(facility_name)
    )


def facility_contact(text: str, span: Span, facility_name: str, kept: Sequence[Span]) -> bool:
    """Is this e-mail address, web address or phone number the facility's public one?"""
    piece = text[span.start : span.end]
    if span.label == "EMAIL" and "@" in piece:
        local, _, domain = piece.partition("@")
        return own_domain(domain, facility_name) and not names_in(local)
    if span.label == "SOCIAL" and span.evidence == "web_name":
        return own_domain(piece, facility_name)
    if span.label == "PHONE":
        context = ORGANISATION_CONTEXT.search(text[max(0, span.start - 120) : span.start])
        if context and not PERSONAL_NUMBER.search(context.group("tail")):
            return True
        # "via info@onzecrèche.be of 03 230 45 12": next to the facility's own address.
        for other in kept:
            between = (
                text[other.end : span.start]
                if other.end <= span.start
                else text[span.end : other.start]
            )
            if _JOINER.match(between):
                return True
    return False
