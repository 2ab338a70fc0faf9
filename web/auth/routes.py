"""Log in and out; staff who see personal data need a TOTP code as second factor."""

from __future__ import annotations

import pyotp
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from sqlmodel import select
from werkzeug.wrappers import Response

from models import Account, Role
from web import db
from web.auth.forms import LoginForm
from web.extensions import limiter
from web.security import STAFF, User, check_password

bp = Blueprint("auth", __name__, template_folder="templates")

HOME_FOR_ROLE = {
    Role.MODERATOR: "moderate.queue",
    Role.SENIOR: "moderate.queue",
    Role.ADMIN: "moderate.queue",
    Role.FACILITY: "facility.dashboard",
}


@bp.route("/aanmelden", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> str | Response | tuple[str, int]:
    """Check e-mail, password and (for staff) the TOTP code; the same message for every miss."""
    form = LoginForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        account = db.session().exec(select(Account).where(Account.email == email)).first()
        ok = (
            account is not None
            and account.active
            and check_password(account.password_hash, form.password.data or "")
        )
        if ok and account is not None and account.role in STAFF:
            ok = bool(account.totp_secret) and pyotp.TOTP(account.totp_secret or "").verify(
                (form.code.data or "").replace(" ", ""), valid_window=1
            )
        if ok and account is not None:
            login_user(User(account))
            target = request.args.get("next", "")
            if not target.startswith("/") or target.startswith("//"):
                target = url_for(HOME_FOR_ROLE.get(Role(account.role), "public.home"))
            return redirect(target)
        return render_template(
            "auth/login.html", form=form, error="Deze gegevens kloppen niet. Probeer opnieuw."
        ), 400
    return render_template("auth/login.html", form=form, error=None)


@bp.post("/afmelden")
def logout() -> Response:
    """Log out."""
    logout_user()
    return redirect(url_for("public.home"))
