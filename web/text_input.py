"""Clean what people type: drop control characters, keep line breaks, limit the size."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """Normalise to NFC, drop control characters (binary junk), trim surrounding space."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    return _CONTROL.sub("", value).strip()
