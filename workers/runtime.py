"""Per-process resources of a worker or web process: settings, engine, near-duplicate index."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import unquote, urlparse

from sqlalchemy.engine import Engine

from models.db import make_engine
from models.settings import Settings
from moderation.policy import Policy, load_policy


@dataclass
class Runtime:
    """Built lazily once per process so that forked workers open their own connections."""

    settings: Settings
    #: False in the workers: every write of theirs can be redone (see `make_engine`).
    durable_commits: bool = True

    @cached_property
    def engine(self) -> Engine:
        """The database engine."""
        return make_engine(self.settings.database_url, self.durable_commits)

    @cached_property
    def policy(self) -> Policy:
        """The moderation policy, read once per process (ZR_POLICY_FILE or the shipped one)."""
        path = self.settings.policy_file
        return load_policy(path.read_text(encoding="utf-8") if path else None)

    @cached_property
    def duplicate_index(self) -> Any:
        """The near-duplicate LSH index, stored in Redis so every worker shares it."""
        from moderation import reliability

        index_class = getattr(reliability, "NearDuplicateIndex", None)
        if index_class is None:
            return None
        url = urlparse(self.settings.redis_url)
        db = int((url.path or "/0").lstrip("/") or 0)
        config = {
            "type": "redis",
            # One index per database, so that two platforms (or test runs) sharing a Redis
            # never see each other's reviews.
            "basename": b"zr-lsh:"
            + hashlib.sha256(self.settings.database_url.encode()).hexdigest()[:12].encode(),
            "redis": {
                "host": url.hostname or "127.0.0.1",
                "port": url.port or 6379,
                "db": db,
                "password": unquote(url.password) if url.password else None,
            },
        }
        return index_class(storage_config=config)
