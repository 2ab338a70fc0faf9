"""The outbox: a task written in the same transaction as the data it is about."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models._base import utcnow


class Outbox(SQLModel, table=True):
    """A pending task; `sent_at` is set once the broker accepted it."""

    id: int | None = Field(default=None, primary_key=True)
    task: str = Field(max_length=80)
    subject_kind: str = Field(max_length=10)
    subject_id: int
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = Field(default=None, index=True)
    attempts: int = 0
    due_at: datetime | None = None  # not to run before this (a mail after the undo window)
    #: When a task did the row's work (`settle`). A row sent twice (early, then by the sweeper
    #: when the first had not settled in time) is done once: the second task skips it.
    done_at: datetime | None = None
