"""Find personal data in review texts and replace it with typed Dutch placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from moderation.contract import PERSONAL_DATA_KINDS, PLACEHOLDERS, Finding
from moderation.privacy import engine, lexicon
from moderation.privacy.detectors import Span
from moderation.privacy.facility import facility_contact
from moderation.privacy.health import find_health
from moderation.privacy.name_lists import facility_keep

MAX_CHARS = 100_000  # longer texts are checked in full but in pieces of this size
PRIORITY = sorted(
    PERSONAL_DATA_KINDS, key=lambda label: int(PERSONAL_DATA_KINDS[label]["priority"])
)
MESSAGES = {label: str(kind["message"]) for label, kind in PERSONAL_DATA_KINDS.items()}
HEALTH_ONLY_FLAG = "Gezondheidsinformatie, niet aan een herkenbare persoon gekoppeld: nakijken."


def find_personal_data(text: str, facility_name: str = "", municipality: str = "") -> list[Finding]:
    """Return a finding per piece of personal data, with offsets into `text`."""
    if not text or not text.strip():
        return []
    keep = tuple(facility_keep(facility_name, municipality))
    spans: list[Span] = []
    for offset in range(0, len(text), MAX_CHARS):
        chunk = text[offset : offset + MAX_CHARS]
        spans.extend(
            Span(s.start + offset, s.end + offset, s.label, s.score, s.evidence)
            for s in engine.analyze(chunk, keep)
        )
    spans = _without_facility_contact(text, spans, facility_name)
    chosen = _resolve(spans)
    persons = [s for s in chosen if s.label == "PERSON"]
    findings = [
        Finding(
            "privacy",
            s.label,
            s.start,
            s.end,
            _message(MESSAGES[s.label], s.evidence),
            "high",
            replacement=PLACEHOLDERS[s.label],
        )
        for s in chosen
    ]
    taken = [(s.start, s.end) for s in chosen]
    for span, identifiable in find_health(text, persons):
        if any(a < span.end and span.start < b for a, b in taken):
            continue
        findings.append(
            Finding(
                "privacy",
                "HEALTH",
                span.start,
                span.end,
                _message(MESSAGES["HEALTH"] if identifiable else HEALTH_ONLY_FLAG, span.evidence),
                "high" if identifiable else "info",
                replacement=PLACEHOLDERS["HEALTH"] if identifiable else None,
            )
        )
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _message(base: str, evidence: str) -> str:
    """The moderator's sentence: the kind of data and what raised it (never the data itself)."""
    reason = lexicon.evidence().get(evidence, {}).get("reason", "")
    return f"{base} Herkend aan: {reason}." if reason else base


def _without_facility_contact(text: str, spans: list[Span], facility_name: str) -> list[Span]:
    """Drop the facility's own e-mail address, website and general number."""
    if not facility_name:
        return spans
    own = [
        s
        for s in spans
        if s.label in ("EMAIL", "SOCIAL") and facility_contact(text, s, facility_name, [])
    ]
    own += [
        s for s in spans if s.label == "PHONE" and facility_contact(text, s, facility_name, own)
    ]
    return [s for s in spans if s not in own]


def _resolve(spans: list[Span]) -> list[Span]:
    """Keep one span where several overlap: the stronger kind, then the longer span."""
    ranked = sorted(spans, key=lambda s: (PRIORITY.index(s.label), -(s.end - s.start)))
    chosen: list[Span] = []
    for span in ranked:
        if span.end <= span.start:
            continue
        if any(c.start < span.end and span.start < c.end for c in chosen):
            continue
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def redact(text: str, findings: Sequence[Finding]) -> str:
    """Replace every finding that carries a replacement; overlapping spans are merged."""
    spans = sorted((f.start, f.end, f.replacement) for f in findings if f.replacement)
    out: list[str] = []
    pos = 0
    for start, end, repl in spans:
        if end <= pos:
            continue
        if start < pos:  # overlaps the previous redaction: extend it
            pos = end
            continue
        out.append(text[pos:start])
        out.append(repl or "")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def warm_up() -> None:
    """Build the analyzer and load the word lists now."""
    lexicon.warm_up()
    find_personal_data("Juf Sofie belde op 0472 12 34 56.", "De Rupsjes", "Gent")


__all__ = ["find_personal_data", "redact", "warm_up"]
