"""Times in mails are Belgian time, summer and winter."""

from __future__ import annotations

from datetime import UTC, datetime

from services.notices import local_time


def test_local_time_is_belgian_time() -> None:
    assert local_time(datetime(2026, 12, 3, 13, 5, tzinfo=UTC)) == "03/12/2026 14:05"  # CET
    assert local_time(datetime(2026, 7, 3, 13, 5, tzinfo=UTC)) == "03/07/2026 15:05"  # CEST
    assert local_time(datetime(2026, 7, 3, 13, 5)) == "03/07/2026 15:05"  # naive = UTC
