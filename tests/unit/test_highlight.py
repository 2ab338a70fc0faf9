"""Cutting a text into highlighted pieces for the moderator."""

from __future__ import annotations

from moderation import Finding
from web.moderate.highlight import highlight


def f(start: int, end: int) -> Finding:
    return Finding("privacy", "PERSON", start, end, "")


def test_pieces_rebuild_the_text_and_mark_findings() -> None:
    text = "Juf Sofie en meester Tom"
    pieces = highlight(text, [f(21, 24), f(4, 9)])
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.finding] == ["Sofie", "Tom"]


def test_overlapping_and_out_of_range_findings_do_not_break_the_text() -> None:
    text = "Bel 0472 12 34 56"
    pieces = highlight(text, [f(4, 17), f(6, 10), f(15, 99), f(30, 40)])
    assert "".join(p.text for p in pieces) == text
