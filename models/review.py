"""A review of a facility: eight theme answers, an optional story, and its state."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import Column, Integer
from sqlmodel import Field, SQLModel

from models._base import utcnow
from models.states import State

_VERSION = Column("version", Integer, nullable=False, server_default="1")


class Review(SQLModel, table=True):
    """A family's review; `story` and answer texts are originals, visible to moderators only."""

    id: int | None = Field(default=None, primary_key=True)
    facility_id: int = Field(foreign_key="facility.id", index=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    state: str = Field(default=State.UNCONFIRMED, index=True, max_length=30)
    story: str = Field(default="")
    story_redacted: str | None = None
    experience_date: date | None = None
    form_key: str = Field(unique=True, max_length=64)
    author_token: str = Field(unique=True, index=True, max_length=64)
    content_hash: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = Field(default=None, index=True)
    state_changed_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None
    decided_at: datetime | None = None
    return_reason: str | None = None
    originals_purged: bool = False
    # Compare-and-set: every UPDATE of this row says `WHERE version = <the version read>`,
    # so of two concurrent changes the second fails (StaleDataError) instead of winning.
    version: int = Field(default=1, sa_column=_VERSION)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _VERSION}
    invitation_code_id: int | None = Field(default=None, foreign_key="invitation_code.id")
    verified: bool = False
    # The interface language the family wrote in (nl, fr, en): their mails come in it.
    language: str = Field(default="nl", max_length=2, sa_column_kwargs={"server_default": "nl"})


class ReviewAnswer(SQLModel, table=True):
    """One theme's answer: a 1-5 score and an optional text."""

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", index=True)
    theme: int = Field(ge=1, le=8)
    score: int = Field(ge=1, le=5)
    text: str = Field(default="")
    text_redacted: str | None = None
