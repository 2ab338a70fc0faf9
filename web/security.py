"""Passwords (argon2), the logged-in user, and role decorators for every staff route."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, session
from flask_login import UserMixin, current_user

from models import Account, Role
from web import db
from web.extensions import login_manager

_hasher = PasswordHasher()
F = TypeVar("F", bound=Callable[..., Any])
STAFF = (Role.MODERATOR, Role.SENIOR, Role.ADMIN)


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    """Verify a password against its argon2 hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def check_no_password(password: str) -> bool:
    """Spend what a real check costs, for an unknown or inactive account; always False."""
    check_password(_dummy_hash(), password)
    return False


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: a session or token made before a change no longer fits."""
    return hashlib.sha256(b"zr-password:" + password_hash.encode()).hexdigest()[:16]


class User(UserMixin):  # type: ignore[misc]
    """The logged-in account as Flask-Login sees it."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.id = str(account.id)
        self.role = account.role
        self.name = account.display_name


PASSWORD_MARK = "_zr_pw"  # noqa: S105  (a session key, not a password)


@login_manager.user_loader  # type: ignore[untyped-decorator]
def _load(user_id: str) -> User | None:
    account = db.session().get(Account, int(user_id)) if user_id.isdigit() else None
    if account is None or not account.active:
        return None
    # A password change (or reset) ends every session that was opened with the old password.
    if session.get(PASSWORD_MARK) != password_fingerprint(account.password_hash):
        return None
    return User(account)


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow only logged-in accounts with one of `roles`; others get 403 (or the login page)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
