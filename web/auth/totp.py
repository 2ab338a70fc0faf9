"""TOTP as a second factor: secrets sealed at rest, each code (and every earlier one) used once."""

from __future__ import annotations

import base64
import binascii
import time

import pyotp
import redis
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Account
from models.keys import TOTP_SEAL, derive_key

SEALED_PREFIX = "s1:"
STEP_SECONDS = 30
# Redis keeps the last used step a little longer than a code can be valid.
LAST_STEP_TTL = 10 * STEP_SECONDS

# Atomic compare-and-set: accept `step` only if it is later than the last one used.
_USE_STEP = """
local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
"""


def _cipher(secret: bytes) -> AESSIV:
    return AESSIV(derive_key(secret, TOTP_SEAL, length=64))


def seal_totp_secret(totp_secret: str, secret: bytes) -> str:
    """The value to store in `Account.totp_secret` (fits its 64 characters for 160-bit secrets).

    AES-SIV is deterministic: it needs no nonce, so a 20-byte secret seals to 36 bytes.
    """
    raw = base64.b32decode(_padded(totp_secret.upper()))
    sealed = _cipher(secret).encrypt(raw, [b"totp"])
    value = SEALED_PREFIX + base64.urlsafe_b64encode(sealed).decode().rstrip("=")
    if len(value) > 64:
        raise ValueError("TOTP secret too long to seal into its column")
    return value


def open_totp_secret(stored: str | None, secret: bytes) -> str | None:
    """The base32 TOTP secret from the column: sealed values are opened, legacy plain ones kept."""
    if not stored:
        return None
    if not stored.startswith(SEALED_PREFIX):
        return stored
    body = stored[len(SEALED_PREFIX) :]
    try:
        raw = _cipher(secret).decrypt(base64.urlsafe_b64decode(_padded(body, 4)), [b"totp"])
    except (InvalidTag, binascii.Error, ValueError):
        return None
    return base64.b32encode(raw).decode().rstrip("=")


def is_sealed(stored: str | None) -> bool:
    """Whether the column holds a sealed value."""
    return bool(stored) and str(stored).startswith(SEALED_PREFIX)


def seal_plain_secrets(engine: Engine, secret: bytes) -> int:
    """Seal every TOTP secret still stored in plain text; returns how many."""
    sealed = 0
    with Session(engine) as session:
        for account in session.exec(select(Account).where(col(Account.totp_secret).is_not(None))):
            if account.totp_secret and not is_sealed(account.totp_secret):
                account.totp_secret = seal_totp_secret(account.totp_secret, secret)
                session.add(account)
                sealed += 1
        session.commit()
    return sealed


def _padded(text: str, block: int = 8) -> str:
    return text + "=" * (-len(text) % block)


def matching_step(totp_secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code is `code`: the current one or the previous one, else None."""
    code = code.replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(totp_secret)
    moment = time.time() if at is None else at
    current = int(moment) // STEP_SECONDS
    for step in (current, current - 1):
        if pyotp.utils.strings_equal(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def use_step(client: redis.Redis, key: str, step: int) -> bool:
    """Record `step` as used for this account; False if it (or a later one) was used before."""
    result = client.eval(_USE_STEP, 1, key, str(step), str(LAST_STEP_TTL))
    return bool(result)
