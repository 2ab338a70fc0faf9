"""A person who reviews, known by an HMAC of their normalised e-mail address."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from sqlmodel import Field, SQLModel

from models._base import utcnow


def normalise_email(address: str) -> str:
    """Lowercase and trim; drop +tags; drop dots in Gmail local parts."""
    address = address.strip().lower()
    local, _, domain = address.rpartition("@")
    if not local:
        return address
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def email_key(address: str, secret: bytes) -> str:
    """Return the HMAC-SHA256 of the normalised address: the reviewer's identity."""
    return hmac.new(secret, normalise_email(address).encode(), hashlib.sha256).hexdigest()


class Reviewer(SQLModel, table=True):
    """A reviewer; the plain address is kept only while we must notify them."""

    id: int | None = Field(default=None, primary_key=True)
    email_hmac: str = Field(unique=True, index=True, max_length=64)
    email_for_notice: str | None = Field(default=None, max_length=320)
    created_at: datetime = Field(default_factory=utcnow)
