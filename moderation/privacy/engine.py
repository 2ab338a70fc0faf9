"""Presidio as the recognizer framework: our detectors as recognizers on a blank Dutch spaCy."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import cache
from typing import Any

from moderation.privacy import detectors, names
from moderation.privacy.detectors import Span

# The facility's name and municipality of the submission being checked (names must keep them).
KEEP: ContextVar[tuple[str, ...]] = ContextVar("keep", default=())


def _recognizer(name: str, entities: list[str], detect: Callable[[str], Iterable[Span]]) -> Any:
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class DetectorRecognizer(EntityRecognizer):
        """Wraps one of our detectors so Presidio can run it."""

        def load(self) -> None:
            """Nothing to load: the detector is plain code and word lists."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            return [
                RecognizerResult(
                    s.label, s.start, s.end, s.score, recognition_metadata={"evidence": s.evidence}
                )
                for s in detect(text)
            ]

    return DetectorRecognizer(supported_entities=entities, supported_language="nl", name=name)


def _names(text: str) -> Iterable[Span]:
    return names.find_names(text, KEEP.get())


@cache
def analyzer() -> Any:
    """Build the Presidio analyzer once per process, in memory: no model, no file, no download.

    Our recognizers read the text itself, so Presidio gets an NLP engine that does no
    linguistic work (NoOpNlpEngine; on an older Presidio, a blank Dutch spaCy built in memory).
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp_engine = _nlp_engine()
    registry = RecognizerRegistry(supported_languages=["nl"])
    labels = {
        "find_emails": ["EMAIL"],
        "find_phones": ["PHONE"],
        "find_national_ids": ["NATIONAL_ID"],
        "find_ibans": ["IBAN"],
        "find_plates": ["LICENSE_PLATE"],
        "find_social": ["SOCIAL"],
        "find_birth_dates": ["DATE_OF_BIRTH"],
        "find_addresses": ["ADDRESS"],
    }
    for detect in detectors.STRUCTURED:
        registry.add_recognizer(_recognizer(detect.__name__, labels[detect.__name__], detect))
    registry.add_recognizer(_recognizer("find_names", ["PERSON"], _names))
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["nl"],
        context_aware_enhancer=_no_context_enhancer(),
    )


def _no_context_enhancer() -> Any:
    """Our recognizers weigh their own context (titles, roles, sign-offs): Presidio's lemma-based
    enhancer has no lemmas to read on a no-op engine and only deep-copies every result."""
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    class NoContextEnhancer(ContextAwareEnhancer):
        """Leaves every score as the recognizer gave it."""

        def enhance_using_context(
            self,
            text: str,
            raw_results: list[Any],
            nlp_artifacts: Any,
            recognizers: list[Any],
            context: list[str] | None = None,
        ) -> list[Any]:
            return raw_results

    return NoContextEnhancer(0.0, 0.0, 0, 0)


def _nlp_engine() -> Any:
    try:
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
    except ImportError:  # Presidio before NoOpNlpEngine: a blank pipeline, never saved to disk
        import spacy
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        spacy_engine: Any = SpacyNlpEngine(models=[{"lang_code": "nl", "model_name": "blank-nl"}])
        spacy_engine.nlp = {"nl": spacy.blank("nl")}
        return spacy_engine
    engine = NoOpNlpEngine(models=[{"lang_code": "nl", "model_name": "none"}])
    engine.load()
    return engine


@cache
def _artifacts() -> Any:
    """Empty NLP artifacts, made once: no recognizer of ours reads tokens or lemmas."""
    return analyzer().nlp_engine.process_text("", "nl")


def analyze(text: str, keep: tuple[str, ...]) -> list[Span]:
    """Run every recognizer on `text`; spans keep their offsets into `text`."""
    token = KEEP.set(keep)
    try:
        results = analyzer().analyze(text=text, language="nl", nlp_artifacts=_artifacts())
    finally:
        KEEP.reset(token)
    return [
        Span(
            r.start,
            r.end,
            r.entity_type,
            r.score,
            str((r.recognition_metadata or {}).get("evidence", "")),
        )
        for r in results
    ]
