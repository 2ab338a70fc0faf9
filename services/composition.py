"""Compose a review's parts into the one text the core checks, and redact them back per part."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from moderation import Finding
from moderation.privacy import redact

SEPARATOR = "\n\n"


def compose(parts: Sequence[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    """Join (key, text) parts with blank lines; return the text and each part's span."""
    pieces: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    for key, text in parts:
        if not text.strip():
            continue
        if pieces:
            pieces.append(SEPARATOR)
            pos += len(SEPARATOR)
        pieces.append(text)
        spans.append((key, pos, pos + len(text)))
        pos += len(text)
    return "".join(pieces), spans


def redact_parts(
    text: str, spans: Sequence[tuple[str, int, int]], findings: Iterable[Any]
) -> dict[str, str]:
    """Return the redacted text of every part, from findings on the composed text.

    `findings` may be core `Finding`s or stored rows: anything with label, start, end and
    replacement.
    """
    redactions = [f for f in findings if f.replacement]
    out: dict[str, str] = {}
    for key, start, end in spans:
        inside = [
            Finding(
                "privacy",
                f.label,
                max(f.start, start) - start,
                min(f.end, end) - start,
                "",
                replacement=f.replacement,
            )
            for f in redactions
            if f.start < end and f.end > start
        ]
        out[key] = redact(text[start:end], inside)
    return out
