"""Accounts of moderators, facility users and admins."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models._base import utcnow


class Account(SQLModel, table=True):
    """A login; `password_hash` is argon2, `totp_secret` set for staff with a second factor."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    display_name: str = Field(max_length=100)
    password_hash: str = Field(max_length=200)
    role: str = Field(max_length=20, index=True)
    totp_secret: str | None = Field(default=None, max_length=64)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class AccountFacility(SQLModel, table=True):
    """Binds a facility account to the facilities it may act for."""

    account_id: int = Field(foreign_key="account.id", primary_key=True)
    facility_id: int = Field(foreign_key="facility.id", primary_key=True)
