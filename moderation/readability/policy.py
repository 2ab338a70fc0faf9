"""Tunable numbers of the readability and language checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadabilityPolicy:
    """Defaults for flagging shouting and unreadable texts."""

    max_capitals_ratio: float = 0.7
    min_letters_for_shouting: int = 20
