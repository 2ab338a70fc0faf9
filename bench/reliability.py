"""Near-duplicate check latency with 100,000 and 1,000,000 stored reviews; text checks speed."""

from __future__ import annotations

import os
import time

import numpy as np

from bench.texts import review_text
from moderation.reliability import NearDuplicateIndex
from moderation.reliability.lsh import Signature
from moderation.reliability.similarity import NUM_PERM, signature, similarity
from moderation.reliability.text_rules import check_text


def _fill(index: NearDuplicateIndex, count: int, rng: np.random.Generator) -> None:
    """Insert `count` random signatures: the LSH sees the same load as from real texts."""
    template = signature("sjabloon")
    for n in range(count):
        values = rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint32)
        lean = Signature(seed=template.seed, hashvalues=values, scheme=template.scheme)
        index.lsh.insert(f"r{n}", lean, check_duplication=False)


def _check_ms(index: NearDuplicateIndex, texts: list[str], stored: dict[str, str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        for key in index.candidates(text):
            similarity(text, stored.get(key, ""))
    return (time.perf_counter() - t0) * 1000 / len(texts)


def run() -> list[tuple[str, float, str]]:
    """Milliseconds per near-duplicate check at two index sizes, and text checks per second."""
    rng = np.random.default_rng(7)
    sizes = [100_000, int(os.environ.get("BENCH_LSH_LARGE", "1000000"))]
    vocab = [review_text(1, i).split()[0].lower() + str(i % 97) for i in range(3000)]
    texts = [" ".join(rng.choice(vocab, size=150)) for _ in range(300)]  # distinct reviews
    figures: list[tuple[str, float, str]] = []
    index = NearDuplicateIndex()
    stored: dict[str, str] = {}
    for i, text in enumerate(texts[:100]):  # a third of the queries have a stored original
        index.add(f"t{i}", text + " Groetjes.")
        stored[f"t{i}"] = text + " Groetjes."
    filled = 0
    for size in sizes:
        _fill(index, size - filled, rng)
        filled = size
        figures.append(
            (f"near_duplicate_check_{size}_stored", _check_ms(index, texts, stored), "ms")
        )
    reviews = [review_text(150, i) for i in range(300)]
    t0 = time.perf_counter()
    for text in reviews:
        check_text(text, 2.0)
    figures.append(
        ("reliability_text_checks_150_words", len(texts) / (time.perf_counter() - t0), "texts/s")
    )
    return figures
