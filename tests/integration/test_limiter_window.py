"""The limiter's one-trip window stats say what the stock fixed-window strategy says."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from limits import parse
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import FixedWindowRateLimiter

from tests.integration.test_hardening_web import post_review
from web.extensions import OneTripFixedWindow, limiter

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("hits", [0, 1, 3, 5, 7])
def test_the_window_stats_are_the_stock_strategys(redis_server: Any, hits: int) -> None:
    redis.Redis.from_url(redis_server.url).flushdb()
    storage = RedisStorage(redis_server.url)
    stock, ours = FixedWindowRateLimiter(storage), OneTripFixedWindow(storage)
    item = parse("5 per hour")
    for _ in range(hits):
        ours.hit(item, "family", "10.0.0.1")
    expected, got = (
        stock.get_window_stats(item, "family", "10.0.0.1"),
        ours.get_window_stats(item, "family", "10.0.0.1"),
    )
    assert got.remaining == expected.remaining == max(0, 5 - hits)
    assert abs(got.reset_time - expected.reset_time) < 2
    if hits:
        assert got.reset_time > expected.reset_time - 2 > 0  # an hour's window, not "now"


def test_other_storages_are_asked_as_before() -> None:
    storage = MemoryStorage()
    ours = OneTripFixedWindow(storage)
    item = parse("2 per minute")
    ours.hit(item, "x")
    assert ours.get_window_stats(item, "x").remaining == 1


def test_the_submit_headers_count_down(make_settings: Any, redis_server: Any, engine: Any) -> None:
    from web import create_app

    redis.Redis.from_url(redis_server.url).flushdb()
    app = create_app(make_settings(redis_server.url, submit_limit_per_ip="40 per hour"))
    answers = [
        post_review(app.test_client(), f"10.3.0.{i}", facility_id=1 + i, email="een@example.be")
        for i in range(3)
    ]
    assert isinstance(limiter.limiter, OneTripFixedWindow)
    assert [a.status_code for a in answers] == [302, 302, 302]
    # The headers speak of the limit checked last: the e-mail address's (5 per hour).
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["4", "3", "2"]
    assert all(a.headers["X-RateLimit-Limit"] == "5" for a in answers)
    assert all(3500 < int(a.headers["Retry-After"]) <= 3600 for a in answers)
