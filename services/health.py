"""Is the platform doing its work? Heartbeats of the beat and worker, stuck and waiting work."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import redis
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Outbox, Reply, Review, State
from models._base import utcnow
from models.settings import Settings

SWEEP_EVERY_SECONDS = 60


def _heartbeat_key(settings: Settings) -> str:
    space = hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]
    return f"zr-heartbeat:{space}:sweep"


def beat(settings: Settings) -> None:
    """Note that a periodic sweep ran (the beat scheduled it, a worker ran it)."""
    client = redis.Redis.from_url(settings.redis_url, socket_timeout=1, socket_connect_timeout=1)
    client.set(_heartbeat_key(settings), str(time.time()), ex=24 * 3600)


@dataclass(frozen=True)
class Health:
    """What an operator (or a monitor) needs to know; no personal data."""

    database: bool
    broker: bool
    last_sweep_seconds: float | None  # None: never seen
    stuck: int  # reviews and replies in submitted/checking for too long
    unsent_outbox: int  # tasks that are due but were not handed to the broker

    @property
    def ok(self) -> bool:
        """Everything is running and nothing waits longer than it should."""
        fresh = self.last_sweep_seconds is not None and self.last_sweep_seconds < 5 * 60
        return self.database and self.broker and fresh and self.stuck == 0

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "ok": self.ok,
            "database": self.database,
            "broker": self.broker,
            "last_sweep_seconds": self.last_sweep_seconds,
            "stuck": self.stuck,
            "unsent_outbox": self.unsent_outbox,
        }


def _count_stuck(session: Session, settings: Settings) -> int:
    limit = utcnow() - timedelta(minutes=settings.stuck_after_minutes)
    total = 0
    for model in (Review, Reply):
        total += session.exec(
            select(func.count())
            .select_from(model)
            .where(
                col(model.state).in_([State.SUBMITTED, State.CHECKING]),
                col(model.state_changed_at) < limit,
            )
        ).one()
    return total


def check(engine: Engine, settings: Settings) -> Health:
    """Ask the database and the broker; never raises."""
    database, stuck, unsent = True, 0, 0
    try:
        with Session(engine) as session:
            stuck = _count_stuck(session, settings)
            unsent = session.exec(
                select(func.count())
                .select_from(Outbox)
                .where(
                    col(Outbox.sent_at).is_(None),
                    col(Outbox.due_at).is_(None) | (col(Outbox.due_at) <= utcnow()),
                )
            ).one()
    except Exception:  # noqa: BLE001  (the answer is "the database is down")
        database = False
    broker, last = True, None
    try:
        client = redis.Redis.from_url(
            settings.redis_url, socket_timeout=1, socket_connect_timeout=1
        )
        raw = client.get(_heartbeat_key(settings))
        if raw is not None:
            last = max(0.0, time.time() - float(raw))
    except redis.RedisError:
        broker = False
    return Health(database, broker, last, stuck, unsent)
