"""A facility's public reply to a published review."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Column, Integer
from sqlmodel import Field, SQLModel

from models._base import utcnow
from models.states import State

_VERSION = Column("version", Integer, nullable=False, server_default="1")


class Reply(SQLModel, table=True):
    """A reply; moderated like a review before it shows under the review."""

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", index=True)
    facility_id: int = Field(foreign_key="facility.id", index=True)
    account_id: int = Field(foreign_key="account.id")
    state: str = Field(default=State.SUBMITTED, index=True, max_length=30)
    text: str
    text_redacted: str | None = None
    form_key: str = Field(unique=True, max_length=64)
    content_hash: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = Field(default_factory=utcnow, index=True)
    state_changed_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None
    decided_at: datetime | None = None
    return_reason: str | None = None
    originals_purged: bool = False
    # Compare-and-set: every UPDATE of this row says `WHERE version = <the version read>`,
    # so of two concurrent changes the second fails (StaleDataError) instead of winning.
    version: int = Field(default=1, sa_column=_VERSION)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _VERSION}
    # The interface language the reply was written in: the facility's mails about it use it.
    language: str = Field(default="nl", max_length=2, sa_column_kwargs={"server_default": "nl"})
