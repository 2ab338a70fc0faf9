"""Log in and out; staff who see personal data need a TOTP code as second factor."""

from __future__ import annotations

import pyotp
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from sqlmodel import select
from werkzeug.wrappers import Response

from models import Account, AccountFacility, Facility, Role
from web import db
from web.auth.forms import InvitationForm, LoginForm
from web.auth.invitations import read_invitation
from web.extensions import limiter
from web.security import STAFF, User, check_password, hash_password

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


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    """Create a facility account from a one-time invitation link."""
    invitation = read_invitation(token)
    session = db.session()
    if invitation is None:
        return render_template("auth/invitation.html", error="invalid", form=None), 400
    facility_id, email = invitation
    facility = session.get(Facility, facility_id)
    used = session.exec(select(Account).where(Account.email == email)).first()
    if facility is None or used is not None:
        return render_template("auth/invitation.html", error="used", form=None), 400
    form = InvitationForm()
    if form.validate_on_submit():
        account = Account(
            email=email,
            display_name=(form.name.data or "").strip()[:100],
            password_hash=hash_password(form.password.data or ""),
            role=Role.FACILITY,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        session.add(AccountFacility(account_id=account.id, facility_id=facility_id))
        session.commit()
        login_user(User(account))
        return redirect(url_for("facility.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "auth/invitation.html", error=None, form=form, facility=facility, email=email
    ), status
