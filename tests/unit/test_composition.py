"""Composing a review's parts into one text and redacting them back per part."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from moderation import Finding
from services.composition import SEPARATOR, compose, redact_parts


def test_compose_skips_empty_parts_and_records_spans() -> None:
    text, spans = compose([("theme:1", "Fijn."), ("theme:2", "  "), ("story", "Juf An.")])
    assert text == "Fijn." + SEPARATOR + "Juf An."
    assert [(k, text[s:e]) for k, s, e in spans] == [("theme:1", "Fijn."), ("story", "Juf An.")]


def test_redaction_lands_in_the_right_part() -> None:
    text, spans = compose([("theme:1", "Bel 0472 12 34 56."), ("story", "Juf Sofie is lief.")])
    phone = text.index("0472")
    name = text.index("Sofie")
    findings = [
        Finding("privacy", "PHONE", phone, phone + 13, "", replacement="[telefoonnummer]"),
        Finding("privacy", "PERSON", name, name + 5, "", replacement="[naam]"),
        Finding("readability", "readability", 0, len(text), ""),
    ]
    out = redact_parts(text, spans, findings)
    assert out == {"theme:1": "Bel [telefoonnummer].", "story": "Juf [naam] is lief."}


@given(st.lists(st.text(max_size=30), max_size=6))
def test_spans_always_point_at_their_part(parts: list[str]) -> None:
    keyed = [(f"p{i}", p) for i, p in enumerate(parts)]
    text, spans = compose(keyed)
    for key, start, end in spans:
        assert text[start:end] == dict(keyed)[key]
    assert redact_parts(text, spans, []) == {k: text[s:e] for k, s, e in spans}
