"""Invitation codes for verified reviews: a facility makes them and prints a sheet with QR codes."""

from __future__ import annotations

import secrets

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from models import AccountFacility, Facility, InvitationCode, Role
from services.links import absolute
from web import db
from web.db import MAX_ID
from web.security import roles_required

bp = Blueprint(
    "codes", __name__, url_prefix="/voorziening-account/codes", template_folder="templates"
)

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: easy to type from paper
MAX_PER_BATCH = 50


def new_code() -> str:
    """A random ten-character code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def normalise_code(value: str) -> str:
    """Uppercase and drop spaces and dashes, as people type codes from paper."""
    return "".join(c for c in value.upper() if c.isalnum())[:16]


def _is_id(value: str) -> bool:
    """Plain ASCII digits that fit an id column ("²".isdigit() is true, int("²") fails)."""
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


def _my_facilities() -> list[Facility]:
    ids = (
        db.session()
        .exec(
            select(AccountFacility.facility_id).where(
                AccountFacility.account_id == int(current_user.id)
            )
        )
        .all()
    )
    return list(db.session().exec(select(Facility).where(col(Facility.id).in_(ids))))


@bp.get("/")
@roles_required(Role.FACILITY)
def index() -> str:
    """The facility's codes, used and unused."""
    facilities = _my_facilities()
    codes = list(
        db.session().exec(
            select(InvitationCode)
            .where(col(InvitationCode.facility_id).in_([f.id for f in facilities]))
            .order_by(col(InvitationCode.id).desc())
            .limit(500)
        )
    )
    return render_template(
        "codes/index.html", facilities=facilities, codes=codes, max_per_batch=MAX_PER_BATCH
    )


@bp.post("/")
@roles_required(Role.FACILITY)
def create() -> Response:
    """Make a batch of codes for one of the account's facilities and show the sheet."""
    facility_id = request.form.get("facility_id", type=int)
    if facility_id is None or facility_id not in {f.id for f in _my_facilities()}:
        abort(403)
    count = request.form.get("count", type=int) or 0
    if not 1 <= count <= MAX_PER_BATCH:
        flash(f"Kies een aantal van 1 tot {MAX_PER_BATCH}.", "error")
        return redirect(url_for("codes.index"))
    session = db.session()
    made = [InvitationCode(facility_id=facility_id, code=new_code()) for _ in range(count)]
    session.add_all(made)
    session.commit()
    return redirect(url_for("codes.sheet", ids=",".join(str(c.id) for c in made)))


@bp.get("/blad")
@roles_required(Role.FACILITY)
def sheet() -> str:
    """A printable sheet: per code the link as a QR code and the code in letters."""
    ids = [int(x) for x in request.args.get("ids", "").split(",") if _is_id(x)][:MAX_PER_BATCH]
    mine = {f.id: f for f in _my_facilities()}
    codes = [
        c
        for c in db.session().exec(select(InvitationCode).where(col(InvitationCode.id).in_(ids)))
        if c.facility_id in mine
    ]
    cards = []
    for c in codes:
        # From the configured address: a printed card must not carry a forged Host header.
        link = absolute(
            db.settings(), url_for("review.write", facility_id=c.facility_id, code=c.code)
        )
        qr = segno.make(link, error="m").svg_data_uri(scale=4)
        cards.append((c, mine[c.facility_id], link, qr))
    code_address = absolute(db.settings(), url_for("code_entry.enter")).split("://", 1)[-1]
    return render_template("codes/sheet.html", cards=cards, code_address=code_address)
