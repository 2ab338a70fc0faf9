"""The Flask app factory: one `Settings` in, a blueprint per audience registered."""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import urlsplit

import redis
from flask import Flask, request, session
from werkzeug.wrappers import Response

from models.keys import RATE_LIMITS, SESSIONS, derive_key
from models.settings import Settings
from web.extensions import csrf, limiter, login_manager, talisman

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Pages with originals, personal data or a person's own review: never kept by a browser or proxy.
PRIVATE_PREFIXES = (
    "/redactie",
    "/beheer",
    "/voorziening-account",
    "/mijn-waardering/",
    "/aanmelden",
    "/account/",
    "/wachtwoord-",
    "/uitnodiging/",
    "/bevestig/",
    "/waardering/verstuurd/",
)


def trusted_hosts(settings: Settings) -> list[str]:
    """The host names requests may name: the base URL's, loopback with it, and any extra."""
    host = urlsplit(settings.base_url).hostname or "127.0.0.1"
    hosts = [host, *settings.trusted_hosts]
    if host in LOOPBACK:
        hosts += list(LOOPBACK)
    return list(dict.fromkeys(hosts))


def _no_store(response: Response) -> Response:
    # The session, not `current_user`: an after-request hook must not query the database.
    if request.path.startswith(PRIVATE_PREFIXES) or session.get("_user_id"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def create_app(settings: Settings | None = None, **config: Any) -> Flask:
    """Build the web app; without `settings` they are read from the environment (ZR_*)."""
    settings = settings or Settings()  # type: ignore[call-arg]
    app = Flask(__name__)
    secret = settings.secret_key.get_secret_value().encode()
    prefix = "zr-" + hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]
    app.config.update(
        # Flask signs sessions and CSRF tokens with a key of their own: it opens nothing else.
        SECRET_KEY=derive_key(secret, SESSIONS),
        TRUSTED_HOSTS=trusted_hosts(settings),
        MAX_CONTENT_LENGTH=1024 * 1024,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=None,
        TESTING=settings.testing,
        RATELIMIT_STORAGE_URI=settings.redis_url,
        # Said each time: the limiter is one object, and it keeps what the last app it was
        # initialised with said (a test app without limits would switch them off for the next).
        RATELIMIT_ENABLED=True,
        # Counters per database, so platforms (or test runs) sharing a Redis stay apart.
        ZR_LIMIT_PREFIX=prefix,
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_HEADERS_ENABLED=True,
    )
    app.config.update(config)
    logging.basicConfig(level=logging.INFO)

    from web import db

    db.init_app(app, settings)
    client = redis.Redis.from_url(
        settings.redis_url, socket_timeout=2.0, socket_connect_timeout=1.0
    )
    app.extensions["zr_redis"] = client
    app.extensions["zr_limit_key"] = derive_key(secret, RATE_LIMITS)
    from web.auth import sessions

    sessions.init_app(app, settings, client, prefix)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    talisman.init_app(
        app,
        force_https=False,
        session_cookie_secure=settings.secure_cookies,
        # Talisman sets the session cookie's SameSite itself (its default is Lax).
        session_cookie_samesite="Strict",
        content_security_policy={
            "default-src": "'self'",
            "img-src": "'self' data:",
            "style-src": "'self'",
            "script-src": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
            "base-uri": "'none'",
            "object-src": "'none'",
        },
        referrer_policy="no-referrer",
        frame_options="DENY",
    )

    from web.admin.routes import bp as admin_bp
    from web.api.public import bp as public_api_bp
    from web.api.routes import bp as api_bp
    from web.auth.routes import bp as auth_bp
    from web.codes.routes import bp as codes_bp
    from web.facility.routes import bp as facility_bp
    from web.health import bp as health_bp
    from web.moderate.routes import bp as moderate_bp
    from web.public.code_entry import bp as code_entry_bp
    from web.public.routes import bp as public_bp
    from web.public.signup import bp as signup_bp
    from web.review.routes import bp as review_bp

    blueprints = (
        public_bp,
        review_bp,
        moderate_bp,
        facility_bp,
        auth_bp,
        api_bp,
        admin_bp,
        codes_bp,
        public_api_bp,
        signup_bp,
        health_bp,
        code_entry_bp,
    )
    for bp in blueprints:
        app.register_blueprint(bp)
    csrf.exempt(api_bp)
    csrf.exempt(public_api_bp)
    csrf.exempt(health_bp)

    from web import errors, filters, i18n

    filters.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    app.after_request(_no_store)
    if not settings.testing:
        import moderation

        moderation.warm_up()  # the live hints must not pay for loading models
    return app
