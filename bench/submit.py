"""The submit path in one process: ms per review post through the Flask test client.

What one request costs the web process (form, rate limits, database, outbox), without HTTP
and without load: a real Redis, SQLite in a temp folder (or BENCH_DATABASE_URL), no worker.
BENCH_SUBMIT_POSTS posts (default 300) per round, three rounds; the median of the medians.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.load import seed
from bench.texts import distinct_review
from models.settings import Settings
from workers.redis_server import RedisServer

FACILITIES = 20
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _form(i: int, token: str) -> dict[str, str]:
    """A filled review form like the load bench's families send, with its own key and address."""
    key = uuid.uuid4().hex
    data = {
        "csrf_token": token,
        "form_key": key,
        "email": f"ouder.{key[:12]}@example.be",
        "story": distinct_review(80, i * 7919),
    }
    for theme in range(1, 9):
        data[f"score_{theme}"] = str(1 + (theme + i) % 5)
        data[f"text_{theme}"] = distinct_review(12, i * 7919 + theme)
    return data


def run() -> list[tuple[str, float, str]]:
    """Post reviews one after the other and time each post."""
    posts = int(os.environ.get("BENCH_SUBMIT_POSTS", "300"))
    logging.getLogger("services").setLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="zr-submit-"))
    redis = RedisServer().start()
    try:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'submit.db'}"
        engine = seed(url, FACILITIES)
        settings = Settings(
            secret_key=secrets.token_urlsafe(32),  # type: ignore[arg-type]
            email_hmac_key=secrets.token_urlsafe(32),  # type: ignore[arg-type]
            database_url=url,
            redis_url=redis.url,
            mail_dir=tmp / "mail",
            secure_cookies=False,
            submit_limit_per_ip="1000000 per hour",  # every post comes from one address
        )
        from web import create_app

        client = create_app(settings).test_client()
        match = TOKEN.search(client.get("/voorziening/1/waardering").text)
        assert match, "no CSRF token on the form"

        def post(i: int) -> float:
            data = _form(i, match.group(1))
            t0 = time.perf_counter()
            answer = client.post(f"/voorziening/{1 + i % FACILITIES}/waardering", data=data)
            elapsed = time.perf_counter() - t0
            assert answer.status_code == 302, answer.status_code
            return elapsed * 1000

        for i in range(30):  # warm up: connections, catalogues, compiled statements
            post(i)
        medians = [
            statistics.median(post(100_000 * r + i) for i in range(posts)) for r in range(1, 4)
        ]
        engine.dispose()
        return [(f"submit_in_process_{engine.dialect.name}", statistics.median(medians), "ms")]
    finally:
        redis.stop()
        shutil.rmtree(tmp, ignore_errors=True)
