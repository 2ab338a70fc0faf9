"""Run every personal-data recognizer on a text and merge their spans as Presidio did."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from moderation.privacy import detectors, names
from moderation.privacy.detectors import Span

# Presidio's AnalyzerEngine hosted these recognizers until 2026-12. It added nothing of its
# own here (no NLP engine, no context enhancer, no allow list, no threshold above 0), yet its
# bookkeeping around them cost about as much as the cheaper half of the recognizers; the
# merge below is the part of it that shaped our results, kept to the letter.


def recognize(text: str, keep: tuple[str, ...]) -> list[Span]:
    """Every recognizer's spans, unmerged, in the order Presidio's registry ran them (the
    order decides which of two equal spans keeps its evidence)."""
    spans: list[Span] = []
    for detect in detectors.STRUCTURED:
        spans.extend(detect(text))
    spans.extend(names.find_names(text, keep))
    return spans


def analyze(text: str, keep: tuple[str, ...]) -> list[Span]:
    """Run every recognizer on `text`; spans keep their offsets into `text`."""
    return merge(recognize(text, keep))


def merge(spans: Iterable[Span]) -> list[Span]:
    """What Presidio's `AnalyzerEngine.analyze` made of the recognizers' spans, in its order.

    A span scoring 0 or less is dropped; of equal spans (place, label, score) the first one
    stays; a span inside another of its label that scores at least as high is dropped. The
    rest comes highest score first, then by start, the longer span first, then by label.
    """
    unique: dict[tuple[int, int, str, float], Span] = {}
    for s in spans:
        if s.score > 0:
            unique.setdefault((s.start, s.end, s.label, s.score), s)
    ranked = sorted(unique.values(), key=lambda s: (s.label, s.start, s.start - s.end, -s.score))
    kept: list[Span] = []
    for _label, same_label in groupby(ranked, key=lambda s: s.label):
        active: list[Span] = []
        for s in same_label:
            # Only a span that reaches this one's start can hold it.
            active = [a for a in active if a.end >= s.start]
            if any(s.start >= a.start and s.end <= a.end and s.score <= a.score for a in active):
                continue
            kept.append(s)
            active.append(s)
    return sorted(kept, key=lambda s: (-s.score, s.start, s.start - s.end))
