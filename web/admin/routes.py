"""Administration: which facilities take part, and invitations for facility accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import Facility, Role
from services.links import absolute
from services.mailer import send_mail
from web import db
from web.auth.invitations import make_invitation
from web.security import roles_required

bp = Blueprint("admin", __name__, url_prefix="/beheer", template_folder="templates")


@bp.get("/")
@roles_required(Role.ADMIN)
def facilities() -> str:
    """All facilities with their participation, searchable by name."""
    q = request.args.get("q", "")[:100].strip().lower()
    query = select(Facility).order_by(col(Facility.name))
    if q:
        query = query.where(col(Facility.name).ilike(f"%{q}%"))
    from web.public.signup import pending_signups

    return render_template(
        "admin/facilities.html",
        facilities=db.session().exec(query.limit(200)),
        q=q,
        link=request.args.get("link"),
        signups=pending_signups(),
    )


@bp.post("/voorziening/<int:facility_id>/deelname")
@roles_required(Role.ADMIN)
def toggle_participation(facility_id: int) -> Response:
    """Approve (or pause) a facility's participation: only participants accept reviews."""
    session = db.session()
    fac = session.get(Facility, facility_id)
    if fac is None:
        abort(404)
    fac.participating = request.form.get("participating") == "1"
    fac.listed = fac.listed or fac.participating  # an approved sign-up becomes public
    session.add(fac)
    session.commit()
    flash(f"{fac.name}: {'doet mee' if fac.participating else 'doet niet mee'}.", "ok")
    return redirect(url_for("admin.facilities"))


@bp.post("/voorziening/<int:facility_id>/uitnodiging")
@roles_required(Role.ADMIN)
def invite(facility_id: int) -> Response:
    """Make a one-time invitation link for a facility account."""
    fac = db.session().get(Facility, facility_id)
    if fac is None:
        abort(404)
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
