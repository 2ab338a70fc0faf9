"""A person who reviews, known by an HMAC of their normalised e-mail address."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlmodel import Field, SQLModel

from models._base import utcnow
from models.keys import EMAIL_SEAL, derive_key


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


@functools.lru_cache(maxsize=4)  # derived once per secret, not for every review posted
def _fernet(secret: bytes) -> MultiFernet:
    """Seal with the e-mail key (HKDF of the secret); still open addresses sealed before it."""
    key = derive_key(secret, EMAIL_SEAL)
    legacy = hashlib.sha256(b"zr-email-seal:" + secret).digest()
    return MultiFernet([Fernet(base64.urlsafe_b64encode(k)) for k in (key, legacy)])


def seal_email(address: str, secret: bytes) -> str:
    """Encrypt an address for storage while we must notify its owner."""
    return _fernet(secret).encrypt(address.strip().encode()).decode()


def open_email(sealed: str | None, secret: bytes) -> str | None:
    """Decrypt a sealed address; None if absent or not readable with this secret."""
    if not sealed:
        return None
    try:
        return _fernet(secret).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


class Reviewer(SQLModel, table=True):
    """A reviewer; the plain address is kept only while we must notify them."""

    id: int | None = Field(default=None, primary_key=True)
    email_hmac: str = Field(unique=True, index=True, max_length=64)
    email_for_notice: str | None = Field(default=None, max_length=600)  # sealed, see seal_email
    created_at: datetime = Field(default_factory=utcnow)
