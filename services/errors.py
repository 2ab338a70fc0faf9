"""What an operation raises when the world changed under the person acting."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from models import Reply, Review
from models.themes import N_

P = ParamSpec("P")
R = TypeVar("R")


class Conflict(Exception):
    """Someone else changed this review or reply first: nothing was changed.

    `message` is the Dutch sentence the person reads (a msgid: the family's pages translate it).
    """

    def __init__(self, message: str = "") -> None:
        self.message = message or N_(
            "Iemand anders heeft dit item net gewijzigd. Er werd niets bewaard: "
            "bekijk de nieuwe stand en probeer opnieuw."
        )
        super().__init__(self.message)


def atomic(operation: Callable[P, R]) -> Callable[P, R]:
    """Run an operation whose first argument is the session; a stale row becomes `Conflict`.

    Every UPDATE of a review or reply carries the version that was read; when a concurrent
    transaction changed the row first, nothing of this operation is kept.
    """

    @wraps(operation)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = args[0]
        assert isinstance(session, Session)
        try:
            return operation(*args, **kwargs)
        except StaleDataError:
            session.rollback()
            raise Conflict() from None

    return run


def expect_version(subject: Review | Reply, version: int | None) -> None:
    """Refuse a change made on a page that showed an older version of the item."""
    if version is not None and version != subject.version:
        raise Conflict(
            N_(
                "Dit item werd gewijzigd sinds je het opende. Er werd niets bewaard: "
                "bekijk de nieuwe versie en beslis opnieuw."
            )
        )
