"""Find personal data in review texts and replace it with typed Dutch placeholders."""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderation.contract import PLACEHOLDERS, Finding

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_personal_data(text: str, facility_name: str = "", municipality: str = "") -> list[Finding]:
    """Return a finding per piece of personal data in `text` (placeholder: e-mail only)."""
    return [
        Finding("privacy", "EMAIL", m.start(), m.end(), "E-mailadres gevonden.",
                replacement=PLACEHOLDERS["EMAIL"])
        for m in _EMAIL.finditer(text)
    ]


def redact(text: str, findings: Sequence[Finding]) -> str:
    """Replace every finding that carries a replacement; overlapping spans are merged."""
    spans = sorted((f.start, f.end, f.replacement) for f in findings if f.replacement)
    out: list[str] = []
    pos = 0
    for start, end, repl in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(repl or "")
        pos = end
    out.append(text[pos:])
    return "".join(out)
