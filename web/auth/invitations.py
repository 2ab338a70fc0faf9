"""Signed account links: one-time invitations for facility accounts and password resets.

Both are signed with the token key (HKDF of the secret, its own salt per kind); invitations
signed before that key existed still read until they expire.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

from models.keys import TOKENS, derive_key
from web import db

MAX_AGE_DAYS = 7
RESET_SALT = "password-reset"


def _serializer(salt: str, legacy: bool = False) -> URLSafeTimedSerializer:
    secret = db.settings().secret_key.get_secret_value().encode()
    keys = [derive_key(secret, TOKENS)]
    if legacy:
        keys.insert(0, secret)  # verify only: itsdangerous signs with the last key
    return URLSafeTimedSerializer(keys, salt=salt)


def make_invitation(facility_id: int, email: str) -> str:
    """A token naming the facility and the address the account will have."""
    return _serializer("invite").dumps({"f": facility_id, "e": email})


def read_invitation(token: str) -> tuple[int, str] | None:
    """The (facility id, e-mail) of a valid, unexpired token; None otherwise."""
    try:
        data = _serializer("invite", legacy=True).loads(token, max_age=MAX_AGE_DAYS * 86400)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), int):
        return None
    return data["f"], str(data.get("e", ""))


def make_reset_token(account_id: int, fingerprint: str) -> str:
    """A reset token for an account; it stops working once the password changes."""
    return _serializer(RESET_SALT).dumps({"a": account_id, "p": fingerprint})


def read_reset_token(token: str, max_age_seconds: int) -> tuple[int, str] | None:
    """The (account id, password fingerprint) of a valid, unexpired reset token."""
    try:
        data = _serializer(RESET_SALT).loads(token, max_age=max_age_seconds)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    return data["a"], str(data.get("p", ""))
