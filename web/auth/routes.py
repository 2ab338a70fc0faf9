"""Log in and out, change or reset a password; staff who see personal data need a TOTP code."""

from __future__ import annotations

import logging
import threading
import unicodedata
from urllib.parse import urlsplit

import redis
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_required, login_user
from sqlmodel import select
from werkzeug.wrappers import Response

from models import Account, AccountFacility, Facility, Role
from models.settings import Settings
from models.themes import N_
from services.mailer import send_mail
from web import db
from web.auth import sessions, totp
from web.auth.forms import (
    InvitationForm,
    LoginForm,
    PasswordChangeForm,
    ResetForm,
    ResetRequestForm,
)
from web.auth.invitations import make_reset_token, read_invitation, read_reset_token
from web.auth.passwords import password_problem
from web.extensions import address_key, limiter, login_limit_per_account
from web.security import (
    PASSWORD_MARK,
    STAFF,
    User,
    check_no_password,
    check_password,
    hash_password,
    password_fingerprint,
)

bp = Blueprint("auth", __name__, template_folder="templates")
log = logging.getLogger(__name__)

HOME_FOR_ROLE = {
    Role.MODERATOR: "moderate.queue",
    Role.SENIOR: "moderate.queue",
    Role.ADMIN: "moderate.queue",
    Role.FACILITY: "facility.dashboard",
}
WRONG = N_("Deze gegevens kloppen niet. Probeer opnieuw.")
UNAVAILABLE = N_("Aanmelden lukt nu even niet. Probeer het over een minuut opnieuw.")
RESET_SENT = N_(
    "Als dit adres bij een account hoort, krijg je binnen enkele minuten een mail met een link "
    "om een nieuw wachtwoord te kiezen. De link werkt één keer en %(minutes)d minuten lang."
)


def safe_next(raw: str | None) -> str | None:
    """A same-site relative path to go to after login, or None.

    Browsers drop tabs, newlines and other control characters from a URL and read a backslash
    as a slash, so `/%09/evil.example/` and `/\\evil.example` mean `//evil.example`: judge the
    target as the browser will read it.
    """
    if not raw:
        return None
    cleaned = "".join(
        ch for ch in raw if not ch.isspace() and unicodedata.category(ch)[0] not in "CZ"
    ).replace("\\", "/")
    if not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc:
        return None
    return cleaned


def _home(account: Account) -> str:
    return url_for(HOME_FOR_ROLE.get(Role(account.role), "public.home"))


def _redis() -> redis.Redis:
    client: redis.Redis = current_app.extensions["zr_redis"]
    return client


def _secret() -> bytes:
    return db.settings().secret_key.get_secret_value().encode()


def _second_factor(account: Account, code: str) -> bool:
    """A valid TOTP code for a time step later than the last one this account used."""
    secret = totp.open_totp_secret(account.totp_secret, _secret())
    if not secret:
        return False
    step = totp.matching_step(secret, code)
    if step is None:
        return False
    prefix = current_app.config.get("ZR_LIMIT_PREFIX", "")
    return totp.use_step(_redis(), f"{prefix}:totp-step:{account.id}", step)


def sign_in(account: Account) -> None:
    """Log `account` in on a new session id; the idle and absolute limits start now."""
    sessions.start_login_session(current_app)
    login_user(User(account))
    sessions.mark_logged_in()
    session[PASSWORD_MARK] = password_fingerprint(account.password_hash)


def _seal_legacy_totp(account: Account) -> None:
    """A TOTP secret still stored in plain text is sealed on its first use."""
    if account.totp_secret and not totp.is_sealed(account.totp_secret):
        account.totp_secret = totp.seal_totp_secret(account.totp_secret, _secret())
        db.session().add(account)
        db.session().commit()


def _failed_login(response: Response) -> bool:
    return response.status_code != 302


@bp.route("/aanmelden", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit(
    login_limit_per_account, key_func=address_key, methods=["POST"], deduct_when=_failed_login
)
def login() -> str | Response | tuple[str, int]:
    """Check e-mail, password and (for staff) the TOTP code; the same message for every miss."""
    form = LoginForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        password = form.password.data or ""
        account = db.session().exec(select(Account).where(Account.email == email)).first()
        if account is None or not account.active:
            ok = check_no_password(password)  # as slow as a real check: no account oracle
        else:
            ok = check_password(account.password_hash, password)
        try:
            if ok and account is not None and account.role in STAFF:
                ok = _second_factor(account, form.code.data or "")
        except redis.RedisError:
            log.warning("login refused: Redis is unavailable for the TOTP check")
            return render_template("auth/login.html", form=form, error=gettext(UNAVAILABLE)), 503
        if ok and account is not None:
            _seal_legacy_totp(account)
            sign_in(account)
            return redirect(safe_next(request.args.get("next")) or _home(account))
        return render_template("auth/login.html", form=form, error=gettext(WRONG)), 400
    return render_template("auth/login.html", form=form, error=None)


@bp.post("/afmelden")
def logout() -> Response:
    """Log out: the session is deleted on the server, not only forgotten by this browser."""
    sessions.end_session()
    return redirect(url_for("public.home"))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required  # type: ignore[untyped-decorator]
@limiter.limit("10 per hour", methods=["POST"])
def change_password() -> str | Response | tuple[str, int]:
    """A logged-in account chooses a new password; its other sessions end."""
    account = db.session().get(Account, int(current_user.id))
    assert account is not None  # the user loader found it a moment ago
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not check_password(account.password_hash, form.current.data or ""):
            form.current.errors = [gettext("Dit is niet je huidige wachtwoord.")]
        elif problem := password_problem(
            form.password.data or "", account.email, account.display_name
        ):
            form.password.errors = [problem]
        else:
            account.password_hash = hash_password(form.password.data or "")
            db.session().add(account)
            db.session().commit()
            sign_in(account)
            flash(
                gettext("Je wachtwoord is gewijzigd. Je andere sessies zijn afgemeld."), "success"
            )
            return redirect(_home(account))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", key_func=address_key, methods=["POST"])
def forgot_password() -> str | tuple[str, int]:
    """Mail a reset link to an account's address; the page says the same for any address."""
    form = ResetRequestForm()
    settings = db.settings()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        account = db.session().exec(select(Account).where(Account.email == email)).first()
        if account is not None and account.active and account.id is not None:
            token = make_reset_token(account.id, password_fingerprint(account.password_hash))
            # From the configured address, never from the request's Host header.
            link = settings.base_url.rstrip("/") + url_for("auth.reset_password", token=token)
            # In the language of the page that asked for it.
            body = gettext(
                "Dag %(name)s,\n\nIemand vroeg een nieuw wachtwoord voor je account bij "
                "Zorgwaardering Vlaanderen. Kies een nieuw wachtwoord via deze link (één keer "
                "bruikbaar, %(minutes)d minuten geldig):\n\n%(link)s\n\n"
                "Vroeg jij dit niet? Dan hoef je niets te doen: je wachtwoord blijft hetzelfde.\n",
                name=account.display_name,
                minutes=settings.password_reset_minutes,
                link=link,
            )
            subject = gettext("Een nieuw wachtwoord kiezen")
            # In the background, so an existing account does not answer slower than an unknown.
            threading.Thread(
                target=_send_quietly,
                args=(settings, account.email, subject, body),
                daemon=True,
            ).start()
        message = gettext(RESET_SENT, minutes=settings.password_reset_minutes)
        return render_template("auth/forgot.html", form=None, sent=message)
    status = 400 if request.method == "POST" else 200
    return render_template("auth/forgot.html", form=form, sent=None), status


def _send_quietly(settings: Settings, to: str, subject: str, body: str) -> None:
    try:
        send_mail(settings, to, subject, body)
    except Exception:  # the page already answered; the person can ask again
        log.warning("password reset mail not sent", exc_info=True)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str) -> str | tuple[str, int]:
    """Choose a new password through a reset link; the link then stops working."""
    settings = db.settings()
    found = read_reset_token(token, settings.password_reset_minutes * 60)
    account = db.session().get(Account, found[0]) if found else None
    if (
        found is None
        or account is None
        or not account.active
        or found[1] != password_fingerprint(account.password_hash)
    ):
        return render_template("auth/reset.html", form=None, error="invalid", done=False), 400
    form = ResetForm()
    if form.validate_on_submit():
        problem = password_problem(form.password.data or "", account.email, account.display_name)
        if problem is None:
            account.password_hash = hash_password(form.password.data or "")
            db.session().add(account)
            db.session().commit()
            sessions.end_session()
            return render_template("auth/reset.html", form=None, error=None, done=True)
        form.password.errors = [problem]
    status = 400 if request.method == "POST" else 200
    return render_template("auth/reset.html", form=form, error=None, done=False), status


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    """Create a facility account from a one-time invitation link."""
    invitation = read_invitation(token)
    session_db = db.session()
    if invitation is None:
        return render_template("auth/invitation.html", error="invalid", form=None), 400
    facility_id, email = invitation
    facility = session_db.get(Facility, facility_id)
    used = session_db.exec(select(Account).where(Account.email == email)).first()
    if facility is None or used is not None:
        return render_template("auth/invitation.html", error="used", form=None), 400
    form = InvitationForm()
    if form.validate_on_submit():
        name = (form.name.data or "").strip()[:100]
        problem = password_problem(form.password.data or "", email, name)
        if problem is None:
            account = Account(
                email=email,
                display_name=name,
                password_hash=hash_password(form.password.data or ""),
                role=Role.FACILITY,
            )
            session_db.add(account)
            session_db.flush()
            assert account.id is not None
            session_db.add(AccountFacility(account_id=account.id, facility_id=facility_id))
            session_db.commit()
            sign_in(account)
            return redirect(url_for("facility.dashboard"))
        form.password.errors = [problem]
    status = 400 if request.method == "POST" else 200
    return render_template(
        "auth/invitation.html", error=None, form=form, facility=facility, email=email
    ), status
