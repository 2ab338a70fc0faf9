"""Families under load: gunicorn, locust and a real Celery worker; every review reaches the queue.

The speed figures come from `python -m bench load`; this test only counts, never times.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.load import measure

pytestmark = pytest.mark.integration


def test_every_review_sent_under_load_reaches_the_queue_exactly_once(settings: Any) -> None:
    m = measure(settings.database_url, users=8, seconds=6, web_workers=2, facilities=4)
    print("\nload:", {k: round(v, 1) for k, v in m.items()})
    assert m["accepted"] >= 8  # the load really sent reviews
    assert m["submit_failures"] == 0
    assert m["confirmed"] == m["stored"] >= m["accepted"]
    assert m["lost"] == 0
    assert m["duplicated"] == 0


def test_paced_families_are_answered_and_counted(settings: Any) -> None:
    m = measure(
        settings.database_url,
        users=8,
        seconds=6,
        web_workers=2,
        facilities=4,
        offered_per_s=16,  # two per second and family
        only_submit=True,
    )
    print("\nload at 16/s offered:", {k: round(v, 1) for k, v in m.items()})
    assert m["accepted"] >= 8  # paced, the families still sent reviews
    assert m["submit_failures"] == 0
