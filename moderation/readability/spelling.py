"""Spelling suggestions for a writer: a few likely typos with their fix, never a judgement."""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderation.contract import Finding
from moderation.readability.lexicon import suggestion, word_list
from moderation.readability.policy import ReadabilityPolicy

_DEFAULT = ReadabilityPolicy()
_WORD = re.compile(r"(?<![\w@.])[^\W\d_]+(?![\w@])")


def spelling_suggestions(
    text: str, skip: Sequence[Finding] = (), policy: ReadabilityPolicy = _DEFAULT
) -> list[tuple[str, str]]:
    """(word as typed, likely intended word) for the first few unknown words in `text`.

    Careful on purpose: words with a capital (names, places), words inside personal data,
    short words, chat speak and Flemish informal spellings ("goe", "ni") are never corrected.
    """
    covered = [(f.start, f.end) for f in skip]
    informal = word_list("informal") | word_list("chat_speak")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if (
            len(word) < policy.suggestion_min_length
            or not word.islower()
            or word in seen
            or word in informal
            or any(start < m.end() and m.start() < end for start, end in covered)
        ):
            continue
        seen.add(word)
        better = suggestion(word, policy)
        if better is not None:
            out.append((word, better))
            if len(out) >= policy.max_suggestions:
                break
    return out


def spelling_message(pairs: Sequence[tuple[str, str]]) -> str:
    """The hint in plain Dutch: the fixes first, then that the text may stay as it is."""
    fixes = ", ".join(f"'{better}' in plaats van '{typed}'" for typed, better in pairs)
    return f"Misschien bedoel je {fixes}? Zo laten mag ook: we begrijpen je."
