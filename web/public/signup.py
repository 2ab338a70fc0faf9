"""A facility signs up to take part; an admin approves it and sends an invitation."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_wtf import FlaskForm
from sqlmodel import select
from werkzeug.wrappers import Response
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp

from models import AuditEvent, Facility
from models.themes import SECTORS
from web import db
from web.extensions import limiter
from web.text_input import clean_text

bp = Blueprint("signup", __name__, template_folder="templates")


class SignupForm(FlaskForm):  # type: ignore[misc]
    """What we need to know to approve a facility."""

    name = StringField(
        "Naam van de voorziening",
        filters=[clean_text],
        validators=[DataRequired("Vul de naam in."), Length(max=200)],
    )
    sector = SelectField("Sector", choices=list(SECTORS.items()))
    type = StringField(
        "Soort (bijvoorbeeld groepsopvang, woonzorgcentrum)",
        filters=[clean_text],
        validators=[DataRequired("Vul de soort in."), Length(max=80)],
    )
    municipality = StringField(
        "Gemeente",
        filters=[clean_text],
        validators=[DataRequired("Vul de gemeente in."), Length(max=100)],
    )
    postcode = StringField(
        "Postcode",
        validators=[Regexp(r"[0-9]{4}\Z", message="Een Belgische postcode heeft 4 cijfers.")],
    )
    email = EmailField(
        "E-mailadres van de verantwoordelijke",
        validators=[
            DataRequired("Vul een e-mailadres in."),
            Email("Dit e-mailadres klopt niet.", check_deliverability=False),
        ],
    )


@bp.route("/deelnemen", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def signup() -> str | Response | tuple[str, int]:
    """The sign-up form; the facility waits for an admin before it accepts reviews."""
    form = SignupForm()
    if form.validate_on_submit():
        session = db.session()
        fac = Facility(
            name=form.name.data or "",
            sector=form.sector.data or "",
            participating=False,
            listed=False,
            type=form.type.data or "",
            municipality=form.municipality.data or "",
            postcode=form.postcode.data or "",
        )
        session.add(fac)
        session.flush()
        assert fac.id is not None
        session.add(
            AuditEvent(
                subject_kind="facility",
                subject_id=fac.id,
                actor="signup",
                from_state="-",
                to_state="signed_up",
                reason_code="signup",
                note=(form.email.data or "").strip().lower(),
            )
        )
        session.commit()
        return render_template("public/signup_done.html", facility=fac)
    status = 400 if form.is_submitted() else 200
    return render_template("public/signup.html", form=form), status


def pending_signups() -> list[tuple[Facility, str]]:
    """Facilities that signed up and are not taking part yet, with their contact address."""
    session = db.session()
    rows = session.exec(
        select(Facility, AuditEvent.note)
        .join(
            AuditEvent,
            (AuditEvent.subject_id == Facility.id)  # type: ignore[arg-type]
            & (AuditEvent.subject_kind == "facility")
            & (AuditEvent.reason_code == "signup"),
        )
        .where(Facility.participating == False)  # noqa: E712
    ).all()
    return [(fac, note or "") for fac, note in rows]
