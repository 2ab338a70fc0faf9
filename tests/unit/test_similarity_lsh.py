"""Our LSH index stores what datasketch's MinHashLSH stores, and imports no scipy."""

from __future__ import annotations

import pickle
from collections import defaultdict
from typing import Any

import numpy as np
import pytest

from moderation.reliability.lsh import BandedLSH, Signature, optimal_bands
from moderation.reliability.similarity import NUM_PERM, NearDuplicateIndex, signature
from tests.unit.fresh_process import run_fresh

datasketch = pytest.importorskip("datasketch")
from datasketch.lsh import _optimal_param  # noqa: E402

_TEXTS = [
    "De opvang is goed en de juf is heel lief voor ons kind.",
    "De opvang is goed en de juf is heel lief voor onze zoon.",
    "Een heel ander verhaal over de tuin, de kippen en de moestuin van het huis.",
    "Goede zorg, maar de bel wordt 's nachts pas na een half uur beantwoord.",
    "Goede zorg, maar de bel wordt 's nachts pas na 30 min beantwoord.",
]


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 64), (0.8, 64), (0.3, 32)])
def test_bands_are_datasketchs(threshold: float, num_perm: int) -> None:
    assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def _lean(text: str) -> Any:
    sig = signature(text)
    return datasketch.LeanMinHash(seed=sig.seed, hashvalues=sig.hashvalues, scheme=sig.scheme)


def test_in_memory_buckets_and_answers_are_datasketchs() -> None:
    ours = BandedLSH(threshold=0.5, num_perm=NUM_PERM)
    theirs = datasketch.MinHashLSH(threshold=0.5, num_perm=NUM_PERM)
    for n, text in enumerate(_TEXTS):
        ours.insert(f"k{n}", signature(text))
        theirs.insert(f"k{n}", _lean(text))
    assert [t._dict for t in ours.hashtables] == [t._dict for t in theirs.hashtables]
    assert ours.keys._dict == theirs.keys._dict
    for text in [*_TEXTS, "De opvang is goed en de juf is lief voor ons kind."]:
        assert sorted(ours.query(signature(text))) == sorted(theirs.query(_lean(text)))
    assert "k1" in ours
    assert "k9" not in ours


class _FakeRedis:
    """The few Redis commands the storage classes send, on a dict: enough to compare layouts."""

    def __init__(self, data: dict[bytes, Any]) -> None:
        self.data = data

    def hset(self, name: bytes, key: bytes, value: bytes) -> None:
        self.data.setdefault(name, {})[key] = value

    def hexists(self, name: bytes, key: bytes) -> bool:
        return key in self.data.get(name, {})

    def rpush(self, name: bytes, *values: bytes) -> None:
        self.data.setdefault(name, []).extend(values)

    def sadd(self, name: bytes, *values: bytes) -> None:
        self.data.setdefault(name, set()).update(values)

    def smembers(self, name: bytes) -> set[bytes]:
        return set(self.data.get(name, set()))


def _on_fake_redis(lsh: Any, data: dict[bytes, Any]) -> Any:
    for storage in [*lsh.hashtables, lsh.keys]:
        storage._redis = _FakeRedis(data)
    return lsh


def test_redis_keys_and_values_are_datasketchs() -> None:
    pytest.importorskip("redis")
    config = {"type": "redis", "basename": b"zr-lsh:test", "redis": {"host": "127.0.0.1"}}
    ours_data: dict[bytes, Any] = defaultdict(dict)
    theirs_data: dict[bytes, Any] = defaultdict(dict)
    ours = _on_fake_redis(BandedLSH(0.5, NUM_PERM, storage_config=config), ours_data)
    theirs = _on_fake_redis(
        datasketch.MinHashLSH(0.5, NUM_PERM, storage_config=config), theirs_data
    )
    for n, text in enumerate(_TEXTS):
        ours.insert(f"k{n}", signature(text))
        theirs.insert(f"k{n}", _lean(text))
    assert ours_data == theirs_data
    assert pickle.dumps("k0") in ours_data[b"zr-lsh:test_keys"]
    # Each reads what the other stored.
    _on_fake_redis(ours, theirs_data)
    assert sorted(ours.query(signature(_TEXTS[0]))) == ["k0", "k1"]
    assert "k3" in ours


def test_the_index_answers_without_importing_datasketch_or_scipy() -> None:
    code = (
        "import sys\n"
        "from moderation.reliability.similarity import NearDuplicateIndex\n"
        "index = NearDuplicateIndex()\n"
        "index.add('a', 'De opvang is goed en de juf is heel lief voor ons kind.')\n"
        "print(index.candidates('De opvang is goed en de juf is heel lief voor onze zoon.'))\n"
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))\n"
    )
    out = run_fresh(code).split("\n")
    assert out[:2] == ["['a']", "[]"]


def test_a_signature_of_the_wrong_length_is_refused() -> None:
    index = NearDuplicateIndex()
    short = Signature(seed=1, hashvalues=np.zeros(NUM_PERM // 2, dtype=np.uint32))
    with pytest.raises(ValueError, match="signature"):
        index.lsh.insert("x", short)


def test_answers_come_in_datasketchs_order() -> None:
    """The order decides which of several equal copies a finding names: it must not change."""
    ours = BandedLSH(threshold=0.5, num_perm=NUM_PERM)
    theirs = datasketch.MinHashLSH(threshold=0.5, num_perm=NUM_PERM)
    copies = [f"copy-{n}" for n in range(60)]
    for n, key in enumerate(copies):
        text = _TEXTS[0] if n % 3 else _TEXTS[0] + f" Nummer {n}."
        ours.insert(key, signature(text))
        theirs.insert(key, _lean(text))
    for text in _TEXTS[:2]:
        assert ours.query(signature(text)) == theirs.query(_lean(text))


def test_an_index_pickles_with_its_storage() -> None:
    """Also where datasketch's package was never imported (the storage module is our load)."""
    code = (
        "import pickle, sys\n"
        "from moderation.reliability.similarity import NearDuplicateIndex\n"
        "index = NearDuplicateIndex()\n"
        f"index.add('a', {_TEXTS[0]!r})\n"
        "copy = pickle.loads(pickle.dumps(index))\n"
        f"print(copy.candidates({_TEXTS[1]!r}), 'datasketch' in sys.modules)\n"
    )
    out = run_fresh(code)
    assert out.strip() == "['a'] False"
