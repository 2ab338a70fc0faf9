"""Near-duplicate texts: MinHash + LSH (datasketch) for candidates, rapidfuzz to confirm."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

NUM_PERM = 64
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation, squeeze spaces: small edits matter less."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text))


def signature(text: str) -> MinHash:
    """MinHash of the word 3-shingles of the normalised text."""
    words = normalise(text).split()
    shingles = {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode() for s in shingles])
    return m


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0-100 (rapidfuzz ratio on normalised text)."""
    return float(fuzz.ratio(normalise(a), normalise(b)))


class NearDuplicateIndex:
    """An LSH index of stored texts; `storage_config` may point datasketch at Redis."""

    def __init__(self, threshold: float = 0.5, storage_config: dict[str, Any] | None = None):
        self.lsh = MinHashLSH(
            threshold=threshold,
            num_perm=NUM_PERM,
            storage_config=storage_config or {"type": "dict"},
        )

    def add(self, key: str, text: str) -> None:
        """Index a text under `key` (adding the same key twice is ignored)."""
        if key in self.lsh:
            return
        self.lsh.insert(key, signature(text))

    def candidates(self, text: str) -> list[str]:
        """Keys of stored texts that may be near-duplicates; cost independent of the count."""
        return [
            str(k.decode() if isinstance(k, bytes) else k) for k in self.lsh.query(signature(text))
        ]
