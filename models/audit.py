"""The append-only audit log of every state change and decision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlmodel import Field, SQLModel

from models._base import utcnow


class AuditEvent(SQLModel, table=True):
    """Who moved which submission from which state to which, when and why."""

    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=10, index=True)
    subject_id: int = Field(index=True)
    actor: str = Field(max_length=60)  # "account:12", "worker", "author", "system"
    from_state: str = Field(max_length=30)
    to_state: str = Field(max_length=30)
    reason_code: str | None = Field(default=None, max_length=40)
    note: str | None = None
    at: datetime = Field(default_factory=utcnow, index=True)


class AppendOnlyError(RuntimeError):
    """Raised on an attempt to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
def _no_update(*_args: Any) -> None:
    raise AppendOnlyError("audit events are append-only")


@event.listens_for(AuditEvent, "before_delete")
def _no_delete(*_args: Any) -> None:
    raise AppendOnlyError("audit events are append-only")
