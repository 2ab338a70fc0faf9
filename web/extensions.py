"""Flask extensions, created unbound and initialised in `create_app`; the limiter's keys."""

import hashlib
import hmac
import time
from typing import cast

import redis
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect
from limits import RateLimitItem
from limits.storage import RedisStorage
from limits.strategies import STRATEGIES, FixedWindowRateLimiter
from limits.util import WindowStats

from models.reviewer import normalise_email

csrf = CSRFProtect()


class _NoRememberLoginManager(LoginManager):  # type: ignore[misc]
    """Flask-Login without its remember-me cookie: a login lives only as long as its session."""

    def _load_user_from_remember_cookie(self, cookie: str) -> None:
        return None


login_manager = _NoRememberLoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Meld je aan om verder te gaan."


def _prefix() -> str:
    # The app's prefix keeps platforms (and test runs) that share one Redis apart.
    return str(current_app.config.get("ZR_LIMIT_PREFIX", ""))


def _client_key() -> str:
    return f"{_prefix()}:{get_remote_address()}"


def address_key() -> str:
    """The limiter key for the e-mail address in the posted form.

    A keyed hash (its own key): Redis never holds the address, nor anything that a guessed
    address could be checked against without the server secret.
    """
    address = normalise_email(str(request.form.get("email", "")))
    key: bytes = current_app.extensions["zr_limit_key"]
    digest = hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{_prefix()}:address:{digest}"


def _limit(name: str) -> str:
    return str(getattr(current_app.extensions["zr_settings"], name))


def submit_limit_per_address() -> str:
    """How many reviews one e-mail address may post (each post mails the address)."""
    return _limit("submit_limit_per_address")


def submit_limit_per_ip() -> str:
    """How many reviews one client address may post."""
    return _limit("submit_limit_per_ip")


def hints_limit_per_ip() -> str:
    """How many live-hint requests one client address may make."""
    return _limit("hints_limit_per_ip")


def login_limit_per_account() -> str:
    """How many failed logins one account may have before it waits."""
    return _limit("login_limit_per_account")


class OneTripFixedWindow(FixedWindowRateLimiter):
    """Fixed windows whose stats for the response's headers come in one Redis round trip.

    The stock strategy sends a GET and then a TTL, two round trips on every limited request;
    these are the same two commands in one pipeline. Other storages (the in-memory fallback)
    are asked as before.
    """

    def get_window_stats(self, item: RateLimitItem, *identifiers: str) -> WindowStats:
        """The window's reset time and what is left of it, as the stock strategy says."""
        storage = self.storage
        if not isinstance(storage, RedisStorage):
            return super().get_window_stats(item, *identifiers)
        key = storage.prefixed_key(item.key_for(*identifiers))
        client = cast(redis.Redis, storage.get_connection(True))
        pipe = client.pipeline(transaction=False)
        pipe.get(key)
        pipe.ttl(key)
        count, ttl = pipe.execute()
        return WindowStats(max(ttl, 0) + time.time(), max(0, item.amount - int(count or 0)))


ONE_TRIP_FIXED_WINDOW = "zr-fixed-window"
STRATEGIES[ONE_TRIP_FIXED_WINDOW] = OneTripFixedWindow
limiter = Limiter(key_func=_client_key, default_limits=[], strategy=ONE_TRIP_FIXED_WINDOW)
talisman = Talisman()
