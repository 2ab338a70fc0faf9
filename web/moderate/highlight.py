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


def highlight_parts(
    text: str, spans: Sequence[tuple[str, int, int]], findings: Sequence[Any]
) -> list[tuple[str, list[Piece]]]:
    """Per composed part (its key and span), the highlighted pieces of that part's text.

    Joined with the composer's separator the pieces give back `text`, so selection offsets
    in the page still index the composed text. A finding across two parts is not shown.
    """
    out: list[tuple[str, list[Piece]]] = []
    for key, start, end in spans:
        inside = [_Shifted(f, start) for f in findings if f.start >= start and f.end <= end]
        out.append((key, highlight(text[start:end], inside)))
    return out


class _Shifted:
    """A finding seen from the start of its part; everything else as the finding says."""

    def __init__(self, finding: Any, offset: int) -> None:
        self._finding = finding
        self.start = finding.start - offset
        self.end = finding.end - offset

    def __getattr__(self, name: str) -> Any:
        return getattr(self._finding, name)
