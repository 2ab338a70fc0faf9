"""One key per purpose, derived from the server secret with HKDF (RFC 5869)."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# The purposes; a new purpose gets a new name, never a reused one.
SESSIONS = "flask-sessions-and-csrf"
TOKENS = "account-tokens"
EMAIL_SEAL = "reviewer-email-seal"
TOTP_SEAL = "totp-secret-seal"
RATE_LIMITS = "rate-limit-keys"


def derive_key(secret: bytes, purpose: str, length: int = 32) -> bytes:
    """The key for `purpose`: knowing one purpose's key tells nothing about another's."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=length,
        salt=b"zorgreviews-keys-v1",
        info=purpose.encode(),
    ).derive(secret)
