"""Invitation codes a facility hands out: a review made with one is marked as verified."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models._base import utcnow


class InvitationCode(SQLModel, table=True):
    """A one-time code for one facility; `used_at` is set when a confirmed review used it."""

    __tablename__ = "invitation_code"

    id: int | None = Field(default=None, primary_key=True)
    facility_id: int = Field(foreign_key="facility.id", index=True)
    code: str = Field(unique=True, index=True, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None
    review_id: int | None = None  # no foreign key: review already points here
