"""Weighted patterns per flag, kept as data files next to this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
TEXT_FLAGS = ("serious_allegation", "revenge", "implausible", "abusive", "spam")


@dataclass(frozen=True)
class Signal:
    """One pattern and how much it counts towards its flag."""

    weight: float
    pattern: re.Pattern[str]
    cased: bool = False


@cache
def signals(flag: str) -> tuple[Signal, ...]:
    """The weighted patterns of a flag (`data/<flag>.txt`: weight TAB regex per line)."""
    out = []
    for line in (DATA / f"{flag}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        weight, pattern = line.split("\t", 1)
        # Patterns run on the lowercased text (cheaper than IGNORECASE), except those that
        # look for capitals on purpose ("code BOLLEKE20"), which run on the text as written.
        cased = "[A-Z]" in pattern
        out.append(Signal(float(weight), re.compile(pattern, re.UNICODE), cased))
    return tuple(out)
