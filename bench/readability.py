"""Benchmark the readability check: texts per second, live-hint latency, model load time."""

from __future__ import annotations

import random
import statistics
import time

import psutil

from bench.texts import review_text

# Synthetic noisy texts so the benchmark also walks the slow paths (unknown words, floods).
_NOISY = [
    "omg da was echt suuuper!!! idk wa ge nog wilt lol",
    "ALLES WAS TOP BEDANKT AAN HEEL DE PLOEG!!!",
    "Nous sommes très contents de la crèche, le personnel est gentil.",
    "The staff were kind and the rooms were clean, we are grateful.",
    "de juffen zijn lief mr soms vergete ze de tas 😍😍😍",
]


def _corpus(n: int) -> list[str]:
    rng = random.Random(7)
    texts: list[str] = []
    for i in range(n):
        if i % 5 == 0:
            texts.append(rng.choice(_NOISY) + " " + review_text(rng.randint(10, 40), i))
        else:
            texts.append(review_text(rng.randint(20, 120), i))
    return texts


def run() -> list[tuple[str, float, str]]:
    """Return (name, value, unit) figures for the readability and language check."""
    start = time.perf_counter()
    from moderation.readability import ReadabilityPolicy, check_readability, warm_up, writing_hints

    policy = ReadabilityPolicy()
    warm_up(policy)
    load_s = time.perf_counter() - start
    rss_mb = psutil.Process().memory_info().rss / 2**20

    texts = _corpus(2000)
    # First pass: per-word caches (spelling, Zipf, syllables) are still empty.
    start = time.perf_counter()
    for text in texts[:200]:
        check_readability(text, policy)
    cold_per_s = 200 / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in texts:
        check_readability(text, policy)
    per_s = len(texts) / (time.perf_counter() - start)

    timings: list[float] = []
    for seed in range(200):
        text = review_text(300, 10_000 + seed)
        t0 = time.perf_counter()
        writing_hints(text, [])
        timings.append((time.perf_counter() - t0) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    return [
        ("readability_language_metrics_warm", per_s, "texts/s"),
        ("readability_language_metrics_cold", cold_per_s, "texts/s"),
        ("readability_hints_p95_300_words", p95, "ms"),
        ("readability_model_load", load_s, "s"),
        ("readability_rss_after_load", rss_mb, "MB"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:<60} {value:10.2f} {unit}")
