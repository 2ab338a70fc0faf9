"""One database session per request, kept in `g` and closed on teardown."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlmodel import Session
from werkzeug.routing import IntegerConverter

from models.settings import Settings
from moderation.policy import Policy
from workers.celery_app import ZrCelery, create_celery
from workers.runtime import Runtime

MAX_ID = 2**31 - 1  # ids are `integer` columns; PostgreSQL refuses to compare with more


class IdConverter(IntegerConverter):
    """`<int:...>` in a URL is an id: beyond the columns' range it is simply not found (404)."""

    def __init__(self, url_map: Any, fixed_digits: int = 0, max: int = MAX_ID) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, max=max)


def init_app(app: Flask, settings: Settings) -> None:
    """Attach the runtime (engine) and a Celery app used only to enqueue."""
    # Before any blueprint adds its rules: they are compiled with the converter in place.
    app.url_map.converters["int"] = IdConverter
    app.extensions["zr_settings"] = settings
    app.extensions["zr_runtime"] = Runtime(settings)
    app.extensions["zr_celery"] = create_celery(settings)
    app.teardown_appcontext(_close)


def settings() -> Settings:
    """The settings of the current app."""
    value: Settings = current_app.extensions["zr_settings"]
    return value


def policy() -> Policy:
    """The moderation policy this process loaded (the same one the workers use)."""
    value: Policy = current_app.extensions["zr_runtime"].policy
    return value


def celery() -> ZrCelery:
    """The Celery app used to enqueue tasks."""
    value: ZrCelery = current_app.extensions["zr_celery"]
    return value


def engine() -> Any:
    """The database engine of the current app."""
    return current_app.extensions["zr_runtime"].engine


def session() -> Session:
    """The request's session."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    value: Session = g.db_session
    return value


def _close(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
