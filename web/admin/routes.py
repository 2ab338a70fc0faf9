"""Administration: which facilities take part, and invitations for facility accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import Facility, Role
from services.facilities import (
    REJECT_CODES,
    REJECT_REASONS,
    format_enterprise_number,
    pending_signups,
    reject_signup,
    set_participation,
)
from services.links import absolute
from services.mailer import send_mail
from web import db
from web.auth.invitations import make_invitation
from web.security import roles_required
from web.text_input import clean_text

bp = Blueprint("admin", __name__, url_prefix="/beheer", template_folder="templates")


@bp.get("/")
@roles_required(Role.ADMIN)
def facilities() -> str:
    """All facilities with their participation, searchable by name."""
    q = request.args.get("q", "")[:100].strip().lower()
    query = select(Facility).order_by(col(Facility.name))
    if q:
        query = query.where(col(Facility.name).ilike(f"%{q}%"))
    return render_template(
        "admin/facilities.html",
        facilities=db.session().exec(query.limit(200)),
        q=q,
        link=request.args.get("link"),
        signups=pending_signups(db.session()),
        reject_reasons=REJECT_REASONS,
        kbo=format_enterprise_number,
    )


@bp.post("/voorziening/<int:facility_id>/deelname")
@roles_required(Role.ADMIN)
def toggle_participation(facility_id: int) -> Response:
    """Approve (or pause) a facility's participation: only participants accept reviews."""
    session = db.session()
    fac = _facility(facility_id)
    set_participation(session, fac, request.form.get("participating") == "1", _actor())
    flash(f"{fac.name}: {'doet mee' if fac.participating else 'doet niet mee'}.", "ok")
    return redirect(url_for("admin.facilities"))


@bp.post("/voorziening/<int:facility_id>/afwijzen")
@roles_required(Role.ADMIN)
def reject(facility_id: int) -> Response:
    """Refuse a waiting sign-up with a reason; the facility gets it by mail."""
    session = db.session()
    fac = _facility(facility_id)
    code = request.form.get("reason", "")
    note = clean_text(request.form.get("note", ""))[:1000]
    if code not in REJECT_CODES:
        flash("Kies een reden om de aanmelding af te wijzen.", "error")
    elif reject_signup(session, db.settings(), fac, code, note, _actor()):
        flash(f"Aanmelding van {fac.name} afgewezen; de reden is gemaild.", "ok")
    else:
        flash(f"{fac.name} wacht niet (meer) op goedkeuring: er is niets veranderd.", "error")
    return redirect(url_for("admin.facilities"))


def _facility(facility_id: int) -> Facility:
    """The facility of the URL, or 404."""
    fac = db.session().get(Facility, facility_id)
    if fac is None:
        abort(404)
    return fac


def _actor() -> str:
    return f"account:{current_user.id}"


@bp.post("/voorziening/<int:facility_id>/uitnodiging")
@roles_required(Role.ADMIN)
def invite(facility_id: int) -> Response:
    """Make a one-time invitation link for a facility account."""
    fac = _facility(facility_id)
    email = (request.form.get("email") or "").strip().lower()
    if "@" not in email or len(email) > 320:
        flash("Vul een geldig e-mailadres in.", "error")
        return redirect(url_for("admin.facilities"))
    token = make_invitation(fac.id or 0, email)
    link = absolute(db.settings(), url_for("auth.accept_invitation", token=token))
    send_mail(
        db.settings(),
        email,
        f"Uitnodiging: reageer op waarderingen van {fac.name}",
        f"Dag,\n\nJe bent uitgenodigd om voor {fac.name} een account te maken op "
        "Zorgwaardering Vlaanderen. Daarmee kan je publiek reageren op waarderingen van "
        f"jullie voorziening.\n\nMaak je account met deze link (eenmalig):\n{link}\n\n"
        "Met vriendelijke groeten,\nDe redactie\n",
    )
    flash(f"Uitnodiging voor {fac.name} gemaakt en gemaild naar {email}.", "ok")
    return redirect(url_for("admin.facilities", link=link))
