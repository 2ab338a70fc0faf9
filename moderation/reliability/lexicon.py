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


@cache
def signals(flag: str) -> tuple[Signal, ...]:
    """The weighted patterns of a flag (`data/<flag>.txt`: weight TAB regex per line)."""
    out = []
    for line in (DATA / f"{flag}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        weight, pattern = line.split("\t", 1)
        flags = 0 if flag == "spam" and "[A-Z]" in pattern else re.IGNORECASE
        out.append(Signal(float(weight), re.compile(pattern, flags | re.UNICODE)))
    return tuple(out)
