"""Privacy redaction speed on 150-word texts, start-up time and resident memory."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.texts import review_text

STARTUP = (
    "import time, resource; t = time.perf_counter(); "
    "from moderation.privacy import find_personal_data, warm_up; warm_up(); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
)


def run() -> list[tuple[str, float, str]]:
    """Texts per second after warm-up (one core), plus start-up and RSS of a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True
    ).stdout.split()
    startup, rss = float(out[0]), float(out[1])
    from moderation.privacy import find_personal_data, redact, warm_up

    warm_up()
    texts = [review_text(150, i) for i in range(1000)]
    t0 = time.perf_counter()
    for text in texts:
        redact(text, find_personal_data(text, "De Rupsjes", "Gent"))
    per_s = len(texts) / (time.perf_counter() - t0)
    return [
        ("privacy_redact_150_words", per_s, "texts/s"),
        ("privacy_startup", startup, "s"),
        ("privacy_rss_after_startup", rss, "MB"),
    ]
