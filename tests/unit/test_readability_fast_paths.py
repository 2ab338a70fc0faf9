"""The readability fast paths measure exactly what the plain loops measured."""

from __future__ import annotations

import pytest

from moderation.readability.metrics import _PUNCTUATION, _WORD, _longest_run, _spans

TEXTS = [
    "",
    "woord",
    "een twee drie, vier vijf. zes zeven acht negen tien elf - twaalf dertien",
    "x ''t is 't 's morgens; d'r (tussen haakjes) “aanhalingstekens” en/of\nnieuwe regel",
    "geen enkel leesteken in deze hele lange zin die maar doorgaat en doorgaat zonder einde",
    "a b. c d. e f.",  # equal runs: the first wins
    "... ,,, !!! woord ??? ;;;",
]


def _reference_longest_run(text: str, spans: list[tuple[int, int]]) -> tuple[int, tuple[int, int]]:
    best, best_span = 0, (0, 0)
    if not spans:
        return best, best_span
    breaks = [m.start() for m in _PUNCTUATION.finditer(text)]
    run_start = 0
    b = 0
    for i, (start, _end) in enumerate(spans):
        if i > 0:
            prev_end = spans[i - 1][1]
            while b < len(breaks) and breaks[b] < prev_end:
                b += 1
            if b < len(breaks) and breaks[b] < start:
                run_start = i
        if i - run_start + 1 > best:
            best = i - run_start + 1
            best_span = (spans[run_start][0], spans[i][1])
    return best, best_span


@pytest.mark.parametrize("text", TEXTS)
def test_word_spans_are_the_regex_spans(text: str) -> None:
    assert _spans(text, _WORD.findall(text)) == [m.span() for m in _WORD.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_longest_run_is_the_plain_loop(text: str) -> None:
    spans = [m.span() for m in _WORD.finditer(text)]
    assert _longest_run(text, spans) == _reference_longest_run(text, spans)
