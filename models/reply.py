"""A facility's public reply to a published review."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models._base import utcnow
from models.states import State


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
