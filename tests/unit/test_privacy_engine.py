"""The privacy engine builds in memory: no temporary folder, no saved model, no download."""

from __future__ import annotations

import tempfile

import pytest

from moderation.privacy import engine


def test_the_analyzer_is_built_without_touching_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("the privacy engine wrote to disk")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    monkeypatch.setattr("spacy.language.Language.to_disk", refuse)
    engine.analyzer.cache_clear()
    engine._artifacts.cache_clear()
    try:
        spans = engine.analyze("Juf Sofie belde op 0472 12 34 56.", ())
    finally:
        engine.analyzer.cache_clear()
        engine._artifacts.cache_clear()
    assert {s.label for s in spans} == {"PERSON", "PHONE"}
