"""A MinHash LSH index that stores exactly as datasketch's MinHashLSH does, without scipy.

`import datasketch` runs the package's `__init__`, which imports every sketch it has and
through them scipy (its LSH picks the bands with `scipy.integrate.quad`): ~0.6 s and ~80 MB
before the first answer, for an integral of a polynomial. This index keeps datasketch's
layout: the same bands (b, r) for a threshold, the same bucket keys (the band's hash values,
byte-swapped), keys pickled in Redis, and the same storage classes (datasketch's own
`storage.py`, loaded as a module of its own), so an index stored in Redis by either one is
read by the other.
"""

from __future__ import annotations

import functools
import importlib.util
import pickle
import struct
import sys
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

# Gauss-Legendre with this many points integrates a polynomial of degree < 2 * 48 exactly: the
# probabilities below have degree b * r <= num_perm.
_QUADRATURE_POINTS = 48


@dataclass(frozen=True, eq=False)
class Signature:
    """A MinHash signature: its hash values and how they were made (datasketch's LeanMinHash)."""

    seed: int
    hashvalues: npt.NDArray[np.uint32]
    scheme: str = "affine32"

    def __len__(self) -> int:
        return len(self.hashvalues)


@functools.cache
def _quadrature() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    nodes, weights = np.polynomial.legendre.leggauss(_QUADRATURE_POINTS)
    return nodes, weights


def _integrals(
    rows: npt.NDArray[np.float64], bands: npt.NDArray[np.float64], low: float, high: float
) -> npt.NDArray[np.float64]:
    """Integral over [low, high] of 1 - (1 - s**r)**b, for every (b, r) pair at once."""
    nodes, weights = _quadrature()
    half = (high - low) / 2.0
    s = half * nodes + (high + low) / 2.0
    collide = 1.0 - (1.0 - s[None, :] ** rows[:, None]) ** bands[:, None]
    return np.asarray(half * (collide @ weights), dtype=np.float64)


@functools.lru_cache(maxsize=16)
def optimal_bands(
    threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    """The (bands, rows) that minimise the weighted false positive and negative probability.

    datasketch's `_optimal_param` (the same pairs, in the same order, the first best one
    wins), with an exact quadrature in place of scipy's adaptive one.
    """
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([b for b, _ in pairs], dtype=np.float64)
    rows = np.array([r for _, r in pairs], dtype=np.float64)
    false_positive = _integrals(rows, bands, 0.0, threshold)
    false_negative = (1.0 - threshold) - _integrals(rows, bands, threshold, 1.0)
    error = false_positive * weights[0] + false_negative * weights[1]
    return pairs[int(np.argmin(error))]


@functools.cache
def storage() -> ModuleType:
    """datasketch's storage module (dict and Redis containers), without datasketch's `__init__`.

    The module imports only the standard library (and redis when asked for Redis storage).
    """
    loaded = sys.modules.get("datasketch.storage")
    if loaded is not None:
        return loaded
    package = importlib.util.find_spec("datasketch")
    if package is None or package.origin is None:
        raise ImportError("datasketch is not installed")
    path = Path(package.origin).with_name("storage.py")
    spec = importlib.util.spec_from_file_location(
        "moderation.reliability._datasketch_storage", path
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # so that its storage objects pickle and unpickle
    spec.loader.exec_module(module)
    return module


class BandedLSH:
    """MinHash LSH (datasketch's MinHashLSH layout): a key per band bucket, and a key's buckets.

    `hashtables`, `keys`, `hashranges`, `b`, `r` and `_H` are named as in datasketch, so code
    that pipelines the Redis commands itself (workers/db_history.py) works with either.
    """

    def __init__(
        self,
        threshold: float = 0.9,
        num_perm: int = 128,
        storage_config: dict[str, Any] | None = None,
        params: tuple[int, int] | None = None,
    ) -> None:
        config = storage_config or {"type": "dict"}
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be in [0.0, 1.0]")
        self.h = num_perm
        self.b, self.r = params if params is not None else optimal_bands(threshold, num_perm)
        if self.b * self.r > num_perm or self.b < 2:
            raise ValueError(f"bands {self.b} x rows {self.r} do not fit {num_perm} values")
        self.prepickle = config["type"] == "redis"
        store = storage()
        basename = bytes(config.get("basename", store._random_name(11)))
        self.hashtables: list[Any] = [
            store.unordered_storage(config, name=basename + b"_bucket_" + struct.pack(">H", i))
            for i in range(self.b)
        ]
        self.hashranges = [(i * self.r, (i + 1) * self.r) for i in range(self.b)]
        self.keys: Any = store.ordered_storage(config, name=basename + b"_keys")

    def _H(self, values: npt.NDArray[Any]) -> bytes:  # noqa: N802 (datasketch's name)
        return bytes(values.byteswap().data)

    def _stored_key(self, key: Hashable) -> Hashable:
        return pickle.dumps(key) if self.prepickle else key

    def insert(self, key: Hashable, minhash: Signature, check_duplication: bool = True) -> None:
        """Index `key` under every band of `minhash`."""
        if len(minhash) != self.h:
            raise ValueError(f"expecting a signature of {self.h} values, got {len(minhash)}")
        stored = self._stored_key(key)
        if check_duplication and stored in self.keys:
            raise ValueError("The given key already exists")
        bands = [self._H(minhash.hashvalues[start:end]) for start, end in self.hashranges]
        self.keys.insert(stored, *bands)
        for band, table in zip(bands, self.hashtables, strict=True):
            table.insert(band, stored)

    def query(self, minhash: Signature) -> list[Hashable]:
        """The keys that share at least one band with `minhash`."""
        if len(minhash) != self.h:
            raise ValueError(f"expecting a signature of {self.h} values, got {len(minhash)}")
        # One key at a time, as datasketch adds them: `set.update` may lay out the set's table
        # otherwise, and the order of the answer decides which of two equal copies is named.
        found: set[Any] = set()
        for (start, end), table in zip(self.hashranges, self.hashtables, strict=True):
            for key in table.get(self._H(minhash.hashvalues[start:end])):
                found.add(key)
        if self.prepickle:
            # Keys we pickled ourselves, in our own Redis database.
            return [pickle.loads(k) for k in found]  # noqa: S301
        return list(found)

    def __contains__(self, key: Hashable) -> bool:
        return bool(self._stored_key(key) in self.keys)
