"""The privacy engine merges its recognizers' spans exactly as Presidio's AnalyzerEngine did."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.privacy import engine
from moderation.privacy.detectors import Span

EVAL = Path("/work/shared/eval")
LABELS = ["PERSON", "PHONE", "EMAIL", "ADDRESS"]
SCORES = [0.0, 0.5, 0.6, 0.85, 0.95]


def test_a_text_gets_its_person_and_phone() -> None:
    spans = engine.analyze("Juf Sofie belde op 0472 12 34 56.", ())
    assert {s.label for s in spans} == {"PERSON", "PHONE"}


def _presidio_host(spans: list[Span]) -> Any:
    """Presidio's engine, hosting one recognizer that returns `spans` (the former engine)."""
    presidio = pytest.importorskip("presidio_analyzer")
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    class Fixed(presidio.EntityRecognizer):  # type: ignore[misc]
        def load(self) -> None:
            """Nothing to load."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            return [
                presidio.RecognizerResult(
                    s.label, s.start, s.end, s.score, recognition_metadata={"evidence": s.evidence}
                )
                for s in spans
            ]

    class NoContext(ContextAwareEnhancer):  # type: ignore[misc]
        def enhance_using_context(self, text: str, raw_results: list[Any], **_: Any) -> list[Any]:
            return raw_results

    registry = presidio.RecognizerRegistry(supported_languages=["nl"])
    registry.add_recognizer(Fixed(supported_entities=LABELS, supported_language="nl", name="f"))
    nlp = NoOpNlpEngine(models=[{"lang_code": "nl", "model_name": "none"}])
    nlp.load()
    return presidio.AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp,
        supported_languages=["nl"],
        context_aware_enhancer=NoContext(0.0, 0.0, 0, 0),
    )


def _through_presidio(spans: list[Span]) -> list[Span]:
    host = _presidio_host(spans)
    results = host.analyze(text="x" * 40, language="nl", nlp_artifacts=None)
    return [
        Span(r.start, r.end, r.entity_type, r.score, r.recognition_metadata["evidence"])
        for r in results
    ]


_SPANS = st.lists(
    st.builds(
        lambda start, length, label, score, why: Span(start, start + length, label, score, why),
        st.integers(0, 30),
        st.integers(0, 8),
        st.sampled_from(LABELS),
        st.sampled_from(SCORES),
        st.sampled_from(["a", "b"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_merge_equals_presidio_on_any_spans(spans: list[Span]) -> None:
    """Overlaps, nested and equal spans (first evidence wins), zero scores, ties in order."""
    assert engine.merge(spans) == _through_presidio(spans)


def _eval_texts() -> list[str]:
    texts = []
    for name in ("dev.jsonl", "dev2.jsonl"):
        path = EVAL / name
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [str(json.loads(line).get("text") or "") for line in lines if line.strip()]
    return texts


def test_analyze_equals_the_recognizers_hosted_by_presidio() -> None:
    texts = _eval_texts() or ["Juf Sofie belde op 0472 12 34 56.", "Mail jan@voorbeeld.be."]
    for text in texts:
        raw = engine.recognize(text, ("gent",))
        assert engine.analyze(text, ("gent",)) == _through_presidio(raw), text
