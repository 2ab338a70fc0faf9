"""A facility signs up to take part; an admin approves it and sends an invitation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from models.themes import SECTORS
from services.facilities import Signup, enterprise_number, sign_up
from web import db
from web.extensions import limiter
from web.text_input import clean_text

bp = Blueprint("signup", __name__, template_folder="templates")


def sector_choices() -> list[tuple[str, str]]:
    """The sectors, named in the page's language."""
    return [(key, gettext(name)) for key, name in SECTORS.items()]


class SignupForm(FlaskForm):  # type: ignore[misc]
    """What we need to know to approve a facility."""

    name = StringField(
        _l("Naam van de voorziening"),
        filters=[clean_text],
        validators=[DataRequired(_l("Vul de naam in.")), Length(max=200)],
    )
    sector = SelectField(_l("Sector"), choices=lambda: sector_choices())
    type = StringField(
        _l("Soort (bijvoorbeeld groepsopvang, woonzorgcentrum)"),
        filters=[clean_text],
        validators=[DataRequired(_l("Vul de soort in.")), Length(max=80)],
    )
    municipality = StringField(
        _l("Gemeente"),
        filters=[clean_text],
        validators=[DataRequired(_l("Vul de gemeente in.")), Length(max=100)],
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[Regexp(r"[0-9]{4}\Z", message=_l("Een Belgische postcode heeft 4 cijfers."))],
    )
    enterprise_number = StringField(
        _l("Ondernemingsnummer (KBO)"),
        description=_l(
            "10 cijfers, bijvoorbeeld 0403.170.701. Je vindt het in de KBO Public Search."
        ),
        validators=[DataRequired(_l("Vul het ondernemingsnummer van je organisatie in."))],
    )
    licence_number = StringField(
        _l("Erkenningsnummer of dossiernummer (als je er een hebt)"),
        description=_l("Van Opgroeien, het VAPH of Zorg en Gezondheid."),
        filters=[clean_text],
        validators=[Optional(), Length(max=40, message=_l("Dit nummer is te lang."))],
    )
    email = EmailField(
        _l("E-mailadres van de verantwoordelijke"),
        validators=[
            DataRequired(_l("Vul een e-mailadres in.")),
            Email(_l("Dit e-mailadres klopt niet."), check_deliverability=False),
        ],
    )

    def validate_enterprise_number(self, field: Any) -> None:
        """A real KBO number: 10 digits whose last two check the first eight."""
        if field.data and enterprise_number(field.data) is None:
            raise ValidationError(
                gettext(
                    "Dit ondernemingsnummer bestaat niet. Kijk de 10 cijfers na (bijvoorbeeld "
                    "0403.170.701)."
                )
            )


@bp.route("/deelnemen", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def signup() -> str | Response | tuple[str, int]:
    """The sign-up form; the facility waits for an admin before it accepts reviews."""
    form = SignupForm()
    if form.validate_on_submit():
        fac = sign_up(
            db.session(),
            Signup(
                name=form.name.data or "",
                sector=form.sector.data or "",
                type=form.type.data or "",
                municipality=form.municipality.data or "",
                postcode=form.postcode.data or "",
                enterprise_number=enterprise_number(form.enterprise_number.data or "") or "",
                licence_number=form.licence_number.data or "",
                email=form.email.data or "",
            ),
        )
        return render_template("public/signup_done.html", facility=fac)
    status = 400 if form.is_submitted() else 200
    return render_template("public/signup.html", form=form), status
