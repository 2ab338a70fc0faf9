"""Near-duplicate texts: MinHash + LSH (datasketch's layout) for candidates, rapidfuzz confirms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from moderation.reliability.lsh import BandedLSH, Signature, storage

NUM_PERM = 64
# Character 5-grams of the normalised text: a small edit ("17u" for "17 uur") or a swapped
# sentence changes a few grams at the edit, where word 3-shingles lose every shingle around it.
SHINGLE_CHARS = 5
# The name of the shingling in the storage keys: signatures of another scheme never mix.
SCHEME = b"c5"
# Below this many words texts are compared word by word: two short texts that differ in one
# word out of four are two people who wrote something alike, not one text copied with an edit.
SHORT_WORDS = 10

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?;\n]+")

# The permutations, drawn once per process from a fixed seed (signatures are stored in Redis
# by one process and compared by another, so every process must draw the same).
_rng = np.random.default_rng(20261201)
_A = (_rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
_B = _rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
_POWER = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_S32 = np.uint64(32)
_S33 = np.uint64(33)
_SEED = 1


@functools.lru_cache(maxsize=2048)
def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation, squeeze spaces: small edits matter less."""
    text = unicodedata.normalize("NFKD", text.lower())
    if not text.isascii():
        marks = {c for c in set(text) if unicodedata.combining(c)}
        if marks:
            text = text.translate(dict.fromkeys(map(ord, marks)))
    return " ".join(_WORD.findall(text))


def _shingle_keys(norm: str) -> npt.NDArray[np.uint32]:
    """32-bit keys of the character 5-grams of `norm`, hashed all at once (no Python loop)."""
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    size = len(points)
    if size == 0:
        return np.zeros(1, dtype=np.uint32)
    width = min(SHINGLE_CHARS, size)
    count = size - width + 1
    keys = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # a polynomial hash, wrapping modulo 2**64
        keys = keys * _POWER + points[offset : offset + count]
    keys ^= keys >> _S33  # MurmurHash3's finaliser spreads the polynomial's bits
    keys *= _MIX1
    keys ^= keys >> _S33
    keys *= _MIX2
    keys ^= keys >> _S33
    return (keys >> _S32).astype(np.uint32)


@functools.lru_cache(maxsize=512)
def signature(text: str) -> Signature:
    """MinHash of the character 5-grams of the normalised text, computed once per text.

    The permutations are datasketch's "affine32" (a * h + b modulo 2**32, a odd) applied to
    all grams in one numpy step; the cache means the check (`candidates`) and saving to
    history (`add`) share one computation.
    """
    values = np.multiply.outer(_shingle_keys(normalise(text)), _A)
    values += _B
    return Signature(seed=_SEED, hashvalues=values.min(axis=0), scheme="affine32")


@functools.lru_cache(maxsize=2048)
def _prepared(text: str) -> tuple[str, tuple[str, ...], int]:
    """The normalised text, its normalised sentences and its word count, made once per text.

    A stored text is compared with every later text it is a candidate for, so its parts
    are worth keeping (immutable, as the cache shares them). The words themselves are not
    kept: they are only compared when one text is short, and as separate strings they were
    three quarters of an entry's memory.
    """
    norm = normalise(text)
    sentences = tuple(s for s in (normalise(part) for part in _SENTENCE.findall(text)) if s)
    return norm, sentences, norm.count(" ") + 1 if norm else 0


def _aligned(ours: Sequence[str], theirs: Sequence[str]) -> tuple[float, float]:
    """How well the sentences of each text find their match in the other (weighted by length)."""
    scores = process.cdist(ours, theirs, scorer=fuzz.ratio, dtype=np.float32)
    our_weights = np.fromiter(map(len, ours), dtype=np.float64, count=len(ours))
    their_weights = np.fromiter(map(len, theirs), dtype=np.float64, count=len(theirs))
    forward = float(scores.max(axis=1) @ our_weights / our_weights.sum())
    backward = float(scores.max(axis=0) @ their_weights / their_weights.sum())
    return forward, backward


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0-100: rapidfuzz ratio, also with the sentences reordered.

    Short texts score by the share of words they have in common, in order.
    """
    na, sa, words_a = _prepared(a)
    nb, sb, words_b = _prepared(b)
    if not na or not nb:
        return 0.0
    score = float(fuzz.ratio(na, nb))
    if len(sa) > 1 and len(sb) > 1:
        score = max(score, min(_aligned(sa, sb)))
    if min(words_a, words_b) < SHORT_WORDS:
        score = min(score, 100.0 * Levenshtein.normalized_similarity(na.split(), nb.split()))
    return score


class NearDuplicateIndex:
    """An LSH index of stored texts; `storage_config` (datasketch's) may point it at Redis.

    Beside the LSH buckets it keeps every text's signature, so that the bucket collisions
    of texts far below the threshold (LSH lets through about one in six at a Jaccard of 1/3)
    are dropped before anyone loads and compares their texts.
    """

    def __init__(
        self,
        threshold: float = 0.5,
        storage_config: dict[str, Any] | None = None,
        min_jaccard: float | None = None,
    ):
        config = dict(storage_config or {"type": "dict"})
        basename = bytes(config.get("basename", b"zr-lsh")) + b":" + SCHEME
        if "basename" in config:
            config["basename"] = basename
        self.lsh = BandedLSH(threshold=threshold, num_perm=NUM_PERM, storage_config=config)
        # Copies score 0.75 and more (small edits, swapped sentences), about 0.65 with another
        # facility's name and town put in; the most alike texts by different writers about 0.6
        # (and are told apart by the confirmation).
        self.min_jaccard = threshold if min_jaccard is None else min_jaccard
        self.signatures = storage().ordered_storage(config, name=basename + b"_signatures")

    def add(self, key: str, text: str) -> None:
        """Index a text under `key` (adding the same key twice is ignored)."""
        if key in self.lsh:
            return
        sig = signature(text)
        self.lsh.insert(key, sig, check_duplication=False)
        self.signatures.insert(key.encode(), sig.hashvalues.tobytes())

    def candidates(self, text: str) -> list[str]:
        """Keys of stored texts that may be near-duplicates; cost independent of the count."""
        found = self.lsh.query(signature(text))
        keys = [str(k.decode() if isinstance(k, bytes) else k) for k in found]
        if not keys:
            return []
        stored = self.signatures.getmany(*(k.encode() for k in keys))
        return self.keep_close(text, keys, [values[0] if values else None for values in stored])

    def keep_close(self, text: str, keys: list[str], stored: list[bytes | None]) -> list[str]:
        """The keys whose stored signature is close enough to the text's to be compared.

        A key stored without a signature (indexed before signatures were kept) is kept.
        """
        sig = signature(text).hashvalues
        width = NUM_PERM * sig.itemsize
        whole = [values for values in stored if values is not None and len(values) == width]
        if whole and len(whole) == len(stored):
            # Every key has a whole signature: one numpy comparison for all of them.
            block = np.frombuffer(b"".join(whole), dtype=np.uint32).reshape(-1, NUM_PERM)
            same = np.count_nonzero(block == sig, axis=1).tolist()
            return [
                key
                for key, count in zip(keys, same, strict=True)
                if float(count) / NUM_PERM >= self.min_jaccard
            ]
        return self._keep_close_one_by_one(sig, keys, stored)

    def _keep_close_one_by_one(
        self, sig: npt.NDArray[np.uint32], keys: list[str], stored: list[bytes | None]
    ) -> list[str]:
        out = []
        for key, values in zip(keys, stored, strict=True):
            if values is not None:
                other = np.frombuffer(values, dtype=np.uint32)
                if float(np.count_nonzero(other == sig)) / NUM_PERM < self.min_jaccard:
                    continue
            out.append(key)
        return out

    def band_keys(self, text: str) -> list[bytes]:
        """The bucket key of the text's signature in every LSH band (for pipelined storage)."""
        values = signature(text).hashvalues
        return [self.lsh._H(values[start:end]) for start, end in self.lsh.hashranges]
