"""One-time invitation links for facility accounts (signed; used up once the account exists)."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

from web import db

MAX_AGE_DAYS = 7


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(db.settings().secret_key.get_secret_value(), salt="invite")


def make_invitation(facility_id: int, email: str) -> str:
    """A token naming the facility and the address the account will have."""
    return _serializer().dumps({"f": facility_id, "e": email})


def read_invitation(token: str) -> tuple[int, str] | None:
    """The (facility id, e-mail) of a valid, unexpired token; None otherwise."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_DAYS * 86400)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), int):
        return None
    return data["f"], str(data.get("e", ""))
