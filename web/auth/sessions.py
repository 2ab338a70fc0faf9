"""Sessions: a logged-in account's session lives in Redis (Flask-Session), a visitor's in a cookie.

A staff session is a random id in the cookie and the data in Redis, so logging out deletes it
everywhere (a copied cookie is dead), the id changes at login, and it ends after
`session_idle_minutes` without a request or `session_max_hours` after login. A visitor's session
holds only the CSRF token and the language: it stays a signed cookie, so families can still write
and confirm reviews while Redis is away (an outage then logs staff out: it fails closed).
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

import redis
from flask import Flask, Request, Response, flash, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_babel import gettext
from flask_login import logout_user
from flask_session.base import ServerSideSession
from flask_session.redis import RedisSessionInterface

from models.settings import Settings

log = logging.getLogger(__name__)

STAFF_COOKIE = "zr_staff"
VISITOR_COOKIE = "zr_session"
LOGIN_AT = "_zr_login_at"
SEEN_AT = "_zr_seen_at"
AUTH_KEYS = ("_user_id", "_fresh", "_id", "_remember", "_remember_seconds", LOGIN_AT, SEEN_AT)


def now() -> float:
    """The clock the session limits use (a test moves it)."""
    return time.time()


class _VisitorCookie(SecureCookieSessionInterface):
    """Flask's signed-cookie session under its own cookie name."""

    def get_cookie_name(self, app: Flask) -> str:
        return VISITOR_COOKIE


class StaffSessionInterface(RedisSessionInterface):  # type: ignore[misc]
    """Server-side sessions for logged-in accounts; signed cookies for everyone else."""

    def __init__(self, app: Flask, client: redis.Redis, prefix: str, idle: timedelta) -> None:
        super().__init__(app, client=client, key_prefix=prefix, use_signer=False, permanent=True)
        self.idle = idle
        self.visitor = _VisitorCookie()

    def get_cookie_name(self, app: Flask) -> str:
        return STAFF_COOKIE

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        sid = request.cookies.get(STAFF_COOKIE)
        if sid:
            try:
                data = self._retrieve_session_data(self._get_store_id(sid))
            except redis.RedisError:
                log.warning("session store unavailable: the staff session is not loaded")
                data = None
            except Exception:  # a record we cannot decode is no session
                data = None
            if data is not None:
                loaded = self.session_class(data, sid=sid)
                loaded.zr_stored = True
                return loaded
        visitor = self.visitor.open_session(app, request)
        values = {k: v for k, v in dict(visitor or {}).items() if k not in AUTH_KEYS}
        fresh = self.session_class(values, sid=self._generate_sid(self.sid_length))
        fresh.modified = False
        fresh.zr_stored = False
        fresh.zr_had_staff_cookie = bool(sid)
        return fresh

    def save_session(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        stored = getattr(session, "zr_stored", False)
        if session.get("_user_id"):
            self._save_staff(app, session, response, stored)
            return
        if stored or getattr(session, "zr_had_staff_cookie", False):
            # Logged out (or the record is gone): the server-side copy goes, everywhere.
            try:
                self._delete_session(self._get_store_id(session.sid))
            except redis.RedisError:
                log.warning("session store unavailable: a logged-out session waits for its TTL")
            response.delete_cookie(
                STAFF_COOKIE, domain=self.get_cookie_domain(app), path=self.get_cookie_path(app)
            )
            session.modified = True  # write what is left (CSRF token, language) as a cookie
        self._save_visitor(app, session, response)

    def _save_staff(
        self, app: Flask, session: ServerSideSession, response: Response, stored: bool
    ) -> None:
        try:
            self.client.set(
                name=self._get_store_id(session.sid),
                value=self.serializer.encode(session),
                ex=int(self.idle.total_seconds()),
            )
        except redis.RedisError:
            log.warning("session store unavailable: the login is not kept")
            return
        if not stored and request_had_visitor_cookie():
            response.delete_cookie(
                VISITOR_COOKIE, domain=self.get_cookie_domain(app), path=self.get_cookie_path(app)
            )
        response.set_cookie(
            STAFF_COOKIE,
            session.sid,
            httponly=True,
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")

    def _save_visitor(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        values = {k: v for k, v in dict(session).items() if k not in AUTH_KEYS}
        cookie = SecureCookieSession(values)
        cookie.modified = session.modified
        cookie.accessed = session.accessed
        self.visitor.save_session(app, cookie, response)

    def regenerate(self, session: ServerSideSession) -> None:
        """A new id for this session; the old one is deleted from Redis."""
        if getattr(session, "zr_stored", False):
            try:
                self._delete_session(self._get_store_id(session.sid))
            except redis.RedisError:
                log.warning("session store unavailable: the old session id waits for its TTL")
        session.sid = self._generate_sid(self.sid_length)
        session.zr_stored = False
        session.modified = True


def request_had_visitor_cookie() -> bool:
    """Whether the current request carried a visitor cookie."""
    from flask import request

    return VISITOR_COOKIE in request.cookies


def start_login_session(app: Flask) -> None:
    """Before `login_user`: drop what the visitor session held and take a new session id."""
    keep = {k: v for k, v in dict(session).items() if k == "taal"}
    session.clear()
    session.update(keep)
    interface = app.session_interface
    if isinstance(interface, StaffSessionInterface) and isinstance(session, ServerSideSession):
        interface.regenerate(session)


def mark_logged_in() -> None:
    """After `login_user`: the clock for the idle and the absolute limits starts."""
    stamp = now()
    session[LOGIN_AT] = stamp
    session[SEEN_AT] = stamp


def end_session() -> None:
    """Log out and forget everything the session held."""
    logout_user()
    session.clear()


def enforce_limits(settings: Settings) -> None:
    """Before each request: a logged-in session past its idle or absolute limit ends."""
    if not session.get("_user_id"):
        return
    stamp = now()
    login_at = _number(session.get(LOGIN_AT))
    seen_at = _number(session.get(SEEN_AT))
    idle = settings.session_idle_minutes * 60
    absolute = settings.session_max_hours * 3600
    if login_at is None or seen_at is None or stamp - seen_at > idle or stamp - login_at > absolute:
        end_session()
        flash(gettext("Je sessie is verlopen. Meld je opnieuw aan."), "info")
        return
    session[SEEN_AT] = stamp


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def init_app(app: Flask, settings: Settings, client: redis.Redis, prefix: str) -> None:
    """Install the session interface and the limits."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=settings.session_max_hours)
    app.session_interface = StaffSessionInterface(
        app, client, f"{prefix}:session:", timedelta(minutes=settings.session_idle_minutes)
    )

    app.before_request(lambda: enforce_limits(settings))
