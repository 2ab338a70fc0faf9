"""Cut a text into plain and highlighted pieces for the moderator's screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class Piece:
    """A run of text, with the finding that covers it (if any)."""

    text: str
    finding: Any | None = None


def highlight(text: str, findings: Sequence[Any]) -> list[Piece]:
    """Split `text` at the findings' spans; an overlapped finding yields to the earlier one."""
    pieces: list[Piece] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        start, end = max(f.start, 0), min(f.end, len(text))
        if start < pos or start >= end:
            continue
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], f))
        pos = end
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return pieces
