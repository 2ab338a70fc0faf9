"""The whole pipeline (privacy + reliability + readability) on 150-word reviews, one core."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from bench.texts import distinct_review
from moderation import InMemoryHistory, Submission, moderate


def run() -> list[tuple[str, float, str]]:
    """Reviews per second through `moderate()` after warm-up, with a growing history."""
    history = InMemoryHistory()
    start_day = datetime(2025, 1, 1)
    subs = [
        Submission(
            id=f"b{i}",
            kind="review",
            facility_id=f"f{i % 40}",
            facility_name="De Rupsjes",
            sector="kinderopvang",
            municipality="Gent",
            reviewer_id=f"u{i}",
            submitted_at=start_day + timedelta(hours=i),
            text=distinct_review(150, i),
            ratings={str(t): 1 + (i + t) % 5 for t in range(1, 9)},
        )
        for i in range(600)
    ]
    for sub in subs[:50]:  # warm-up: models and lexicons load once per process
        moderate(sub, history)
    t0 = time.perf_counter()
    for sub in subs[50:]:
        report = moderate(sub, history)
        history.remember(sub, report.flags)
    elapsed = time.perf_counter() - t0
    return [("pipeline_reviews_per_s", (len(subs) - 50) / elapsed, "reviews/s")]
