"""What an operation needs of the running platform: the engine, the Celery app, settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from models.settings import Settings


@dataclass(frozen=True)
class Platform:
    """Handed to each operation that sends tasks after its commit."""

    engine: Engine
    celery: Any
    settings: Settings
