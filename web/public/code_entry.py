"""A family types the code from a facility's card and lands on that facility's form."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select
from werkzeug.wrappers import Response

from models import InvitationCode
from web import db
from web.codes.routes import normalise_code
from web.extensions import limiter

bp = Blueprint("code_entry", __name__, template_folder="templates")


@bp.get("/code")
@limiter.limit("20 per hour", exempt_when=lambda: not request.args.get("code"))
def enter() -> Response | str | tuple[str, int]:
    """The short address on the card: type the code, go to the right form with it filled in."""
    typed = normalise_code(request.args.get("code", ""))
    if not typed:
        return render_template("public/code.html", typed="", error="")
    found = (
        db.session()
        .exec(
            select(InvitationCode).where(
                InvitationCode.code == typed,
                InvitationCode.used_at == None,  # noqa: E711
            )
        )
        .first()
    )
    if found is None:
        error = _("Deze code klopt niet of werd al gebruikt. Kijk ze na op je kaartje.")
        return render_template("public/code.html", typed=typed, error=error), 404
    return redirect(url_for("review.write", facility_id=found.facility_id, code=typed))
