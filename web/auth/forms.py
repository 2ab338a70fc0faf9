"""The login form."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional


class LoginForm(FlaskForm):
    """E-mail, password and, for staff, a code from the authenticator app."""

    email = EmailField("E-mailadres", validators=[DataRequired("Vul je e-mailadres in.")])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul je wachtwoord in.")])
    code = StringField(
        "Code uit je authenticator-app (voor redactie en beheer)",
        validators=[Optional(), Length(max=8)],
    )


class InvitationForm(FlaskForm):
    """Name and a new password for a facility account."""

    name = StringField("Je naam", validators=[DataRequired("Vul je naam in."), Length(max=100)])
    password = PasswordField(
        "Kies een wachtwoord (minstens 12 tekens)",
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(min=12, max=200, message="Gebruik minstens 12 tekens."),
        ],
    )
    repeat = PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("password", message="De twee wachtwoorden zijn niet gelijk.")],
    )
