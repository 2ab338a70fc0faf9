"""HTTP figures on loopback: hints endpoint, moderator queue and review screen, facility page.

The database holds BENCH_WEB_REVIEWS reviews (default 100,000); one facility has 1,000.
SQLite in a temp folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... uses (and
empties) that PostgreSQL database instead.
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import requests
from sqlalchemy import insert
from sqlmodel import Session
from werkzeug.serving import make_server

from bench.texts import review_text
from models import (
    Account,
    Facility,
    ModerationReport,
    Review,
    ReviewAnswer,
    Reviewer,
    Role,
    State,
)
from models.db import make_engine, upgrade
from models.settings import Settings
from models.themes import seed_theme_questions
from workers.redis_server import RedisServer, free_port

PASSWORD = "bench-password-123"  # noqa: S105  (a throw-away account in a temp database)


def _fill(engine: Any, total: int) -> None:
    now = datetime.now(UTC)
    with Session(engine) as session:
        seed_theme_questions(session)
        for i in range(100):
            session.add(
                Facility(
                    name=f"Voorziening {i}",
                    sector="kinderopvang",
                    type="groepsopvang",
                    municipality="Gent",
                )
            )
        session.commit()
    batch = 5000
    with engine.begin() as conn:
        for start in range(0, total, batch):
            ids = range(start + 1, min(start + batch, total) + 1)
            conn.execute(
                insert(Reviewer),
                [{"id": i, "email_hmac": f"{i:064x}", "created_at": now} for i in ids],
            )
            rows = []
            for i in ids:
                facility = 1 if i <= 1000 else 2 + i % 99
                state = State.AWAITING_MODERATION if i % 50 == 0 else State.PUBLISHED
                when = now - timedelta(minutes=i)
                rows.append(
                    {
                        "id": i,
                        "facility_id": facility,
                        "reviewer_id": i,
                        "state": state,
                        "story": review_text(60, i),
                        "story_redacted": review_text(60, i),
                        "form_key": f"k{i}",
                        "author_token": f"t{i}",
                        "content_hash": "",
                        "created_at": when,
                        "submitted_at": when,
                        "state_changed_at": when,
                        "published_at": when,
                        "originals_purged": False,
                    }
                )
            conn.execute(insert(Review), rows)
            conn.execute(
                insert(ReviewAnswer),
                [
                    {"review_id": i, "theme": t, "score": 1 + (i + t) % 5, "text": ""}
                    for i in ids
                    for t in (1, 2, 4)
                ],
            )
            conn.execute(
                insert(ModerationReport),
                [
                    {
                        "subject_kind": "review",
                        "subject_id": i,
                        "content_hash": "",
                        "route": "review",
                        "flags": "privacy",
                        "language": "nl",
                        "metrics_json": "{}",
                        "created_at": now,
                    }
                    for i in ids
                    if i % 50 == 0
                ],
            )


def _p95(session: requests.Session, method: str, url: str, n: int, **kw: Any) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        response = session.request(method, url, timeout=30, **kw)
        times.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
    return statistics.quantiles(times, n=20)[-1]


def run() -> list[tuple[str, float, str]]:
    """Build a database, serve the app in a thread on loopback, and time requests."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    total = int(os.environ.get("BENCH_WEB_REVIEWS", "100000"))
    tmp = Path(tempfile.mkdtemp())
    redis = RedisServer().start()
    try:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.db'}"
        settings = Settings(
            secret_key=secrets.token_urlsafe(32),  # type: ignore[arg-type]
            email_hmac_key=secrets.token_urlsafe(32),  # type: ignore[arg-type]
            database_url=url,
            redis_url=redis.url,
            mail_dir=tmp / "mail",
            secure_cookies=False,
        )
        engine = make_engine(settings.database_url)
        if not url.startswith("sqlite"):  # a scratch PostgreSQL database: start empty
            from sqlalchemy import text

            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(engine)
        _fill(engine, total)
        if engine.dialect.name == "postgresql":  # as autovacuum would: planner statistics
            from sqlalchemy import text as sql

            with engine.begin() as conn:
                conn.execute(sql("ANALYZE"))
        from web import create_app
        from web.security import hash_password

        secret = pyotp.random_base32()
        with Session(engine) as session:
            session.add(
                Account(
                    email="mod@bench.be",
                    display_name="m",
                    role=Role.SENIOR,
                    password_hash=hash_password(PASSWORD),
                    totp_secret=secret,
                )
            )
            session.commit()
        app = create_app(settings)
        port = free_port()
        server = make_server("127.0.0.1", port, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{port}"
        http = requests.Session()
        hint_text = review_text(300, 1)
        hints = _p95(http, "POST", base + "/api/hints", 60, json={"text": hint_text})
        facility = _p95(http, "GET", base + "/voorziening/1", 60)
        page = http.get(base + "/aanmelden").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert token
        http.post(
            base + "/aanmelden",
            data={
                "csrf_token": token.group(1),
                "email": "mod@bench.be",
                "password": PASSWORD,
                "code": pyotp.TOTP(secret).now(),
            },
        )
        queue = _p95(http, "GET", base + "/redactie/", 40)
        item = _p95(http, "GET", base + "/redactie/review/50", 60)
        server.shutdown()
        return [
            ("web_hints_p95_300_words", hints, "ms"),
            ("web_facility_page_p95_1000_reviews", facility, "ms"),
            (f"web_queue_p95_{total}_reviews_{engine.dialect.name}", queue, "ms"),
            (f"web_review_screen_p95_{total}_reviews_{engine.dialect.name}", item, "ms"),
        ]
    finally:
        redis.stop()
